package org.guestjourney.messaging;

import java.time.Duration;
import java.time.Instant;

/**
 * A send did not happen this time and may succeed later; the message is kept for a retry. With
 * {@code retryAt} the message is waiting for a moment (the end of quiet hours) rather than failing:
 * the retry does not use up an attempt.
 */
public class SendFailedException extends RuntimeException {

  private final Instant retryAt;

  public SendFailedException(String message, Throwable cause) {
    this(message, cause, null);
  }

  public SendFailedException(String message, Throwable cause, Instant retryAt) {
    super(message, cause);
    this.retryAt = retryAt;
  }

  /** The moment the message waits for, when it waits rather than failed. */
  public java.util.Optional<Instant> retryAt() {
    return java.util.Optional.ofNullable(retryAt);
  }

  /** Attempts left for the job after this one. */
  public int retriesLeft(int current) {
    return retryAt == null ? current - 1 : current;
  }

  /**
   * How long the job waits before trying again: {@code normal}, or longer when the provider asked
   * for it ({@link ProviderBusy}), or until the moment the message waits for.
   */
  public Duration backoff(Duration normal, Instant now) {
    if (retryAt == null) {
      for (Throwable t = getCause(); t != null; t = t.getCause()) {
        if (t instanceof ProviderBusy busy && busy.retryAfter().compareTo(normal) > 0) {
          return busy.retryAfter();
        }
      }
      return normal;
    }
    Duration wait = Duration.between(now, retryAt).plusSeconds(1);
    return wait.isNegative() ? Duration.ofSeconds(1) : wait;
  }
}
