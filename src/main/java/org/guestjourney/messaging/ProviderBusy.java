package org.guestjourney.messaging;

import java.time.Duration;

/**
 * The provider did not take the message now and said when to come back (HTTP 429 with {@code
 * Retry-After}): the retry waits at least that long instead of the usual backoff.
 */
public class ProviderBusy extends RuntimeException {

  private final Duration retryAfter;

  public ProviderBusy(String message, Duration retryAfter) {
    super(message);
    this.retryAfter = retryAfter;
  }

  public Duration retryAfter() {
    return retryAfter;
  }
}
