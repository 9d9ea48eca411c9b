package org.guestjourney.privacy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Erases guests past their property's retention. Erasure is idempotent, so replicas running it at
 * the same time only repeat each other's work.
 */
@Component
class RetentionJob {

  private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);

  private final GuestPrivacyService privacy;

  RetentionJob(GuestPrivacyService privacy) {
    this.privacy = privacy;
  }

  @Scheduled(
      initialDelayString = "${guest-journey.privacy.retention-check-every:PT1H}",
      fixedDelayString = "${guest-journey.privacy.retention-check-every:PT1H}")
  void eraseExpired() {
    try {
      int erased = privacy.eraseExpired();
      if (erased > 0) {
        log.info("Retention: {} guest(s) erased", erased);
      }
    } catch (RuntimeException e) {
      log.error("Retention run failed; it runs again later", e);
    }
  }
}
