package org.guestjourney.web;

/** The caller is known but may not do this (a read-only key writing, housekeeping on a guest). */
public class ForbiddenException extends RuntimeException {

  public ForbiddenException(String message) {
    super(message);
  }
}
