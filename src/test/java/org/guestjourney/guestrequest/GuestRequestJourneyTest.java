package org.guestjourney.guestrequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.guestjourney.guestrequest.GuestRequestJourney.*;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.Map;
import org.guestjourney.booking.Booking;
import org.guestjourney.booking.BookingService;
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
import org.guestjourney.tasklist.StaffTaskState;
import org.guestjourney.web.ConflictException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Guest requests on the real engine: one {@code guest-request} process per request, whenever the
 * booking is live (before check-in too), to the team the {@code guest-request-sla} table chose.
 */
class GuestRequestJourneyTest extends JourneyIntegrationTest {

  @Autowired GuestRequestService requests;
  @Autowired StaffTaskService taskService;
  @Autowired BookingService bookings;
  @Autowired JdbcClient jdbc;
  @Autowired org.springframework.boot.test.web.client.TestRestTemplate http;
  @Autowired com.fasterxml.jackson.databind.ObjectMapper json;
  Staff staff;
  Property property;

  @BeforeEach
  void property() {
    staff = new Staff(taskService);
    property = data.property("Europe/Rome", "en");
  }

  @Test
  void aRequestMadeDaysBeforeArrivalBecomesATaskAndTheGuestIsToldTheProgress() throws Exception {
    String email = data.uniqueEmail();
    Booking booking = data.bookArrivingIn(property, 5, email);

    GuestRequest request =
        GuestRequests.started(
            requests, requests.raise(booking.id(), "amenities", "A cot for the baby, please"));
    long process = request.processInstanceKey();

    StaffTask handle = staff.awaitOpenTask(process, TASK_HANDLE_GUEST_REQUEST);
    assertThat(handle.taskKind()).isEqualTo(KIND_HANDLE_GUEST_REQUEST);
    assertThat(handle.candidateGroups()).containsExactly("housekeeping");
    assertThat(handle.requestId()).isEqualTo(request.id());
    assertThat(handle.bookingId()).isEqualTo(booking.id());
    assertThat(Duration.between(engine.now(), handle.dueAt()))
        .isBetween(Duration.ofMinutes(59), Duration.ofMinutes(61));
    GuestRequest opened = requests.get(request.id());
    assertThat(opened.urgency()).isEqualTo("priority");
    assertThat(opened.team()).isEqualTo("housekeeping");
    engine.awaitInstance(process, i -> i.hasNotPassedElement(TASK_CHECK_SAFETY));

    staff.complete(
        handle,
        Staff.HOUSEKEEPING,
        Map.of("actionTaken", "Ordered a cot", "solved", false, "newDeadline", "ready on arrival"));

    data.awaitState(booking.id(), MessageStep.REQUEST_PROGRESS, DeliveryState.SENT);
    assertThat(Mails.visibleText(TestMailServer.to(email).getLast()))
        .contains("A cot for the baby")
        .contains("ready on arrival");
    engine.awaitInstance(process, i -> i.isCompleted().hasPassedElement(END_REQUEST_IN_PROGRESS));
    assertThat(requests.get(request.id()).status()).isEqualTo("HANDLED");
  }

  @Test
  void onTheArrivalDayBeforeCheckInARequestIsATaskToo() {
    LocalDate today = LocalDate.ofInstant(engine.now(), property.timeZone());
    Booking booking =
        data.book(data.request(property, today.plusDays(1), 2, data.uniqueEmail(), "en"));
    // the morning of arrival, hours before check-in time
    engine.moveTo(
        ZonedDateTime.of(today.plusDays(1), LocalTime.of(9, 0), property.timeZone()).toInstant());

    GuestRequest request =
        GuestRequests.started(
            requests, requests.raise(booking.id(), "information", "Where can we park?"));

    StaffTask handle = staff.awaitOpenTask(request.processInstanceKey(), TASK_HANDLE_GUEST_REQUEST);
    assertThat(handle.candidateGroups()).containsExactly("front-desk");
    staff.complete(handle, Staff.FRONT_DESK, Map.of("actionTaken", "Sent the map", "solved", true));
    engine.awaitInstance(
        request.processInstanceKey(),
        i ->
            i.isCompleted()
                .hasPassedElement(END_REQUEST_SOLVED)
                .hasNotPassedElement(TASK_SEND_REQUEST_PROGRESS));
    assertThat(data.messages(booking.id()))
        .noneMatch(d -> MessageStep.REQUEST_PROGRESS.equals(d.step()));
  }

