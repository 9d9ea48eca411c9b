package org.guestjourney.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.guestjourney.journey.PreArrivalJourney.*;

import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import org.guestjourney.booking.Booking;
import org.guestjourney.booking.BookingService;
import org.guestjourney.booking.DateChangeRequest;
import org.guestjourney.messaging.DeliveryState;
import org.guestjourney.messaging.MessageDelivery;
import org.guestjourney.messaging.MessageStep;
import org.guestjourney.property.Property;
import org.guestjourney.support.JourneyIntegrationTest;
import org.guestjourney.support.TestMailServer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The pre-arrival journey on the real engine, moving its clock; e-mails read from real SMTP. */
class PreArrivalJourneyTest extends JourneyIntegrationTest {

  private static final Duration MINUTE = Duration.ofMinutes(1);

  @Autowired BookingService bookings;

  @Test
  void sendsConfirmationAtOnceThenCheckInGuideAndReminderAtTenLocalAndEndsAtCheckIn()
      throws Exception {
    Property property = data.property("Europe/Rome", "en");
    ZoneId rome = property.timeZone();
    LocalDate arrival = LocalDate.ofInstant(engine.now(), rome).plusDays(10);
    String email = data.uniqueEmail();
    Booking booking = data.book(data.request(property, arrival, 3, email, "en"));
    long journey = data.journeyOf(booking.id());

    data.awaitState(booking.id(), MessageStep.BOOKING_CONFIRMATION, DeliveryState.SENT);
    assertThat(TestMailServer.to(email)).hasSize(1);
    assertThat(TestMailServer.to(email).getFirst().getSubject())
        .isEqualTo("Your booking at " + property.name() + " is confirmed");
    engine.assertStillWaitingAt(journey, TIMER_CHECK_IN_GUIDE_DUE);

    Instant guideAt =
        ZonedDateTime.of(arrival.minusDays(3), java.time.LocalTime.of(10, 0), rome).toInstant();
    assertThat(data.message(booking.id(), MessageStep.CHECK_IN_GUIDE).plannedAt())
        .isEqualTo(guideAt);

    engine.moveTo(guideAt.minus(MINUTE));
    engine.assertStillWaitingAt(journey, TIMER_CHECK_IN_GUIDE_DUE);
    assertThat(data.message(booking.id(), MessageStep.CHECK_IN_GUIDE).state())
        .isEqualTo(DeliveryState.SCHEDULED);

    engine.moveTo(guideAt.plus(MINUTE));
    MessageDelivery guide =
        data.awaitState(booking.id(), MessageStep.CHECK_IN_GUIDE, DeliveryState.SENT);
    assertThat(guide.sentAt()).isBetween(guideAt, guideAt.plus(MINUTE.multipliedBy(2)));
    assertThat(TestMailServer.to(email)).hasSize(2);
    assertThat(TestMailServer.to(email).get(1).getSubject())
        .isEqualTo("How to get to " + property.name() + " and check in");
    engine.assertStillWaitingAt(journey, TIMER_DAY_BEFORE_ARRIVAL);

    Instant reminderAt =
        ZonedDateTime.of(arrival.minusDays(1), java.time.LocalTime.of(10, 0), rome).toInstant();
    engine.moveTo(reminderAt.minus(MINUTE));
    assertThat(data.message(booking.id(), MessageStep.DAY_BEFORE_REMINDER).state())
        .isEqualTo(DeliveryState.SCHEDULED);
    engine.moveTo(reminderAt.plus(MINUTE));
    data.awaitState(booking.id(), MessageStep.DAY_BEFORE_REMINDER, DeliveryState.SENT);
    MimeMessage reminder = TestMailServer.to(email).get(2);
    assertThat(reminder.getSubject()).isEqualTo("See you tomorrow at " + property.name());
    assertThat(body(reminder)).contains("What time do you expect to arrive?");
    engine.assertStillWaitingAt(journey, TIMER_ARRIVAL_MORNING);

    // the guest answered with their arrival time: no call needed on the morning of arrival
    bookings.recordArrivalTime(booking.id(), "17:30");
    engine.moveTo(ZonedDateTime.of(arrival, java.time.LocalTime.of(8, 1), rome).toInstant());
    engine.assertStillWaitingAt(journey, TIMER_CHECK_IN_TIME);

    // at check-in time the journey ends and hands over to the in-stay journey (welcome)
    Instant checkIn = ZonedDateTime.of(arrival, java.time.LocalTime.of(15, 0), rome).toInstant();
    engine.moveTo(checkIn.plus(MINUTE));
    engine.awaitInstance(
        journey,
        i ->
            i.isCompleted()
                .hasPassedElement(END_GUEST_ARRIVING)
                .hasNotPassedElement(TASK_CALL_GUEST_FOR_ETA));
    data.awaitState(booking.id(), MessageStep.WELCOME, DeliveryState.SENT);
    assertThat(TestMailServer.to(email)).hasSize(4);
  }

