package org.guestjourney.feedback;

import org.guestjourney.runtime.EmbeddedRuntimeEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The embedded engine forgets its processes when the app stops: the manager's task of every alert
 * not yet handled is created again (after the journeys are restored, which cancels old tasks).
 */
@Component
@ConditionalOnProperty(
    name = EmbeddedRuntimeEnvironment.REBUILD_FROM_DATABASE,
    havingValue = "true")
class RecurringProblemRestorer {

  private static final Logger log = LoggerFactory.getLogger(RecurringProblemRestorer.class);

  private final RecurringProblems alerts;

  RecurringProblemRestorer(RecurringProblems alerts) {
    this.alerts = alerts;
  }

  @EventListener(ApplicationReadyEvent.class)
  @Order(10)
  void restore() {
    var open = alerts.open();
    open.forEach(a -> alerts.startJourney(a.id()));
    if (!open.isEmpty()) {
      log.info("{} recurring-problem alert(s) wait for the manager again", open.size());
    }
  }
}