  @Test
  void aSmellOfGasGoesToHousekeepingAndToTheManagerOnDutyBothDueInFifteenMinutes() {
    Booking booking = data.bookArrivingIn(property, 0, data.uniqueEmail());

    GuestRequest request =
        GuestRequests.started(requests, requests.raise(booking.id(), "safety", "It smells of gas"));
    long process = request.processInstanceKey();

    StaffTask handle = staff.awaitOpenTask(process, TASK_HANDLE_GUEST_REQUEST);
    StaffTask safety = staff.awaitOpenTask(process, TASK_CHECK_SAFETY);
    assertThat(handle.candidateGroups()).containsExactly("housekeeping");
    assertThat(safety.candidateGroups()).containsExactly("manager");
    assertThat(safety.taskKind()).isEqualTo(KIND_CHECK_SAFETY);
    assertThat(safety.requestId()).isEqualTo(request.id());
    assertThat(handle.dueAt()).isEqualTo(safety.dueAt());
    assertThat(Duration.between(engine.now(), handle.dueAt()))
        .isBetween(Duration.ofMinutes(14), Duration.ofMinutes(16));
    assertThat(taskService.visibleTo(Staff.HOUSEKEEPING))
        .extracting(StaffTask::id)
        .contains(handle.id())
        .doesNotContain(safety.id());
    assertThat(taskService.visibleTo(Staff.FRONT_DESK))
        .extracting(StaffTask::id)
        .doesNotContain(handle.id(), safety.id());

    staff.complete(
        handle,
        Staff.HOUSEKEEPING,
        Map.of("actionTaken", "Closed the valve, aired the room", "solved", true));
    engine.assertStillWaitingAt(process, TASK_CHECK_SAFETY);
    staff.complete(
        safety,
        Staff.MANAGER,
        Map.of("safetyCheckNotes", "Gas company called, no leak found", "houseSafe", true));
    engine.awaitInstance(
        process,
        i ->
            i.isCompleted()
                .hasPassedElement(END_REQUEST_SOLVED)
                .hasPassedElement(TASK_CHECK_SAFETY));
  }

  @Test
  void aRequestNotHandledInTimeIsHighlightedForTheManagerAndStaysWithItsTeam() {
    Booking booking = data.bookArrivingIn(property, 3, data.uniqueEmail());
    GuestRequest request =
        GuestRequests.started(
            requests, requests.raise(booking.id(), "noise", "Can we have a quiet room?"));
    StaffTask handle = staff.awaitOpenTask(request.processInstanceKey(), TASK_HANDLE_GUEST_REQUEST);
    assertThat(handle.candidateGroups()).containsExactly("front-desk");

    engine.move(Duration.ofMinutes(61));

    StaffTask escalated = staff.awaitEscalated(handle, "request-sla");
    assertThat(escalated.state()).isEqualTo(StaffTaskState.OPEN);
    engine.awaitInstance(
        request.processInstanceKey(), i -> i.hasPassedElement(BOUNDARY_REQUEST_SLA_BREACHED));
    engine.assertStillWaitingAt(request.processInstanceKey(), TASK_HANDLE_GUEST_REQUEST);
  }

  @Test
  void theApiTakesARequestBeforeArrivalAndAnswersProblemsNamingWhatIsWrong() throws Exception {
    Booking booking = data.bookArrivingIn(property, 6, data.uniqueEmail());
    var http = org.guestjourney.support.SignedIn.withKey(this.http, data.writeKey(property));
    var created =
        http.postForEntity(
            "/api/bookings/" + booking.id() + "/requests",
            Map.of("category", "amenities", "description", "An extra pillow"),
            String.class);
    assertThat(created.getStatusCode().value()).isEqualTo(201);
    // answered at once: the process starts from the outbox right after
    long id = json.readTree(created.getBody()).get("id").asLong();
    long process = GuestRequests.started(requests, requests.get(id)).processInstanceKey();
    assertThat(staff.awaitOpenTask(process, TASK_HANDLE_GUEST_REQUEST).bookingId())
        .isEqualTo(booking.id());

    var invalid =
        http.postForEntity(
            "/api/bookings/" + booking.id() + "/requests",
            Map.of("category", "spaceship", "description", "Beam me up"),
            String.class);
    assertThat(invalid.getStatusCode().value()).isEqualTo(400);
    assertThat(invalid.getHeaders().getContentType().toString())
        .startsWith("application/problem+json");
    assertThat(json.readTree(invalid.getBody()).get("errors").get(0).get("field").asText())
        .isEqualTo("category");

    bookings.cancel(booking.id());
    var refused =
        http.postForEntity(
            "/api/bookings/" + booking.id() + "/requests",
            Map.of("category", "amenities", "description", "Another pillow"),
            String.class);
    assertThat(refused.getStatusCode().value()).isEqualTo(409);
    assertThat(refused.getHeaders().getContentType().toString())
        .startsWith("application/problem+json");
    assertThat(
            jdbc.sql("select count(*) from guest_request where booking_id = ?")
                .param(booking.id())
                .query(Integer.class)
                .single())
        .isEqualTo(1);
  }

  @Test
  void aCancelledBookingOrAStayThatHasEndedTakesNoRequestAndNothingIsStored() {
    Booking cancelled = data.bookArrivingIn(property, 4, data.uniqueEmail());
    bookings.cancel(cancelled.id());
    assertThatThrownBy(() -> requests.raise(cancelled.id(), "amenities", "Towels"))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("cancelled");

    LocalDate today = LocalDate.ofInstant(engine.now(), property.timeZone());
    Booking departed = data.book(data.request(property, today, 1, data.uniqueEmail(), "en"));
    engine.moveTo(
        ZonedDateTime.of(today.plusDays(1), property.checkOutTime(), property.timeZone())
            .toInstant()
            .plusSeconds(60));
    assertThatThrownBy(() -> requests.raise(departed.id(), "amenities", "Towels"))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("ended");

    assertThat(
            jdbc.sql("select count(*) from guest_request where booking_id in (?, ?)")
                .params(cancelled.id(), departed.id())
                .query(Integer.class)
                .single())
        .isZero();
  }
}