  @Test
  void keepsTheLocalHourAcrossADaylightSavingChange() {
    Property property = data.property("Europe/Berlin", "en");
    ZoneId berlin = property.timeZone();
    ZoneOffsetTransition dst = berlin.getRules().nextTransition(engine.now());
    // guide three days before arrival falls before the change, the reminder after it
    LocalDate arrival = dst.getInstant().atZone(berlin).toLocalDate().plusDays(2);
    String email = data.uniqueEmail();
    Booking booking = data.book(data.request(property, arrival, 2, email, "en"));
    long journey = data.journeyOf(booking.id());
    data.awaitState(booking.id(), MessageStep.BOOKING_CONFIRMATION, DeliveryState.SENT);

    Instant guideAt = data.message(booking.id(), MessageStep.CHECK_IN_GUIDE).plannedAt();
    Instant reminderAt = data.message(booking.id(), MessageStep.DAY_BEFORE_REMINDER).plannedAt();
    assertThat(guideAt.atZone(berlin).toLocalTime()).hasToString("10:00");
    assertThat(reminderAt.atZone(berlin).toLocalTime()).hasToString("10:00");
    assertThat(guideAt.atZone(berlin).getOffset()).isEqualTo(dst.getOffsetBefore());
    assertThat(reminderAt.atZone(berlin).getOffset()).isEqualTo(dst.getOffsetAfter());
    // two days of wall clock are not 48 hours across the change
    assertThat(Duration.between(guideAt, reminderAt))
        .isEqualTo(Duration.ofDays(2).minus(dst.getDuration()));

    engine.moveTo(guideAt.plus(MINUTE));
    data.awaitState(booking.id(), MessageStep.CHECK_IN_GUIDE, DeliveryState.SENT);
    engine.moveTo(reminderAt.minus(MINUTE));
    engine.assertStillWaitingAt(journey, TIMER_DAY_BEFORE_ARRIVAL);
    assertThat(data.message(booking.id(), MessageStep.DAY_BEFORE_REMINDER).state())
        .isEqualTo(DeliveryState.SCHEDULED);
    engine.moveTo(reminderAt.plus(MINUTE));
    data.awaitState(booking.id(), MessageStep.DAY_BEFORE_REMINDER, DeliveryState.SENT);
    assertThat(TestMailServer.to(email)).hasSize(3);
  }

  @Test
  void firesAtTheLocalHourOfAPropertyEastOfUtc() {
    Property property = data.property("Asia/Shanghai", "zh-CN", "en");
    ZoneId shanghai = property.timeZone();
    LocalDate arrival = LocalDate.ofInstant(engine.now(), shanghai).plusDays(6);
    String email = data.uniqueEmail();
    Booking booking = data.book(data.request(property, arrival, 2, email, "zh-CN"));
    long journey = data.journeyOf(booking.id());
    data.awaitState(booking.id(), MessageStep.BOOKING_CONFIRMATION, DeliveryState.SENT);

    // 10:00 in Shanghai is 02:00 UTC, on the same calendar day
    Instant guideAt = data.message(booking.id(), MessageStep.CHECK_IN_GUIDE).plannedAt();
    assertThat(guideAt)
        .isEqualTo(arrival.minusDays(3).atTime(2, 0).toInstant(java.time.ZoneOffset.UTC));

    engine.moveTo(guideAt.minus(MINUTE));
    engine.assertStillWaitingAt(journey, TIMER_CHECK_IN_GUIDE_DUE);
    engine.moveTo(guideAt.plus(MINUTE));
    data.awaitState(booking.id(), MessageStep.CHECK_IN_GUIDE, DeliveryState.SENT);
    assertThat(TestMailServer.to(email)).hasSize(2);
  }

