package org.guestjourney.guestrequest;

import org.guestjourney.runtime.EmbeddedRuntimeEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The embedded engine forgets its processes when the app stops: a guest request not handled yet, of
 * a stay still live, gets its process (and its team's task) back after the journeys are restored
 * (which cancels the old tasks), due when it was due before.
 */
@Component
@ConditionalOnProperty(
    name = EmbeddedRuntimeEnvironment.REBUILD_FROM_DATABASE,
    havingValue = "true")
class GuestRequestRestorer {

  private static final Logger log = LoggerFactory.getLogger(GuestRequestRestorer.class);

  private final GuestRequestService requests;

  GuestRequestRestorer(GuestRequestService requests) {
    this.requests = requests;
  }

  @EventListener(ApplicationReadyEvent.class)
  @Order(10)
  void restore() {
    int restored = requests.restoreOpenJourneys();
    if (restored > 0) {
      log.info("{} guest request(s) wait for their team again", restored);
    }
  }
}
