package org.guestjourney.journey;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.Map;
import org.guestjourney.booking.Booking;
import org.guestjourney.booking.BookingService;
import org.guestjourney.messaging.ChannelType;
import org.guestjourney.messaging.DeliveryState;
import org.guestjourney.messaging.MessageDelivery;
import org.guestjourney.messaging.MessageStep;
import org.guestjourney.messaging.OptOuts;
import org.guestjourney.property.Property;
import org.guestjourney.property.PropertyService;
import org.guestjourney.property.SettingsRequest;
import org.guestjourney.support.JourneyIntegrationTest;
import org.guestjourney.support.SignedIn;
import org.guestjourney.support.Staff;
import org.guestjourney.tasklist.StaffTask;
import org.guestjourney.tasklist.StaffTaskService;
import org.guestjourney.tasklist.StaffTaskState;
import org.guestjourney.tasklist.TaskDetails.Detail;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

/**
 * A service message that cannot reach the guest goes to the front desk as a "call the guest" task
 * in the model, and the journey goes on when the call is made; a survey or review request that
 * cannot reach the guest is skipped with its reason, with no task. On the real engine.
 */
class GuestUnreachableTest extends JourneyIntegrationTest {

  @Autowired StaffTaskService taskService;
  @Autowired BookingService bookings;
  @Autowired CallGuestTaskDetails callDetails;
  @Autowired OptOuts optOuts;
  @Autowired TestRestTemplate anonymous;
  @Autowired PropertyService properties;
  Staff staff;
  Property property;

  @BeforeEach
  void setUp() {
    staff = new Staff(taskService);
    property = data.property("Europe/Rome", "en");
  }

  Instant local(LocalDate day, int hour, int minute) {
    return ZonedDateTime.of(day, LocalTime.of(hour, minute), property.timeZone()).toInstant();
  }

  @Test
  void aConfirmationNoChannelCarriesBecomesACallForTheFrontDeskAndTheJourneyGoesOnAfterIt() {
    LocalDate arrival = LocalDate.ofInstant(engine.now(), property.timeZone()).plusDays(10);
    // a phone number only, and SMS is not set up in this installation: nothing reaches the guest
    Booking booking = data.book(data.request(property, arrival, 3, null, "en"));
    long journey = data.journeyOf(booking.id());

    MessageDelivery confirmation =
        data.awaitState(booking.id(), MessageStep.BOOKING_CONFIRMATION, DeliveryState.FAILED);
    assertThat(confirmation.failedForGood()).isTrue();
    assertThat(confirmation.reason()).startsWith("No way to reach the guest");
    StaffTask call =
        staff.awaitOpenTask(journey, PreArrivalJourney.TASK_CALL_GUEST_BOOKING_CONFIRMATION);
    assertThat(call.taskKind()).isEqualTo(CallGuestTaskDetails.TASK_KIND);
    assertThat(call.formKey()).isEqualTo("call-guest");
    assertThat(call.candidateGroups()).containsExactly("front-desk");
    assertThat(call.name())
        .isEqualTo("Call the guest: the booking confirmation did not reach them");
    assertThat(call.dueAt()).isAfter(engine.now()).isBefore(engine.now().plusSeconds(3 * 3600));
    assertThat(callDetails.detailsFor(call))
        .containsExactly(
            new Detail("What did not reach the guest", "Booking confirmation"),
            new Detail("Why", confirmation.reason()));
    engine.assertStillWaitingAt(journey, PreArrivalJourney.TASK_CALL_GUEST_BOOKING_CONFIRMATION);

    String page =
        SignedIn.as(anonymous, "manager", "manager")
            .getForObject("/bookings/" + booking.id(), String.class);
    assertThat(page)
        .contains("data-testid=\"failed-for-good\"")
        .contains("Did not reach the guest")
        .contains("No way to reach the guest")
        .contains("Call the guest: the booking confirmation did not reach them");

    staff.complete(call, Staff.FRONT_DESK, Map.of("guestReached", true, "callNotes", "Told them"));
    engine.assertStillWaitingAt(journey, PreArrivalJourney.TIMER_CHECK_IN_GUIDE_DUE);
    assertThat(staff.reload(call).state()).isEqualTo(StaffTaskState.COMPLETED);
    // failed for good: never tried again
    assertThat(data.message(booking.id(), MessageStep.BOOKING_CONFIRMATION).attempts())
        .isEqualTo(confirmation.attempts());
  }

