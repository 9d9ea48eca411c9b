package org.guestjourney.staffalert;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Alerts to staff about new, given, urgent, nearly due and overdue tasks.
 *
 * @param enabled whether alerts are raised and sent at all (default true)
 * @param checkEvery how often each replica looks for tasks whose deadline is near or has passed,
 *     for digests that are due and for alerts to send (default 5 s; {@code
 *     guest-journey.staff-alerts.check-every})
 * @param sendLease how long one replica holds an alert while sending it before another may take it
 *     over (default 2 min: longer than the mail and Twilio time-outs)
 * @param retryBackoff wait before a failed alert is tried again (default 1 min)
 * @param maxAttempts attempts before an alert is given up as failed (default 5)
 * @param dueSoonAt the share of a task's time (from its creation to its deadline) after which its
 *     people hear that the deadline is near (default 0.8: after 48 of 60 minutes, 12 minutes before
 *     the deadline); between 0 and 1
 */
@ConfigurationProperties("guest-journey.staff-alerts")
public record StaffAlertProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("PT5S") Duration checkEvery,
    @DefaultValue("PT2M") Duration sendLease,
    @DefaultValue("PT1M") Duration retryBackoff,
    @DefaultValue("5") int maxAttempts,
    @DefaultValue("0.8") double dueSoonAt) {

  public StaffAlertProperties {
    if (!(dueSoonAt > 0 && dueSoonAt < 1)) {
      throw new IllegalArgumentException(
          "guest-journey.staff-alerts.due-soon-at must be between 0 and 1, e.g. 0.8");
    }
  }
}
