package org.guestjourney.web;

/** The request is valid but cannot be applied to the current state (e.g. a cancelled booking). */
public class ConflictException extends RuntimeException {

  public ConflictException(String message) {
    super(message);
  }
}
