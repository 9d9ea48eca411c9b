package org.guestjourney.complaint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.guestjourney.complaint.ComplaintJourney.*;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import org.guestjourney.booking.Booking;
import org.guestjourney.messaging.DeliveryState;
import org.guestjourney.messaging.MessageStep;
import org.guestjourney.property.Property;
import org.guestjourney.support.JourneyIntegrationTest;
import org.guestjourney.support.Staff;
import org.guestjourney.support.TestMailServer;
import org.guestjourney.tasklist.StaffTask;
import org.guestjourney.tasklist.StaffTaskService;
import org.guestjourney.tasklist.StaffTaskState;
import org.guestjourney.web.InvalidRequestException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Complaint escalation on the real engine: classification, SLAs, approval, call-back, outcome. */
class ComplaintJourneyTest extends JourneyIntegrationTest {

  @Autowired ComplaintService complaints;
  @Autowired StaffTaskService taskService;
  Staff staff;
  Booking booking;
  String email;

  @BeforeEach
  void guestInHouse() {
    staff = new Staff(taskService);
    Property property = data.property("Europe/Rome", "en");
    email = data.uniqueEmail();
    booking =
        data.book(
            data.request(
                property, LocalDate.ofInstant(engine.now(), property.timeZone()), 3, email, "en"));
  }

  Complaint raise(String category) {
    return complaints.raise(
        new ComplaintRequest(
            booking.id(), category, "The air conditioning does not work", "guest"));
  }

  @Test
  void anUrgentComplaintIsHandledWithinTheHourAndClosedAfterTheCallBack() {
    Complaint complaint = raise("facilities");
    long journey = complaint.processInstanceKey();

    StaffTask contact = staff.awaitOpenTask(journey, TASK_CONTACT_GUEST);
    Complaint classified = complaints.get(complaint.id());
    assertThat(classified.urgency()).isEqualTo("urgent");
    assertThat(classified.scope()).isEqualTo("property");
    assertThat(Duration.between(classified.createdAt(), classified.acknowledgeDueAt()))
        .isBetween(Duration.ofMinutes(14), Duration.ofMinutes(16));
    assertThat(contact.dueAt()).isEqualTo(classified.resolveDueAt());
    assertThat(contact.candidateGroups()).containsExactly("front-desk");
    assertThat(contact.formKey()).isEqualTo("resolve-complaint");
    assertThat(contact.bookingId()).isEqualTo(booking.id());

    staff.complete(
        contact,
        Staff.FRONT_DESK,
        Map.of("contacted", true, "solution", "Technician fixed the unit", "compensation", "none"));

    StaffTask callBack = staff.awaitOpenTask(journey, TASK_CALL_BACK_GUEST);
    assertThat(Duration.between(engine.now(), callBack.dueAt()))
        .isBetween(Duration.ofHours(23), Duration.ofHours(25));
    staff.complete(
        callBack,
        Staff.FRONT_DESK,
        Map.of("guestReached", true, "guestSatisfied", "yes", "callNotes", "All good now"));

    engine.awaitInstance(
        journey,
        i ->
            i.isCompleted()
                .hasPassedElement(END_COMPLAINT_CLOSED)
                .hasNotPassedElement(TASK_APPROVE_COMPENSATION));
    Complaint closed = complaints.get(complaint.id());
    assertThat(closed.status()).isEqualTo("CLOSED");
    assertThat(closed.solution()).isEqualTo("Technician fixed the unit");
    assertThat(closed.guestSatisfied()).isEqualTo("yes");
  }

  @Test
  void escalatesToTheManagerWhenNotAcknowledgedWithinFifteenMinutesWithoutTakingTheTaskAway() {
    Complaint complaint = raise("noise");
    long journey = complaint.processInstanceKey();
    StaffTask contact = staff.awaitOpenTask(journey, TASK_CONTACT_GUEST);
    engine.assertStillWaitingAt(journey, TASK_CONTACT_GUEST);
    assertThat(contact.escalated()).isFalse();

    engine.move(Duration.ofMinutes(16));

    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> staff.reload(contact).escalated());
    StaffTask escalated = staff.reload(contact);
    assertThat(escalated.escalationReason()).isEqualTo("acknowledge-sla");
    assertThat(escalated.state()).isEqualTo(StaffTaskState.OPEN);
    engine.assertStillWaitingAt(journey, TASK_CONTACT_GUEST);