  @Test
  void aCallAlreadyMadeIsNotAskedForAgainWhenTheJourneyStartsOverAfterASettingsChange() {
    LocalDate arrival = LocalDate.ofInstant(engine.now(), property.timeZone()).plusDays(10);
    Booking booking = data.book(data.request(property, arrival, 3, null, "en"));
    long journey = data.journeyOf(booking.id());
    staff.complete(
        staff.awaitOpenTask(journey, PreArrivalJourney.TASK_CALL_GUEST_BOOKING_CONFIRMATION),
        Staff.FRONT_DESK,
        Map.of("guestReached", true));
    engine.moveTo(local(arrival.minusDays(3), 10, 1));
    staff.complete(
        staff.awaitOpenTask(journey, PreArrivalJourney.TASK_CALL_GUEST_CHECK_IN_GUIDE),
        Staff.FRONT_DESK,
        Map.of("guestReached", true));
    engine.assertStillWaitingAt(journey, PreArrivalJourney.TIMER_DAY_BEFORE_ARRIVAL);

    // the house changes a setting: the journey starts its waiting part over, past the guide
    SettingsRequest settings = properties.settings(property.id());
    properties.updateSettings(
        property.id(),
        new SettingsRequest(
            settings.inquiryAnswerWithinMinutes(),
            settings.quickSurveySendTime(),
            settings.courtesyCheckInSendTime(),
            settings.thankYouHoursAfterCheckOut(),
            settings.satisfactionSurveySendTime(),
            settings.surveyReminderAfterDays(),
            settings.reviewRequestAfterDays(),
            settings.phoneFollowUpWithinDays(),
            settings.reviewUrl(),
            settings.quietHoursStart(),
            settings.quietHoursEnd(),
            settings.maxMessagesPerDay(),
            settings.maxMessagesPerStay(),
            settings.whatsappFallbackMinutes(),
            settings.messageBudget(),
            null,
            null,
            LocalTime.of(18, 0)));
    engine.awaitInstance(
        journey, i -> i.hasPassedElement(PreArrivalJourney.TASK_READ_NEW_SETTINGS));
    engine.assertStillWaitingAt(journey, PreArrivalJourney.TIMER_DAY_BEFORE_ARRIVAL);
    assertThat(taskService.ofBooking(booking.id()))
        .filteredOn(t -> CallGuestTaskDetails.TASK_KIND.equals(t.taskKind()))
        .hasSize(2)
        .allMatch(t -> t.state() == StaffTaskState.COMPLETED);
  }

  @Test
  void aReviewRequestThatCannotReachTheGuestIsSkippedWithItsReasonAndNeedsNoCall() {
    data.messageBudget(property, 20); // every step on its own
    LocalDate arrival = LocalDate.ofInstant(engine.now(), property.timeZone()).plusDays(2);
    String email = data.uniqueEmail();
    Booking booking = data.book(data.request(property, arrival, 1, email, "en"));
    bookings.recordArrivalTime(booking.id(), "16:00");
    data.awaitState(booking.id(), MessageStep.BOOKING_CONFIRMATION, DeliveryState.SENT);
    engine.moveTo(local(arrival, 15, 1));
    data.awaitState(booking.id(), MessageStep.WELCOME, DeliveryState.SENT);
    LocalDate departure = arrival.plusDays(1);
    engine.moveTo(local(departure, 14, 1));
    data.awaitState(booking.id(), MessageStep.THANK_YOU, DeliveryState.SENT);
    long postStay = engine.awaitInstanceOf(StayJourneys.POST_STAY, "bookingId", booking.id());

    // the address bounces from now on, and SMS is not set up: nothing reaches the guest
    optOuts.record(email, ChannelType.EMAIL, true, OptOuts.BOUNCED + " test", engine.now());
    engine.moveTo(local(departure.plusDays(2), 10, 1));

    MessageDelivery review =
        data.awaitState(booking.id(), MessageStep.REVIEW_REQUEST, DeliveryState.SKIPPED);
    assertThat(review.reason()).startsWith("No way to reach the guest");
    assertThat(review.failedForGood()).isFalse();
    engine.awaitInstance(postStay, i -> i.hasPassedElement(StayJourneys.TASK_SEND_REVIEW_REQUEST));
    assertThat(taskService.ofBooking(booking.id()))
        .noneMatch(t -> CallGuestTaskDetails.TASK_KIND.equals(t.taskKind()));
  }
}
