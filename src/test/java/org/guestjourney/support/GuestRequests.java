package org.guestjourney.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.guestjourney.guestrequest.GuestRequest;
import org.guestjourney.guestrequest.GuestRequestService;

/** Guest requests in tests: their process starts from the engine outbox, after the request. */
public final class GuestRequests {

  private GuestRequests() {}

  /** Waits until the request's process has started and returns the request with its key. */
  public static GuestRequest started(GuestRequestService requests, GuestRequest raised) {
    return await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> requests.get(raised.id()), r -> r.processInstanceKey() != null);
  }
}