    engine.move(Duration.ofMinutes(45));
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> "resolve-sla".equals(staff.reload(contact).escalationReason()));
    engine.awaitInstance(journey, i -> i.hasPassedElement(BOUNDARY_RESOLVE_SLA_BREACHED));
  }

  @Test
  void approvedCompensationIsOfferedToTheGuest() throws Exception {
    Complaint complaint = raise("cleanliness");
    long journey = complaint.processInstanceKey();
    staff.complete(
        staff.awaitOpenTask(journey, TASK_CONTACT_GUEST),
        Staff.FRONT_DESK,
        Map.of(
            "contacted",
            true,
            "solution",
            "Room cleaned again",
            "compensation",
            "discount",
            "compensationDetail",
            "15% off"));

    StaffTask approval = staff.awaitOpenTask(journey, TASK_APPROVE_COMPENSATION);
    assertThat(approval.candidateGroups()).containsExactly("manager");
    staff.complete(
        approval, Staff.MANAGER, Map.of("compensationApproved", true, "managerNote", "OK"));

    data.awaitState(booking.id(), MessageStep.COMPENSATION_OFFER, DeliveryState.SENT);
    String offer =
        org.guestjourney.support.Mails.visibleText(
            TestMailServer.to(email).stream()
                .filter(m -> subjectOf(m).startsWith("Our apologies"))
                .findFirst()
                .orElseThrow());
    assertThat(offer)
        .contains("Room cleaned again")
        .contains("a discount on your stay")
        .contains("15% off");
    staff.awaitOpenTask(journey, TASK_CALL_BACK_GUEST);
    assertThat(complaints.get(complaint.id()).compensationApproved()).isTrue();
  }

  @Test
  void rejectedCompensationSendsNoOfferAndGoesStraightToTheCallBack() {
    Complaint complaint = raise("breakfast");
    long journey = complaint.processInstanceKey();
    staff.complete(
        staff.awaitOpenTask(journey, TASK_CONTACT_GUEST),
        Staff.FRONT_DESK,
        Map.of("contacted", true, "solution", "Extra pastries tomorrow", "compensation", "gift"));
    staff.complete(
        staff.awaitOpenTask(journey, TASK_APPROVE_COMPENSATION),
        Staff.MANAGER,
        Map.of("compensationApproved", false));

    staff.awaitOpenTask(journey, TASK_CALL_BACK_GUEST);
    engine.awaitInstance(
        journey,
        i ->
            i.hasPassedElement(TASK_APPROVE_COMPENSATION)
                .hasNotPassedElement(TASK_SEND_COMPENSATION_OFFER));
    assertThat(complaints.get(complaint.id()).compensationApproved()).isFalse();
    assertThat(data.messages(booking.id()))
        .noneMatch(d -> MessageStep.COMPENSATION_OFFER.equals(d.step()));
  }

  @Test
  void aRequiredFieldMissingIsRefusedAndTheTaskStaysOpen() {
    Complaint complaint = raise("room");
    long journey = complaint.processInstanceKey();
    StaffTask contact = staff.awaitOpenTask(journey, TASK_CONTACT_GUEST);

    assertThatThrownBy(
            () ->
                staff.complete(
                    contact, Staff.FRONT_DESK, Map.of("contacted", true, "compensation", "none")))
        .isInstanceOf(InvalidRequestException.class)
        .satisfies(
            e ->
                assertThat(((InvalidRequestException) e).violations())
                    .extracting("field")
                    .containsExactly("solution"));
    assertThatThrownBy(
            () ->
                staff.complete(
                    contact,
                    Staff.FRONT_DESK,
                    Map.of("contacted", true, "solution", "x", "compensation", "a yacht")))
        .isInstanceOf(InvalidRequestException.class);

    assertThat(staff.reload(contact).state()).isEqualTo(StaffTaskState.OPEN);
    engine.assertStillWaitingAt(journey, TASK_CONTACT_GUEST);
  }

  @Test
  void housekeepingDoesNotSeeFrontDeskTasks() {
    Complaint complaint = raise("staff");
    StaffTask contact = staff.awaitOpenTask(complaint.processInstanceKey(), TASK_CONTACT_GUEST);
    assertThat(taskService.visibleTo(Staff.HOUSEKEEPING))
        .extracting(StaffTask::id)
        .doesNotContain(contact.id());
    assertThat(taskService.visibleTo(Staff.FRONT_DESK))
        .extracting(StaffTask::id)
        .contains(contact.id());
    assertThat(taskService.visibleTo(Staff.MANAGER))
        .extracting(StaffTask::id)
        .contains(contact.id());
  }

  @Test
  void refusesAComplaintAboutAnUnknownBookingOrCategory() {
    assertThatThrownBy(() -> complaints.raise(new ComplaintRequest(987654L, "spaceship", "", null)))
        .isInstanceOf(InvalidRequestException.class)
        .satisfies(
            e ->
                assertThat(((InvalidRequestException) e).violations())
                    .extracting("field")
                    .containsExactlyInAnyOrder("bookingId", "category", "description"));
  }

  private static String subjectOf(jakarta.mail.internet.MimeMessage m) {
    try {
      return m.getSubject();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
