package org.guestjourney.messaging.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.guestjourney.messaging.rules.RuleFixtures.*;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import org.guestjourney.booking.Booking;
import org.guestjourney.messaging.MessageStep;
import org.guestjourney.property.JourneySettings;
import org.junit.jupiter.api.Test;

class DailyCapRuleTest {

  private static final JourneySettings ONE_A_DAY =
      settings(LocalTime.of(21, 0), LocalTime.of(9, 0), 1, 12);

  private final Sent sent = new Sent();
  private final DailyCapRule rule = new DailyCapRule(sent);
  private final Booking beforeTheStay =
      booking(LocalDate.of(2026, 12, 20), LocalDate.of(2026, 12, 22));

  @Test
  void countsTheNewYorkGuestsDayNotTheShanghaiHousesDay() {
    // 10:00 on 1 December in New York (23:00 in Shanghai)
    sent.add(at(2026, 12, 1, 10, 0, NEW_YORK));
    // 21:00 on 1 December in New York: the same day for the guest, the next one in Shanghai
    Instant now = at(2026, 12, 1, 21, 0, NEW_YORK);

    SendDecision decision =
        rule.decide(
            context(
                MessageStep.REVIEW_REQUEST,
                beforeTheStay,
                guest(NEW_YORK),
                property(SHANGHAI),
                ONE_A_DAY,
                now));

    assertThat(decision)
        .isEqualTo(
            new SendDecision.WaitUntil(
                at(2026, 12, 2, 9, 0, NEW_YORK),
                "Frequency cap: 1 messages already went to this guest today (the property's cap"
                    + " per day); goes at 2026-12-02 22:00 CST (2026-12-02 09:00 EST where the"
                    + " guest is)"));
  }

  @Test
  void aMessageOnTheHousesDayButTheGuestsYesterdayDoesNotCount() {
    // 23:00 on 30 November in New York, 12:00 on 1 December in Shanghai
    sent.add(at(2026, 11, 30, 23, 0, NEW_YORK));
    Instant now = at(2026, 12, 1, 9, 30, NEW_YORK); // 22:30 in Shanghai, the same house day

    assertThat(
            rule.decide(
                context(
                    MessageStep.SATISFACTION_SURVEY,
                    beforeTheStay,
                    guest(NEW_YORK),
                    property(SHANGHAI),
                    ONE_A_DAY,
                    now)))
        .isEqualTo(SendDecision.SEND);
  }

  @Test
  void duringTheStayTheHousesDayCounts() {
    Booking staying = booking(LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 3));
    // 08:00 in Shanghai on 2 December, still 1 December in New York
    sent.add(at(2026, 12, 2, 8, 0, SHANGHAI));
    // 14:00 in Shanghai, already 2 December in New York: the guest's home day would not count it
    Instant now = at(2026, 12, 2, 14, 0, SHANGHAI);

