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

/**
 * Complaint escalation on the real engine: each business path of {@code complaint.bpmn} (urgent,
 * priority, latent; approval with its deadline, rejection back to the front desk, a guest still
 * unhappy after the call-back), with the engine clock moved for the deadlines.
 */
class ComplaintJourneyTest extends JourneyIntegrationTest {

  @Autowired ComplaintService complaints;
  @Autowired StaffTaskService taskService;
  @Autowired ComplaintTaskDetails taskDetails;
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
    return org.guestjourney.support.Complaints.started(
        complaints,
        complaints.raise(
            new ComplaintRequest(
                booking.id(), category, "The air conditioning does not work", "guest")));
  }

  @Test
  void anUrgentComplaintMeansCallingTheGuestNowAndIsClosedAfterTheCallBack() {
    Complaint complaint = raise("facilities");
    long journey = complaint.processInstanceKey();

    StaffTask call = staff.awaitOpenTask(journey, TASK_CALL_GUEST_NOW);
    Complaint classified = complaints.get(complaint.id());
    assertThat(classified.urgency()).isEqualTo("urgent");
    assertThat(classified.scope()).isEqualTo("property");
    assertThat(Duration.between(classified.createdAt(), classified.acknowledgeDueAt()))
        .isBetween(Duration.ofMinutes(14), Duration.ofMinutes(16));
    assertThat(call.dueAt()).isEqualTo(classified.acknowledgeDueAt());
    assertThat(call.taskKind()).isEqualTo(KIND_RESOLVE_COMPLAINT);
    assertThat(call.candidateGroups()).containsExactly("front-desk");
    assertThat(call.formKey()).isEqualTo("resolve-complaint");
    assertThat(call.bookingId()).isEqualTo(booking.id());

    staff.complete(
        call,
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
                .hasNotPassedElement(TASK_CONTACT_GUEST)
                .hasNotPassedElement(TASK_APPROVE_COMPENSATION)
                .hasNotPassedElement(TASK_MANAGER_FOLLOW_UP));
    Complaint closed = complaints.get(complaint.id());
    assertThat(closed.status()).isEqualTo("CLOSED");
    assertThat(closed.solution()).isEqualTo("Technician fixed the unit");
    assertThat(closed.guestSatisfied()).isEqualTo("yes");
  }

  @Test
  void anUrgentGuestNotCalledWithinFifteenMinutesAlertsTheManagerWithoutTakingTheTaskAway() {
    Complaint complaint = raise("noise");
    long journey = complaint.processInstanceKey();
    StaffTask call = staff.awaitOpenTask(journey, TASK_CALL_GUEST_NOW);
    engine.assertStillWaitingAt(journey, TASK_CALL_GUEST_NOW);
    assertThat(call.escalated()).isFalse();

    engine.move(Duration.ofMinutes(16));

    StaffTask escalated = staff.awaitEscalated(call, "call-now-sla");
    assertThat(escalated.state()).isEqualTo(StaffTaskState.OPEN);
    engine.awaitInstance(journey, i -> i.hasPassedElement(BOUNDARY_CALL_NOW_OVERDUE));
    engine.assertStillWaitingAt(journey, TASK_CALL_GUEST_NOW);
  }

  @Test
  void aPriorityComplaintIsContactedAndEscalatedWhenNotAcknowledgedThenWhenNotResolved() {
    Complaint complaint = raise("breakfast");
    long journey = complaint.processInstanceKey();
    StaffTask contact = staff.awaitOpenTask(journey, TASK_CONTACT_GUEST);
    assertThat(complaints.get(complaint.id()).urgency()).isEqualTo("priority");
    assertThat(contact.taskKind()).isEqualTo(KIND_RESOLVE_COMPLAINT);
    engine.assertStillWaitingAt(journey, TASK_CONTACT_GUEST);

    engine.move(Duration.ofMinutes(61));
    assertThat(staff.awaitEscalated(contact, "acknowledge-sla").state())
        .isEqualTo(StaffTaskState.OPEN);

    engine.move(Duration.ofHours(23));
    staff.awaitEscalated(contact, "resolve-sla");
    engine.awaitInstance(journey, i -> i.hasPassedElement(BOUNDARY_RESOLVE_SLA_BREACHED));
    engine.assertStillWaitingAt(journey, TASK_CONTACT_GUEST);
    engine.awaitInstance(journey, i -> i.hasNotPassedElement(TASK_CALL_GUEST_NOW));
  }

  @Test
  void aLatentNeedIsEvaluatedByTheManagerAndClosedWithoutACallBack() {
    Complaint complaint = raise("other");
    long journey = complaint.processInstanceKey();
    StaffTask evaluate = staff.awaitOpenTask(journey, TASK_EVALUATE_NEED);
    assertThat(complaints.get(complaint.id()).urgency()).isEqualTo("latent");
    assertThat(evaluate.candidateGroups()).containsExactly("manager");
    assertThat(evaluate.taskKind()).isEqualTo(KIND_EVALUATE_NEED);
    assertThat(taskService.visibleTo(Staff.FRONT_DESK))
        .extracting(StaffTask::id)
        .doesNotContain(evaluate.id());

    staff.complete(
        evaluate,
        Staff.MANAGER,
        Map.of("solution", "Yoga mats in the garden from next month", "worthAdopting", true));

    engine.awaitInstance(
        journey,
        i ->
            i.isCompleted()
                .hasPassedElement(END_COMPLAINT_CLOSED)
                .hasNotPassedElement(TASK_CONTACT_GUEST)
                .hasNotPassedElement(TASK_CALL_GUEST_NOW)
                .hasNotPassedElement(TASK_CALL_BACK_GUEST));
    Complaint closed = complaints.get(complaint.id());
    assertThat(closed.status()).isEqualTo("CLOSED");
    assertThat(closed.solution()).isEqualTo("Yoga mats in the garden from next month");
  }

  @Test
  void approvedCompensationIsOfferedToTheGuest() throws Exception {
    Complaint complaint = raise("cleanliness");
    long journey = complaint.processInstanceKey();
    staff.complete(
        staff.awaitOpenTask(journey, TASK_CALL_GUEST_NOW),
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
    // the approval deadline of an urgent complaint: 30 minutes from when the proposal arrived
    assertThat(Duration.between(engine.now(), approval.dueAt()))
        .isBetween(Duration.ofMinutes(29), Duration.ofMinutes(31));
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
  void aCompensationNotApprovedInTimeAlertsTheManagerAndStaysWithThem() {
    Complaint complaint = raise("staff");
    long journey = complaint.processInstanceKey();
    staff.complete(
        staff.awaitOpenTask(journey, TASK_CONTACT_GUEST),
        Staff.FRONT_DESK,
        Map.of("contacted", true, "solution", "Apologised", "compensation", "gift"));
    StaffTask approval = staff.awaitOpenTask(journey, TASK_APPROVE_COMPENSATION);
    // priority: four hours to approve
    assertThat(Duration.between(engine.now(), approval.dueAt()))
        .isBetween(Duration.ofMinutes(239), Duration.ofMinutes(241));
    engine.assertStillWaitingAt(journey, TASK_APPROVE_COMPENSATION);

    engine.move(Duration.ofMinutes(241));

    assertThat(staff.awaitEscalated(approval, "approval-sla").state())
        .isEqualTo(StaffTaskState.OPEN);
    engine.awaitInstance(journey, i -> i.hasPassedElement(BOUNDARY_APPROVAL_OVERDUE));
    engine.assertStillWaitingAt(journey, TASK_APPROVE_COMPENSATION);
  }

  @Test
  void aRejectedCompensationGoesBackToTheFrontDeskWhoProposeSomethingElseForApproval() {
    Complaint complaint = raise("breakfast");
    long journey = complaint.processInstanceKey();
    staff.complete(
        staff.awaitOpenTask(journey, TASK_CONTACT_GUEST),
        Staff.FRONT_DESK,
        Map.of(
            "contacted", true, "solution", "Extra pastries tomorrow", "compensation", "upgrade"));
    staff.complete(
        staff.awaitOpenTask(journey, TASK_APPROVE_COMPENSATION),
        Staff.MANAGER,
        Map.of(
            "compensationApproved", false, "managerNote", "No upgrades this week; a gift is fine"));

    StaffTask alternative = staff.awaitOpenTask(journey, TASK_PROPOSE_ALTERNATIVE);
    assertThat(alternative.candidateGroups()).containsExactly("front-desk");
    assertThat(alternative.taskKind()).isEqualTo(KIND_PROPOSE_ALTERNATIVE);
    assertThat(taskDetails.detailsFor(alternative))
        .extracting(d -> d.label() + ": " + d.value())
        .contains(
            "Compensation: not approved", "Manager's note: No upgrades this week; a gift is fine");
    engine.awaitInstance(journey, i -> i.hasNotPassedElement(TASK_SEND_COMPENSATION_OFFER));

    staff.complete(
        alternative,
        Staff.FRONT_DESK,
        Map.of(
            "compensation",
            "gift",
            "compensationDetail",
            "A bottle of local wine",
            "alternativeNote",
            "Offered a bottle of wine instead"));
    StaffTask secondApproval = staff.awaitOpenTaskOfKind(journey, KIND_APPROVE_COMPENSATION);
    assertThat(secondApproval.id()).isNotEqualTo(alternative.id());
    assertThat(complaints.get(complaint.id()).compensation()).isEqualTo("gift");
    assertThat(complaints.get(complaint.id()).compensationApproved()).isNull();
    staff.complete(secondApproval, Staff.MANAGER, Map.of("compensationApproved", true));

    data.awaitState(booking.id(), MessageStep.COMPENSATION_OFFER, DeliveryState.SENT);
    staff.awaitOpenTask(journey, TASK_CALL_BACK_GUEST);
    Complaint c = complaints.get(complaint.id());
    assertThat(c.compensationApproved()).isTrue();
    assertThat(c.compensationDetail()).isEqualTo("A bottle of local wine");
  }

  @Test
  void aRejectedCompensationWithNothingElseToOfferIsToldToTheGuestAndGoesToTheCallBack() {
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
    staff.complete(
        staff.awaitOpenTask(journey, TASK_PROPOSE_ALTERNATIVE),
        Staff.FRONT_DESK,
        Map.of("compensation", "none", "alternativeNote", "Told the guest breakfast is on us"));

    staff.awaitOpenTask(journey, TASK_CALL_BACK_GUEST);
    engine.awaitInstance(
        journey,
        i ->
            i.hasPassedElement(TASK_PROPOSE_ALTERNATIVE)
                .hasNotPassedElement(TASK_SEND_COMPENSATION_OFFER));
    Complaint c = complaints.get(complaint.id());
    assertThat(c.compensationApproved()).isFalse();
    assertThat(c.alternativeNote()).isEqualTo("Told the guest breakfast is on us");
    assertThat(data.messages(booking.id()))
        .noneMatch(d -> MessageStep.COMPENSATION_OFFER.equals(d.step()));
  }

  @Test
  void aGuestStillUnhappyAfterTheCallBackIsTheManagersToFollowUp() {
    Complaint complaint = raise("noise");
    long journey = complaint.processInstanceKey();
    staff.complete(
        staff.awaitOpenTask(journey, TASK_CALL_GUEST_NOW),
        Staff.FRONT_DESK,
        Map.of("contacted", true, "solution", "Spoke to the neighbours", "compensation", "none"));
    staff.complete(
        staff.awaitOpenTask(journey, TASK_CALL_BACK_GUEST),
        Staff.FRONT_DESK,
        Map.of("guestReached", true, "guestSatisfied", "no", "callNotes", "Still loud at night"));

    StaffTask followUp = staff.awaitOpenTask(journey, TASK_MANAGER_FOLLOW_UP);
    assertThat(followUp.candidateGroups()).containsExactly("manager");
    assertThat(followUp.taskKind()).isEqualTo(KIND_MANAGER_FOLLOW_UP);
    assertThat(Duration.between(engine.now(), followUp.dueAt()))
        .isBetween(Duration.ofHours(23), Duration.ofHours(25));
    assertThat(taskDetails.detailsFor(followUp))
        .extracting(d -> d.label() + ": " + d.value())
        .contains("On the call-back: Still loud at night");
    engine.assertStillWaitingAt(journey, TASK_MANAGER_FOLLOW_UP);
    assertThat(complaints.get(complaint.id()).status()).isEqualTo("OPEN");

    staff.complete(
        followUp,
        Staff.MANAGER,
        Map.of("managerAction", "Moved them to the garden room", "guestSatisfied", "yes"));
    engine.awaitInstance(journey, i -> i.isCompleted().hasPassedElement(END_COMPLAINT_CLOSED));
    Complaint closed = complaints.get(complaint.id());
    assertThat(closed.status()).isEqualTo("CLOSED");
    assertThat(closed.managerFollowUp()).isEqualTo("Moved them to the garden room");
    assertThat(closed.guestSatisfied()).isEqualTo("yes");
  }

  @Test
  void aRequiredFieldMissingIsRefusedAndTheTaskStaysOpen() {
    Complaint complaint = raise("room");
    long journey = complaint.processInstanceKey();
    StaffTask contact = staff.awaitOpenTask(journey, TASK_CALL_GUEST_NOW);

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
    engine.assertStillWaitingAt(journey, TASK_CALL_GUEST_NOW);
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
