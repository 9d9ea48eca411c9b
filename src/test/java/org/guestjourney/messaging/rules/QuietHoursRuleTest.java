package org.guestjourney.messaging.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.guestjourney.messaging.rules.RuleFixtures.*;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import org.guestjourney.messaging.MessageStep;
import org.guestjourney.property.JourneySettings;
import org.junit.jupiter.api.Test;

class QuietHoursRuleTest {

  private final QuietHoursRule rule = new QuietHoursRule();

  @Test
  void beforeTheStayAShanghaiHouseWaitsForNineInTheMorningWhereTheNewYorkGuestIs() {
    var before = booking(LocalDate.of(2026, 12, 10), LocalDate.of(2026, 12, 12));
    // 21:00 in Shanghai is 08:00 in New York: still night for the guest
    Instant now = at(2026, 12, 1, 8, 0, NEW_YORK);

    SendDecision decision =
        rule.decide(
            context(
                MessageStep.DAY_BEFORE_REMINDER,
                before,
                guest(NEW_YORK),
                property(SHANGHAI),
                settings(),
                now));

    assertThat(decision)
        .isEqualTo(
            new SendDecision.WaitUntil(
                at(2026, 12, 1, 9, 0, NEW_YORK),
                "Waiting for the end of quiet hours: goes at 2026-12-01 22:00 CST"
                    + " (2026-12-01 09:00 EST where the guest is)"));
  }

  @Test
  void beforeTheStayTheHousesNightDoesNotHoldBackAGuestWhoseDayHasBegun() {
    var before = booking(LocalDate.of(2026, 12, 10), LocalDate.of(2026, 12, 12));
    // 22:30 in Shanghai, 09:30 in New York
    Instant now = at(2026, 12, 1, 9, 30, NEW_YORK);

    assertThat(
            rule.decide(
                context(
                    MessageStep.CHECK_IN_GUIDE,
                    before,
                    guest(NEW_YORK),
                    property(SHANGHAI),
                    settings(),
                    now)))
        .isEqualTo(SendDecision.SEND);
  }

  @Test
  void duringTheStayTheHousesClockCountsWhereverTheGuestLives() {
    var staying = booking(LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 3));
    // 21:30 in Shanghai on the arrival day; 08:30 in New York, where the guest is not
    Instant now = at(2026, 12, 1, 21, 30, SHANGHAI);

