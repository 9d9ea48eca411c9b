package org.guestjourney.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
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
 * Instances of the complaint model shipped before task kinds (no {@code taskKind} headers, the
 * escalation naming an element id) may still run on a cluster after an upgrade: their tasks get
 * their form key as kind, their escalations are served by element id, and what staff enter is kept
 * and counted as before.
 */
class ModelsBeforeTaskKindsTest extends JourneyIntegrationTest {

  private static final Path BEFORE =
      Path.of("src/test/resources/models-before-task-kinds/complaint.bpmn");
  private static final Path SHIPPED = Path.of("bpmn", "complaint.bpmn");

  @Autowired CamundaClient client;
  @Autowired ComplaintService complaints;
  @Autowired StaffTaskService taskService;
  @Autowired KpiService kpis;

  @AfterEach
  void deployTheShippedModelAgain() throws Exception {
    deploy(Files.readString(SHIPPED));
  }

  @Test
  void aComplaintOnTheOldModelIsEscalatedKeptAndCountedAsBefore() throws Exception {
    String before = Files.readString(BEFORE);
    assertThat(before).contains("key=\"escalatedTask\"").doesNotContain("taskKind");
    deploy(startedAsTheAppStartsItNow(before));

    Staff staff = new Staff(taskService);
    Property property = data.property("Europe/Rome", "en");
    LocalDate today = LocalDate.ofInstant(engine.now(), property.timeZone());
    Booking booking = data.book(data.request(property, today, 2, data.uniqueEmail(), "en"));
    Complaint complaint =
        org.guestjourney.support.Complaints.started(
            complaints,
            complaints.raise(
                new ComplaintRequest(booking.id(), "noise", "Loud music next door", "guest")));
    long journey = complaint.processInstanceKey();

    StaffTask contact = staff.awaitOpenTask(journey, ComplaintJourney.TASK_CONTACT_GUEST);
    assertThat(contact.taskKind()).isEqualTo(ComplaintJourney.KIND_RESOLVE_COMPLAINT);
    engine.move(Duration.ofMinutes(16));
    assertThat(staff.awaitEscalated(contact, "acknowledge-sla").state())
        .isEqualTo(StaffTaskState.OPEN);

    staff.complete(
        contact,
        Staff.FRONT_DESK,
        Map.of("contacted", true, "solution", "Spoke to the neighbours", "compensation", "none"));
    staff.complete(
        staff.awaitOpenTask(journey, ComplaintJourney.TASK_CALL_BACK_GUEST),
        Staff.FRONT_DESK,
        Map.of("guestReached", true, "guestSatisfied", "yes"));
    engine.awaitInstance(
        journey, i -> i.isCompleted().hasPassedElement(ComplaintJourney.END_COMPLAINT_CLOSED));

    Complaint closed = complaints.get(complaint.id());
    assertThat(closed.solution()).isEqualTo("Spoke to the neighbours");
    assertThat(closed.guestSatisfied()).isEqualTo("yes");
    Kpis figures = kpis.compute(property.id(), today.minusDays(1), today.plusDays(10));
    assertThat(figures.complaintsResolvedInTime())
        .extracting(Kpis.Share::part, Kpis.Share::whole)
        .containsExactly(1, 1);
  }

  /**
   * The model of then with the start of now: the app starts a complaint by the message {@code
   * complaint-raised} (ADR 0023), which the plain start of then would not take. What this test is
   * about — tasks without kinds, escalation by element id — is the model of then, untouched.
   */
  private static String startedAsTheAppStartsItNow(String before) {
    String withMessageStart =
        before.replaceAll(
            "(<bpmn:outgoing>flow_to_classify_complaint</bpmn:outgoing>)\\s*(</bpmn:startEvent>)",
            "$1<bpmn:messageEventDefinition id=\"start_complaint_raised_message\""
                + " messageRef=\"message_complaint_raised\" />$2");
    assertThat(withMessageStart).isNotEqualTo(before);
    return withMessageStart.replace(
        "</bpmn:process>",
        "</bpmn:process><bpmn:message id=\"message_complaint_raised\" name=\""
            + ComplaintJourney.MESSAGE_COMPLAINT_RAISED
            + "\" />");
  }

  private void deploy(String bpmn) {
    client
        .newDeployResourceCommand()
        .addResourceBytes(bpmn.getBytes(StandardCharsets.UTF_8), "complaint.bpmn")
        .send()
        .join();
  }
}
