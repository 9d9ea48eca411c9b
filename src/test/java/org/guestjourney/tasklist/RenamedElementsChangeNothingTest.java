package org.guestjourney.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.guestjourney.booking.Booking;
import org.guestjourney.complaint.Complaint;
import org.guestjourney.complaint.ComplaintJourney;
import org.guestjourney.complaint.ComplaintRequest;
import org.guestjourney.complaint.ComplaintService;
import org.guestjourney.kpi.KpiService;
import org.guestjourney.kpi.Kpis;
import org.guestjourney.property.Property;
import org.guestjourney.support.JourneyIntegrationTest;
import org.guestjourney.support.Staff;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A manager renames every element of the complaint journey in the modeler and deploys it: the code
 * reacts to task kinds (the user tasks' {@code taskKind} headers), job types and message names, so
 * the journey behaves exactly as before — listeners keep what staff entered, SLA timers escalate
 * the right task, and the manager's numbers count the complaint.
 */
class RenamedElementsChangeNothingTest extends JourneyIntegrationTest {

  private static final Path SHIPPED = Path.of("bpmn", "complaint.bpmn");
  private static final Pattern ELEMENT_ID =
      Pattern.compile(
          "\\b((?:task|boundary|gateway|flow|rule|start|end|timer_definition)_[a-z_]+)\\b");

  @Autowired CamundaClient client;
  @Autowired ComplaintService complaints;
  @Autowired StaffTaskService taskService;
  @Autowired KpiService kpis;

  @AfterEach
  void deployTheShippedModelAgain() throws Exception {
    deploy(Files.readString(SHIPPED));
  }

  @Test
  void aComplaintJourneyWithEveryElementRenamedBehavesAsTheShippedOne() throws Exception {
    String shipped = Files.readString(SHIPPED);
    String renamed = renameEveryElement(shipped);
    assertThat(renamed)
        .doesNotContain("\"" + ComplaintJourney.TASK_CALL_GUEST_NOW + "\"")
        .doesNotContain("\"" + ComplaintJourney.TASK_APPROVE_COMPENSATION + "\"")
        .doesNotContain("\"" + ComplaintJourney.TASK_CALL_BACK_GUEST + "\"")
        .contains("\"moved_task_call_guest_now\"");
    deploy(renamed);

    Staff staff = new Staff(taskService);
    Property property = data.property("Europe/Rome", "en");
    LocalDate today = LocalDate.ofInstant(engine.now(), property.timeZone());
    Booking booking = data.book(data.request(property, today, 3, data.uniqueEmail(), "en"));
    Complaint complaint =
        org.guestjourney.support.Complaints.started(
            complaints,
            complaints.raise(
                new ComplaintRequest(booking.id(), "noise", "Loud music next door", "guest")));
    long journey = complaint.processInstanceKey();

    // the urgent call, found by its kind; its element carries the new id
    StaffTask call = staff.awaitOpenTaskOfKind(journey, ComplaintJourney.KIND_RESOLVE_COMPLAINT);
    assertThat(call.elementId()).isEqualTo("moved_task_call_guest_now");
    // the short SLA escalates that task, named in the model by its kind
    engine.move(Duration.ofMinutes(16));
    assertThat(staff.awaitEscalated(call, "call-now-sla").state()).isEqualTo(StaffTaskState.OPEN);

    staff.complete(
        call,
        Staff.FRONT_DESK,
        Map.of(
            "contacted", true, "solution", "Asked them to turn it down", "compensation", "gift"));
    StaffTask approval =
        staff.awaitOpenTaskOfKind(journey, ComplaintJourney.KIND_APPROVE_COMPENSATION);
    staff.complete(
        approval,
        Staff.MANAGER,
        Map.of("compensationApproved", false, "managerNote", "Not for music"));
    StaffTask alternative =
        staff.awaitOpenTaskOfKind(journey, ComplaintJourney.KIND_PROPOSE_ALTERNATIVE);
    staff.complete(
        alternative,
        Staff.FRONT_DESK,
        Map.of("compensation", "none", "alternativeNote", "Offered earplugs"));
    StaffTask callBack = staff.awaitOpenTaskOfKind(journey, ComplaintJourney.KIND_CALL_BACK);
    staff.complete(
        callBack,
        Staff.FRONT_DESK,
        Map.of("guestReached", true, "guestSatisfied", "no", "callNotes", "Still loud"));
    StaffTask followUp =
        staff.awaitOpenTaskOfKind(journey, ComplaintJourney.KIND_MANAGER_FOLLOW_UP);
    staff.complete(
        followUp,
        Staff.MANAGER,
        Map.of("managerAction", "Moved them upstairs", "guestSatisfied", "yes"));

    engine.awaitInstance(
        journey, i -> i.isCompleted().hasPassedElement("moved_end_complaint_closed"));
    // the listeners kept what every task entered
    Complaint closed = complaints.get(complaint.id());
    assertThat(closed.status()).isEqualTo("CLOSED");
    assertThat(closed.solution()).isEqualTo("Asked them to turn it down");
    assertThat(closed.compensationApproved()).isFalse();
    assertThat(closed.managerNote()).isEqualTo("Not for music");
    assertThat(closed.alternativeNote()).isEqualTo("Offered earplugs");
    assertThat(closed.managerFollowUp()).isEqualTo("Moved them upstairs");
    assertThat(closed.guestSatisfied()).isEqualTo("yes");

    // the manager's numbers count it: acknowledged after its 15 minutes, resolved within the hour
    Kpis figures = kpis.compute(property.id(), today.minusDays(1), today.plusDays(10));
    assertThat(figures.complaintsAcknowledgedInTime())
        .extracting(Kpis.Share::part, Kpis.Share::whole)
        .containsExactly(0, 1);
    assertThat(figures.complaintsResolvedInTime())
        .extracting(Kpis.Share::part, Kpis.Share::whole)
        .containsExactly(1, 1);
  }

  /** What a manager renaming in the modeler does: every element id and every reference to it. */
  static String renameEveryElement(String bpmn) {
    Matcher m = ELEMENT_ID.matcher(bpmn);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, "moved_" + m.group(1));
    }
    m.appendTail(out);
    return out.toString();
  }

  private void deploy(String bpmn) {
    client
        .newDeployResourceCommand()
        .addResourceBytes(bpmn.getBytes(StandardCharsets.UTF_8), "complaint.bpmn")
        .send()
        .join();
  }
}