    assertThat(
            rule.decide(
                context(
                    MessageStep.WELCOME,
                    staying,
                    guest(NEW_YORK),
                    property(SHANGHAI),
                    settings(),
                    now)))
        .isEqualTo(
            new SendDecision.WaitUntil(
                at(2026, 12, 2, 9, 0, SHANGHAI),
                "Waiting for the end of quiet hours: goes at 2026-12-02 09:00 CST"));
  }

  @Test
  void quietHoursAcrossMidnightEndTheNextMorningOrTheSameMorning() {
    JourneySettings night = settings(LocalTime.of(22, 0), LocalTime.of(7, 0), 3, 12);
    var before = booking(LocalDate.of(2026, 12, 20), LocalDate.of(2026, 12, 22));

    SendDecision lateEvening =
        rule.decide(
            context(
                MessageStep.CHECK_IN_GUIDE,
                before,
                guest(null),
                property(ROME),
                night,
                at(2026, 12, 1, 23, 30, ROME)));
    SendDecision smallHours =
        rule.decide(
            context(
                MessageStep.CHECK_IN_GUIDE,
                before,
                guest(null),
                property(ROME),
                night,
                at(2026, 12, 2, 2, 0, ROME)));

    assertThat(lateEvening)
        .isInstanceOfSatisfying(
            SendDecision.WaitUntil.class,
            w -> assertThat(w.until()).isEqualTo(at(2026, 12, 2, 7, 0, ROME)));
    assertThat(smallHours)
        .isEqualTo(
            new SendDecision.WaitUntil(
                at(2026, 12, 2, 7, 0, ROME),
                "Waiting for the end of quiet hours: goes at 2026-12-02 07:00 CET"));
  }

  @Test
  void theEndOfQuietHoursIsNotQuietAndTheirStartIs() {
    JourneySettings night = settings(LocalTime.of(22, 0), LocalTime.of(7, 0), 3, 12);
    var before = booking(LocalDate.of(2026, 12, 20), LocalDate.of(2026, 12, 22));

    assertThat(decideAt(night, before, at(2026, 12, 2, 7, 0, ROME))).isEqualTo(SendDecision.SEND);
    assertThat(decideAt(night, before, at(2026, 12, 2, 21, 59, ROME))).isEqualTo(SendDecision.SEND);
    assertThat(decideAt(night, before, at(2026, 12, 2, 22, 0, ROME)))
        .isInstanceOfSatisfying(
            SendDecision.WaitUntil.class,
            w -> assertThat(w.until()).isEqualTo(at(2026, 12, 3, 7, 0, ROME)));
  }

  @Test
  void quietHoursWithinOneDayEndTheSameDay() {
    JourneySettings siesta = settings(LocalTime.of(13, 0), LocalTime.of(15, 0), 3, 12);
    var before = booking(LocalDate.of(2026, 12, 20), LocalDate.of(2026, 12, 22));

    assertThat(decideAt(siesta, before, at(2026, 12, 2, 14, 0, ROME)))
        .isInstanceOfSatisfying(
            SendDecision.WaitUntil.class,
            w -> assertThat(w.until()).isEqualTo(at(2026, 12, 2, 15, 0, ROME)));
    assertThat(decideAt(siesta, before, at(2026, 12, 2, 23, 0, ROME))).isEqualTo(SendDecision.SEND);
  }

  @Test
  void onTheNightClocksGoForwardInRomeTheMessageGoesAtNineSummerTime() {
    var before = booking(LocalDate.of(2026, 4, 10), LocalDate.of(2026, 4, 12));
    // 01:30 CET on 29 March 2026; at 02:00 the clocks jump to 03:00 CEST
    Instant now = at(2026, 3, 29, 1, 30, ROME);

    SendDecision decision = decideAt(settings(), before, now);

    assertThat(decision)
        .isEqualTo(
            new SendDecision.WaitUntil(
                Instant.parse("2026-03-29T07:00:00Z"),
                "Waiting for the end of quiet hours: goes at 2026-03-29 09:00 CEST"));
  }

  @Test
  void onTheNightClocksGoBackInRomeTheMessageGoesAtNineWinterTime() {
    var before = booking(LocalDate.of(2026, 11, 10), LocalDate.of(2026, 11, 12));
    Instant now = Instant.parse("2026-10-24T23:30:00Z"); // 01:30 CEST, 25 October

    assertThat(decideAt(settings(), before, now))
        .isInstanceOfSatisfying(
            SendDecision.WaitUntil.class,
            w -> assertThat(w.until()).isEqualTo(Instant.parse("2026-10-25T08:00:00Z")));
  }

  @Test
  void staffSendNowIgnoresQuietHours() {
    var before = booking(LocalDate.of(2026, 12, 10), LocalDate.of(2026, 12, 12));
    SendContext atNight =
        context(
            MessageStep.DAY_BEFORE_REMINDER,
            before,
            guest(NEW_YORK),
            property(SHANGHAI),
            settings(),
            at(2026, 12, 1, 2, 0, NEW_YORK));

    assertThat(rule.decide(atNight)).isInstanceOf(SendDecision.WaitUntil.class);
    assertThat(rule.decide(byStaff(atNight))).isEqualTo(SendDecision.SEND);
  }

  @Test
  void aMessageThatDoesNotWaitForQuietHoursGoesAtNight() {
    var before = booking(LocalDate.of(2026, 12, 10), LocalDate.of(2026, 12, 12));

    assertThat(
            rule.decide(
                context(
                    MessageStep.BOOKING_CONFIRMATION,
                    before,
                    guest(null),
                    property(ROME),
                    settings(),
                    at(2026, 12, 1, 23, 0, ROME))))
        .isEqualTo(SendDecision.SEND);
  }

  private SendDecision decideAt(
      JourneySettings settings, org.guestjourney.booking.Booking booking, Instant now) {
    return rule.decide(
        context(MessageStep.CHECK_IN_GUIDE, booking, guest(null), property(ROME), settings, now));
  }
}
