package org.guestjourney.journey;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.guestjourney.booking.Booking;
import org.guestjourney.booking.BookingStatus;
import org.guestjourney.property.Property;
import org.junit.jupiter.api.Test;

/** When pre-arrival messages are due, from the booking dates and the property's settings. */
class PreArrivalScheduleTest {

  static Property property(
      String zone, int guideDaysBefore, LocalTime guideTime, LocalTime reminderTime) {
    return new Property(
        1,
        "p",
        "P",
        ZoneId.of(zone),
        "en",
        List.of("en"),
        LocalTime.of(15, 0),
        LocalTime.of(11, 0),
        null,
        null,
        LocalTime.of(8, 0),
        LocalTime.of(20, 0),
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        guideDaysBefore,
        guideTime,
        reminderTime);
  }

  static Booking arriving(LocalDate arrival) {
    Instant t = Instant.parse("2026-01-01T00:00:00Z");
    return new Booking(
        1,
        1,
        1,
        "R",
        "direct",
        arrival,
        arrival.plusDays(2),
        null,
        1,
        null,
        BookingStatus.CONFIRMED,
        1,
        null,
        t,
        t,
        null);
  }

  @Test
  void usesTheDaysAndLocalTimesThePropertyChose() {
    PreArrivalSchedule schedule =
        PreArrivalSchedule.of(
            arriving(LocalDate.parse("2026-07-20")),
            property("Europe/Rome", 5, LocalTime.of(9, 30), LocalTime.of(18, 0)));
    assertThat(schedule.checkInGuideAt()).isEqualTo(Instant.parse("2026-07-15T07:30:00Z"));
    assertThat(schedule.dayBeforeReminderAt()).isEqualTo(Instant.parse("2026-07-19T16:00:00Z"));
    assertThat(schedule.checkInAt()).isEqualTo(Instant.parse("2026-07-20T13:00:00Z"));
  }

  @Test
  void landsOnTheSameLocalHourOnBothSidesOfTheSpringChange() {
    // Europe/Berlin moves from UTC+1 to UTC+2 on 2027-03-28
    PreArrivalSchedule schedule =
        PreArrivalSchedule.of(
            arriving(LocalDate.parse("2027-03-30")),
            property("Europe/Berlin", 3, LocalTime.of(10, 0), LocalTime.of(10, 0)));
    assertThat(schedule.checkInGuideAt()).isEqualTo(Instant.parse("2027-03-27T09:00:00Z"));
    assertThat(schedule.dayBeforeReminderAt()).isEqualTo(Instant.parse("2027-03-29T08:00:00Z"));
  }

  @Test
  void movesATimeThatDoesNotExistOnTheChangeDayForward() {
    // 02:30 does not exist in Berlin on 2027-03-28: clocks jump from 02:00 to 03:00
    PreArrivalSchedule schedule =
        PreArrivalSchedule.of(
            arriving(LocalDate.parse("2027-03-29")),
            property("Europe/Berlin", 3, LocalTime.of(10, 0), LocalTime.of(2, 30)));
    assertThat(schedule.dayBeforeReminderAt()).isEqualTo(Instant.parse("2027-03-28T01:30:00Z"));
  }

  @Test
  void givesTimersTheirMomentWithThePropertysOffset() {
    Property shanghai = property("Asia/Shanghai", 3, LocalTime.of(10, 0), LocalTime.of(10, 0));
    PreArrivalJourney.Moments moments =
        PreArrivalSchedule.of(arriving(LocalDate.parse("2026-12-10")), shanghai)
            .asVariables(shanghai);
    assertThat(moments.checkInGuideAt()).isEqualTo("2026-12-07T10:00:00+08:00");
    assertThat(moments.dayBeforeReminderAt()).isEqualTo("2026-12-09T10:00:00+08:00");
    assertThat(moments.checkInAt()).isEqualTo("2026-12-10T15:00:00+08:00");
  }
}