    assertThat(
            rule.decide(
                context(
                    MessageStep.QUICK_SURVEY,
                    staying,
                    guest(NEW_YORK),
                    property(SHANGHAI),
                    ONE_A_DAY,
                    now)))
        .isEqualTo(
            new SendDecision.WaitUntil(
                at(2026, 12, 3, 9, 0, SHANGHAI),
                "Frequency cap: 1 messages already went to this guest today (the property's cap"
                    + " per day); goes at 2026-12-03 09:00 CST"));
  }

  @Test
  void oneBelowTheCapGoesAndAtTheCapWaitsForTheNextMorning() {
    JourneySettings threeADay = settings(LocalTime.of(21, 0), LocalTime.of(9, 0), 3, 12);
    Instant now = at(2026, 12, 1, 18, 0, ROME);
    sent.add(at(2026, 12, 1, 9, 0, ROME), at(2026, 12, 1, 12, 0, ROME));
    SendContext c =
        context(
            MessageStep.REVIEW_REQUEST, beforeTheStay, guest(null), property(ROME), threeADay, now);

    assertThat(rule.decide(c)).isEqualTo(SendDecision.SEND);

    sent.add(at(2026, 12, 1, 15, 0, ROME));
    assertThat(rule.decide(c))
        .isEqualTo(
            new SendDecision.WaitUntil(
                at(2026, 12, 2, 9, 0, ROME),
                "Frequency cap: 3 messages already went to this guest today (the property's cap"
                    + " per day); goes at 2026-12-02 09:00 CET"));
  }

  @Test
  void theShortDayWhenRomesClocksGoForwardStartsAtLocalMidnight() {
    JourneySettings twoADay = settings(LocalTime.of(21, 0), LocalTime.of(9, 0), 2, 12);
    Booking april = booking(LocalDate.of(2026, 4, 10), LocalDate.of(2026, 4, 12));
    Instant now = at(2026, 3, 29, 23, 30, ROME); // 21:30 UTC: the day had 23 hours
    sent.add(
        at(2026, 3, 28, 23, 30, ROME), // yesterday
        at(2026, 3, 29, 0, 30, ROME)); // today, in winter time
    SendContext c =
        context(MessageStep.REVIEW_REQUEST, april, guest(null), property(ROME), twoADay, now);

    assertThat(rule.decide(c)).isEqualTo(SendDecision.SEND);

    sent.add(at(2026, 3, 29, 12, 0, ROME));
    assertThat(rule.decide(c))
        .isInstanceOfSatisfying(
            SendDecision.WaitUntil.class,
            w -> assertThat(w.until()).isEqualTo(Instant.parse("2026-03-30T07:00:00Z")));
  }

  @Test
  void theLongDayWhenRomesClocksGoBackEndsAtLocalMidnight() {
    Booking november = booking(LocalDate.of(2026, 11, 10), LocalDate.of(2026, 11, 12));
    // 23:30 CET on 25 October: 25 and a half hours after that day's midnight (CEST)
    sent.add(Instant.parse("2026-10-25T22:30:00Z"));
    Instant now = Instant.parse("2026-10-25T22:45:00Z");

    assertThat(
            rule.decide(
                context(
                    MessageStep.REVIEW_REQUEST,
                    november,
                    guest(null),
                    property(ROME),
                    ONE_A_DAY,
                    now)))
        .isInstanceOfSatisfying(
            SendDecision.WaitUntil.class,
            w -> assertThat(w.until()).isEqualTo(Instant.parse("2026-10-26T08:00:00Z")));
  }

  @Test
  void aMessageJustBeforeTheGuestsMidnightIsYesterdayJustAfter() {
    sent.add(at(2026, 12, 1, 23, 59, NEW_YORK));
    SendContext justAfterMidnight =
        context(
            MessageStep.REVIEW_REQUEST,
            beforeTheStay,
            guest(NEW_YORK),
            property(SHANGHAI),
            ONE_A_DAY,
            at(2026, 12, 2, 0, 1, NEW_YORK));

    assertThat(rule.decide(justAfterMidnight)).isEqualTo(SendDecision.SEND);
  }

  @Test
  void serviceMessagesAreNeverCapped() {
    sent.add(
        at(2026, 12, 1, 9, 0, ROME), at(2026, 12, 1, 10, 0, ROME), at(2026, 12, 1, 11, 0, ROME));

    assertThat(
            rule.decide(
                context(
                    MessageStep.CHECK_IN_GUIDE,
                    beforeTheStay,
                    guest(null),
                    property(ROME),
                    ONE_A_DAY,
                    at(2026, 12, 1, 12, 0, ROME))))
        .isEqualTo(SendDecision.SEND);
  }

  @Test
  void staffSendNowIgnoresTheDailyCap() {
    sent.add(at(2026, 12, 1, 9, 0, ROME));
    SendContext capped =
        context(
            MessageStep.REVIEW_REQUEST,
            beforeTheStay,
            guest(null),
            property(ROME),
            ONE_A_DAY,
            at(2026, 12, 1, 12, 0, ROME));

    assertThat(rule.decide(capped)).isInstanceOf(SendDecision.WaitUntil.class);
    assertThat(rule.decide(byStaff(capped))).isEqualTo(SendDecision.SEND);
  }
}
