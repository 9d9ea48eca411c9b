package org.guestjourney.privacy;

/**
 * Contact data that cannot be read: plaintext where ciphertext belongs, or a wrong or missing key.
 */
public class ContactDataException extends IllegalStateException {

  public ContactDataException(String message) {
    super(message);
  }

  public ContactDataException(String message, Throwable cause) {
    super(message, cause);
  }
}
