package org.guestjourney.messaging.rules;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Once the guest had the property's {@code maxMessagesPerDay} messages on their local day, a survey
 * or review request waits for the next morning (the end of quiet hours). The day is the guest's own
 * ({@link SendContext#guestZone()}: where they live before and after the stay, the property's
 * during it), as for quiet hours. Service messages are never capped; staff "send now" overrides the
 * cap.
 */
@Component
@Order(SendRule.DAILY_CAP)
public class DailyCapRule implements SendRule {

  private final SentMessages sent;

  public DailyCapRule(SentMessages sent) {
    this.sent = sent;
  }

  @Override
  public SendDecision decide(SendContext c) {
    if (c.byStaff() || c.step().transactional() || c.booking() == null) {
      return SendDecision.SEND;
    }
    ZoneId zone = c.guestZone();
    LocalDate today = c.now().atZone(zone).toLocalDate();
    Instant dayStart = today.atStartOfDay(zone).toInstant();
    Instant nextDay = today.plusDays(1).atStartOfDay(zone).toInstant();
    int cap = c.settings().maxMessagesPerDay();
    if (sent.countSent(c.booking().id(), dayStart, nextDay) < cap) {
      return SendDecision.SEND;
    }
    Instant until = today.plusDays(1).atTime(c.settings().quietHoursEnd()).atZone(zone).toInstant();
    return new SendDecision.WaitUntil(
        until,
        "Frequency cap: "
            + cap
            + " messages already went to this guest today (the property's cap per day); goes at "
            + c.atPropertyAndGuest(until));
  }
}
