package org.guestjourney.inquiry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** The inquiry SLA counts working hours only (default 1 hour, 08:00–20:00 at the property). */
class AnswerDeadlineTest {

  static final ZoneId ROME = ZoneId.of("Europe/Rome");
  static final LocalTime OPENS = LocalTime.of(8, 0);
  static final LocalTime CLOSES = LocalTime.of(20, 0);
  static final Duration HOUR = Duration.ofHours(1);

  static AnswerDeadline received(String instant) {
    return AnswerDeadline.of(Instant.parse(instant), ROME, OPENS, CLOSES, HOUR);
  }

  @Test
  void anInquiryInWorkingHoursIsDueWithinTheHour() {
    AnswerDeadline d = received("2026-06-10T08:15:00Z"); // 10:15 in Rome
    assertThat(d.withinWorkingHours()).isTrue();
    assertThat(d.dueAt()).isEqualTo(Instant.parse("2026-06-10T09:15:00Z"));
  }

  @Test
  void anInquiryAtNightIsDueAnHourAfterOpening() {
    AnswerDeadline d = received("2026-06-10T21:30:00Z"); // 23:30 in Rome
    assertThat(d.withinWorkingHours()).isFalse();
    assertThat(d.dueAt()).isEqualTo(Instant.parse("2026-06-11T07:00:00Z")); // 09:00 next day
  }

  @Test
  void anInquiryEarlyInTheMorningIsDueAnHourAfterOpeningTheSameDay() {
    AnswerDeadline d = received("2026-06-10T04:00:00Z"); // 06:00 in Rome
    assertThat(d.withinWorkingHours()).isFalse();
    assertThat(d.dueAt()).isEqualTo(Instant.parse("2026-06-10T07:00:00Z")); // 09:00
  }

  @Test
  void theRestOfTheHourContinuesTheNextMorningWhenItComesJustBeforeClosing() {
    AnswerDeadline d = received("2026-06-10T17:40:00Z"); // 19:40 in Rome, 20 min left today
    assertThat(d.withinWorkingHours()).isTrue();
    assertThat(d.dueAt()).isEqualTo(Instant.parse("2026-06-11T06:40:00Z")); // 08:40 next day
  }
}
