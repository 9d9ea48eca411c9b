package org.guestjourney.messaging;

/** A send did not happen this time and may succeed later; the message is kept for a retry. */
public class SendFailedException extends RuntimeException {

  public SendFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
