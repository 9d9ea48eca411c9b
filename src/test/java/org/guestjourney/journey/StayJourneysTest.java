package org.guestjourney.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.Map;
import org.guestjourney.booking.Booking;
import org.guestjourney.booking.BookingRepository;
import org.guestjourney.booking.BookingService;
import org.guestjourney.guestrequest.GuestRequest;
import org.guestjourney.guestrequest.GuestRequestService;
import org.guestjourney.messaging.DeliveryState;
import org.guestjourney.messaging.MessageStep;
import org.guestjourney.property.Property;
import org.guestjourney.support.GuestRequests;
import org.guestjourney.support.JourneyIntegrationTest;
import org.guestjourney.support.Mails;
import org.guestjourney.support.Staff;
import org.guestjourney.support.TestMailServer;
import org.guestjourney.tasklist.StaffTask;
import org.guestjourney.tasklist.StaffTaskService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** From arrival to after the stay: the journeys hand over to each other on the booking. */
class StayJourneysTest extends JourneyIntegrationTest {

  @Autowired BookingService bookings;
  @Autowired BookingRepository bookingRepository;
  @Autowired GuestRequestService requests;
  @Autowired StaffTaskService taskService;
  @Autowired io.camunda.client.CamundaClient client;
  Staff staff;
  Property property;

  @BeforeEach
  void property() {
    staff = new Staff(taskService);
    property = data.property("Europe/Rome", "en");
    // every step on its own: the budget's merges have their own test (MessageBudgetTest)
    data.messageBudget(property, 20);
  }

  Instant local(LocalDate day, int hour, int minute) {
    return ZonedDateTime.of(day, LocalTime.of(hour, minute), property.timeZone()).toInstant();
  }

  LocalDate inDays(int days) {
    return LocalDate.ofInstant(engine.now(), property.timeZone()).plusDays(days);
  }

  /** The process instance of {@code processId} started for the booking (by message). */
  long instanceOf(String processId, long bookingId) {
    return engine.awaitInstanceOf(processId, "bookingId", bookingId);
  }