  @Test
  void replansOnADateChangeAndSendsNothingForTheOldDates() throws Exception {
    Property property = data.property("Europe/Rome", "en");
    LocalDate arrival = LocalDate.ofInstant(engine.now(), property.timeZone()).plusDays(10);
    String email = data.uniqueEmail();
    Booking booking = data.book(data.request(property, arrival, 2, email, "en"));
    long journey = data.journeyOf(booking.id());
    data.awaitState(booking.id(), MessageStep.BOOKING_CONFIRMATION, DeliveryState.SENT);
    Instant oldGuideAt = data.message(booking.id(), MessageStep.CHECK_IN_GUIDE).plannedAt();

    LocalDate newArrival = arrival.plusDays(14);
    bookings.changeDates(booking.id(), new DateChangeRequest(newArrival, newArrival.plusDays(2)));

    data.awaitState(booking.id(), MessageStep.BOOKING_CHANGED, DeliveryState.SENT);
    assertThat(data.messages(booking.id()))
        .filteredOn(
            d ->
                MessageStep.CHECK_IN_GUIDE.equals(d.step()) && d.state() == DeliveryState.CANCELLED)
        .singleElement()
        .satisfies(
            d -> assertThat(d.reason()).contains("dates changed").contains(newArrival.toString()));
    engine.awaitInstance(journey, i -> i.hasPassedElement(TASK_RELOAD_FACTS));
    engine.assertStillWaitingAt(journey, TIMER_CHECK_IN_GUIDE_DUE);
    assertThat(TestMailServer.to(email)).hasSize(2);
    assertThat(TestMailServer.to(email).get(1).getSubject()).contains("has been updated");
    assertThat(body(TestMailServer.to(email).get(1))).contains(newArrival.getYear() + "");

    engine.moveTo(oldGuideAt.plus(Duration.ofHours(2)));
    assertThat(TestMailServer.to(email)).as("nothing goes out for the old dates").hasSize(2);

    Instant newGuideAt = data.plannedAt(booking.id(), MessageStep.CHECK_IN_GUIDE);
    assertThat(newGuideAt).isEqualTo(oldGuideAt.plus(Duration.ofDays(14)));
    engine.moveTo(newGuideAt.plus(MINUTE));
    data.awaitState(booking.id(), MessageStep.CHECK_IN_GUIDE, DeliveryState.SENT);
    assertThat(TestMailServer.to(email)).hasSize(3);
  }

  @Test
  void cancellationStopsTheJourneyAndAcknowledgesIt() throws Exception {
    Property property = data.property("Europe/Rome", "en");
    LocalDate arrival = LocalDate.ofInstant(engine.now(), property.timeZone()).plusDays(8);
    String email = data.uniqueEmail();
    Booking booking = data.book(data.request(property, arrival, 2, email, "en"));
    long journey = data.journeyOf(booking.id());
    data.awaitState(booking.id(), MessageStep.BOOKING_CONFIRMATION, DeliveryState.SENT);
    Instant guideAt = data.message(booking.id(), MessageStep.CHECK_IN_GUIDE).plannedAt();

    bookings.cancel(booking.id());

    data.awaitState(booking.id(), MessageStep.BOOKING_CANCELLATION, DeliveryState.SENT);
    engine.awaitInstance(journey, i -> i.isCompleted().hasPassedElement(END_JOURNEY_CANCELLED));
    assertThat(data.message(booking.id(), MessageStep.CHECK_IN_GUIDE).state())
        .isEqualTo(DeliveryState.CANCELLED);
    assertThat(data.planned(booking.id(), MessageStep.DAY_BEFORE_REMINDER))
        .satisfies(s -> assertThat(s.state()).isEqualTo("cancelled"))
        .satisfies(s -> assertThat(s.stoppedBecause()).contains("cancelled"));
    assertThat(TestMailServer.to(email)).hasSize(2);
    assertThat(TestMailServer.to(email).get(1).getSubject()).contains("has been cancelled");

    engine.moveTo(guideAt.plus(Duration.ofDays(3)));
    assertThat(TestMailServer.to(email)).as("nothing after the cancellation").hasSize(2);
  }

  @Test
  void aLateBookingGetsTheCheckInGuideInItsConfirmationInsteadOfLate() throws Exception {
    Property property = data.property("Europe/Rome", "en");
    LocalDate arrival = LocalDate.ofInstant(engine.now(), property.timeZone()).plusDays(1);
    String email = data.uniqueEmail();
    Booking booking = data.book(data.request(property, arrival, 2, email, "en"));
    data.journeyOf(booking.id());

    data.awaitState(booking.id(), MessageStep.BOOKING_CONFIRMATION, DeliveryState.SENT);
    MessageDelivery guide = data.message(booking.id(), MessageStep.CHECK_IN_GUIDE);
    assertThat(guide.state()).isEqualTo(DeliveryState.SKIPPED);
    assertThat(guide.reason()).contains("went with the booking confirmation");
    assertThat(body(TestMailServer.to(email).getFirst()))
        .contains("Getting here and checking in")
        .contains("Key box left of the door");
    await()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(3))
        .until(() -> TestMailServer.to(email).size() == 1);
  }

  static String body(MimeMessage message) throws Exception {
    return org.guestjourney.support.Mails.visibleText(message);
  }
}