  @Test
  void callsTheGuestOnTheMorningOfArrivalWhenTheArrivalTimeIsStillUnknown() {
    LocalDate arrival = inDays(3);
    Booking booking = data.book(data.request(property, arrival, 1, data.uniqueEmail(), "en"));
    long preArrival = data.journeyOf(booking.id());
    data.awaitState(booking.id(), MessageStep.BOOKING_CONFIRMATION, DeliveryState.SENT);

    engine.moveTo(local(arrival, 8, 1));
    StaffTask call = staff.awaitOpenTask(preArrival, PreArrivalJourney.TASK_CALL_GUEST_FOR_ETA);
    assertThat(call.candidateGroups()).containsExactly("front-desk");
    assertThat(call.dueAt()).isEqualTo(local(arrival, 15, 0));

    staff.complete(
        call, Staff.FRONT_DESK, Map.of("guestReached", true, "expectedArrival", "18:30"));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> bookingRepository.expectedArrival(booking.id()).isPresent());
    assertThat(bookingRepository.expectedArrival(booking.id())).contains(LocalTime.of(18, 30));
  }

  @Test
  void anUnmadeCallDoesNotHoldTheStayBackAndIsWithdrawnAtCheckIn() {
    LocalDate arrival = inDays(3);
    Booking booking = data.book(data.request(property, arrival, 1, data.uniqueEmail(), "en"));
    long preArrival = data.journeyOf(booking.id());
    data.awaitState(booking.id(), MessageStep.BOOKING_CONFIRMATION, DeliveryState.SENT);
    engine.moveTo(local(arrival, 8, 1));
    StaffTask call = staff.awaitOpenTask(preArrival, PreArrivalJourney.TASK_CALL_GUEST_FOR_ETA);

    // nobody called; check-in time comes
    engine.moveTo(local(arrival, 15, 1));

    engine.awaitInstance(
        preArrival, i -> i.isCompleted().hasPassedElement("boundary_check_in_time_reached"));
    data.awaitState(booking.id(), MessageStep.WELCOME, DeliveryState.SENT);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> staff.reload(call).state() == org.guestjourney.tasklist.StaffTaskState.CANCELLED);
  }

  @Test
  void aKnownArrivalTimeNeedsNoCall() {
    LocalDate arrival = inDays(3);
    Booking booking = data.book(data.request(property, arrival, 1, data.uniqueEmail(), "en"));
    long preArrival = data.journeyOf(booking.id());
    bookings.recordArrivalTime(booking.id(), "16:00");
    data.awaitState(booking.id(), MessageStep.BOOKING_CONFIRMATION, DeliveryState.SENT);

    engine.moveTo(local(arrival, 8, 1));
    engine.awaitInstance(
        preArrival, i -> i.hasPassedElement(PreArrivalJourney.TASK_CHECK_ARRIVAL_TIME));
    engine.assertStillWaitingAt(preArrival, PreArrivalJourney.TIMER_CHECK_IN_TIME);
    assertThat(taskService.ofProcessInstance(preArrival)).isEmpty();
  }

  @Test
  void aLongStayGoesFromWelcomeToThePhoneFollowUpWithARequestOnTheWay() throws Exception {
    LocalDate arrival = inDays(2);
    String email = data.uniqueEmail();
    Booking booking = data.book(data.request(property, arrival, 5, email, "en"));
    data.journeyOf(booking.id());
    bookings.recordArrivalTime(booking.id(), "16:00");
    data.awaitState(booking.id(), MessageStep.BOOKING_CONFIRMATION, DeliveryState.SENT);

    // check-in time: the pre-arrival journey hands over to the in-stay journey
    engine.moveTo(local(arrival, 15, 1));
    data.awaitState(booking.id(), MessageStep.WELCOME, DeliveryState.SENT);
    long inStay = instanceOf(StayJourneys.IN_STAY, booking.id());

    // a request during the stay, for housekeeping, due within the hour (amenities)
    GuestRequest request =
        GuestRequests.started(
            requests, requests.raise(booking.id(), "amenities", "Two more towels, please"));
    StaffTask handle =
        staff.awaitOpenTask(
            request.processInstanceKey(),
            org.guestjourney.guestrequest.GuestRequestJourney.TASK_HANDLE_GUEST_REQUEST);
    assertThat(handle.candidateGroups()).containsExactly("housekeeping");
    assertThat(Duration.between(engine.now(), handle.dueAt()))
        .isBetween(Duration.ofMinutes(59), Duration.ofMinutes(61));
    staff.complete(
        handle,
        Staff.HOUSEKEEPING,
        Map.of("actionTaken", "Laundry is running", "solved", false, "newDeadline", "today 18:00"));
    data.awaitState(booking.id(), MessageStep.REQUEST_PROGRESS, DeliveryState.SENT);
    assertThat(Mails.visibleText(TestMailServer.to(email).getLast()))
        .contains("Two more towels")
        .contains("today 18:00");
    assertThat(requests.get(request.id()).status()).isEqualTo("HANDLED");

    // the morning after the first night: the quick survey; the afternoon: a courtesy check-in
    engine.moveTo(local(arrival.plusDays(1), 9, 31));
    data.awaitState(booking.id(), MessageStep.QUICK_SURVEY, DeliveryState.SENT);
    engine.moveTo(local(arrival.plusDays(1), 17, 1));
    data.awaitState(booking.id(), MessageStep.COURTESY_CHECK_IN, DeliveryState.SENT);

    // check-out: the in-stay journey hands over to post-stay
    LocalDate departure = arrival.plusDays(5);
    engine.moveTo(local(departure, 11, 1));
    engine.awaitInstance(
        inStay, i -> i.isCompleted().hasPassedElement(StayJourneys.END_GUEST_CHECKED_OUT));
    long postStay = instanceOf(StayJourneys.POST_STAY, booking.id());

    engine.moveTo(local(departure, 14, 1));
    data.awaitState(booking.id(), MessageStep.THANK_YOU, DeliveryState.SENT);
    engine.moveTo(local(departure.plusDays(1), 10, 1));
    data.awaitState(booking.id(), MessageStep.SATISFACTION_SURVEY, DeliveryState.SENT);

    // every guest is asked for a review two days after check-out, answered survey or not
    engine.moveTo(local(departure.plusDays(2), 10, 1));
    data.awaitState(booking.id(), MessageStep.REVIEW_REQUEST, DeliveryState.SENT);
    // the survey is not answered: one reminder after three days
    engine.moveTo(local(departure.plusDays(4), 10, 1));
    data.awaitState(booking.id(), MessageStep.SATISFACTION_SURVEY_REMINDER, DeliveryState.SENT);

    // five nights make a high-value guest: the host calls within a week
    StaffTask followUp = staff.awaitOpenTask(postStay, StayJourneys.TASK_PHONE_FOLLOW_UP);
    assertThat(followUp.dueAt()).isEqualTo(local(departure.plusDays(7), 11, 0));
    staff.complete(
        followUp, Staff.FRONT_DESK, Map.of("guestReached", true, "rebookingInterest", "yes"));
    engine.awaitInstance(
        postStay, i -> i.isCompleted().hasPassedElement(StayJourneys.END_POST_STAY_DONE));
  }

  @Test
  void aShortStayGetsNoCourtesyCheckInAndAnAnsweredSurveyNoReminder() {
    LocalDate arrival = inDays(2);
    String email = data.uniqueEmail();
    Booking booking = data.book(data.request(property, arrival, 1, email, "en"));
    data.journeyOf(booking.id());
    bookings.recordArrivalTime(booking.id(), "16:00");
    data.awaitState(booking.id(), MessageStep.BOOKING_CONFIRMATION, DeliveryState.SENT);

    engine.moveTo(local(arrival, 15, 1));
    data.awaitState(booking.id(), MessageStep.WELCOME, DeliveryState.SENT);
    long inStay = instanceOf(StayJourneys.IN_STAY, booking.id());

    LocalDate departure = arrival.plusDays(1);
    engine.moveTo(local(departure, 11, 1));
    engine.awaitInstance(
        inStay, i -> i.isCompleted().hasNotPassedElement(StayJourneys.TASK_SEND_COURTESY_CHECK_IN));
    long postStay = instanceOf(StayJourneys.POST_STAY, booking.id());

    engine.moveTo(local(departure.plusDays(1), 10, 1));
    data.awaitState(booking.id(), MessageStep.SATISFACTION_SURVEY, DeliveryState.SENT);
    engine.assertStillWaitingAt(postStay, "gateway_survey_answer_or_reminder");
    client
        .newPublishMessageCommand()
        .messageName(StayJourneys.MESSAGE_SATISFACTION_SURVEY_ANSWERED)
        .correlationKey(Long.toString(booking.id()))
        .send()
        .join();

    engine.moveTo(local(departure.plusDays(2), 10, 1));
    data.awaitState(booking.id(), MessageStep.REVIEW_REQUEST, DeliveryState.SENT);
    engine.awaitInstance(
        postStay,
        i ->
            i.isCompleted()
                .hasNotPassedElement(StayJourneys.TASK_SEND_SURVEY_REMINDER)
                .hasNotPassedElement(StayJourneys.TASK_PHONE_FOLLOW_UP));
    assertThat(data.messages(booking.id()).stream().map(d -> d.step()).toList())
        .doesNotContain(MessageStep.COURTESY_CHECK_IN, MessageStep.SATISFACTION_SURVEY_REMINDER);
  }
}
