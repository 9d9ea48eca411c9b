package org.guestjourney.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.BaseElement;
import io.camunda.zeebe.model.bpmn.instance.FlowNode;
import io.camunda.zeebe.model.bpmn.instance.IntermediateCatchEvent;
import io.camunda.zeebe.model.bpmn.instance.SequenceFlow;
import io.camunda.zeebe.model.bpmn.instance.StartEvent;
import io.camunda.zeebe.model.bpmn.instance.TimerEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.bpmndi.BpmnEdge;
import io.camunda.zeebe.model.bpmn.instance.bpmndi.BpmnShape;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.guestjourney.booking.Booking;
import org.guestjourney.messaging.DeliveryState;
import org.guestjourney.messaging.MessageStep;
import org.guestjourney.modeler.JourneyModels;
import org.guestjourney.property.Property;
import org.guestjourney.support.JourneyIntegrationTest;
import org.guestjourney.support.TestMailServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

/**
 * A manager edits copies of the shipped journeys the way they would in the modeler — the day-before
 * reminder moved to two days before at 18:00, a new "local tips" message a week before arrival with
 * a new template, the courtesy check-in removed, an element renamed — and deploys them. The guest
 * then gets exactly the edited journey at the edited moments, and the booking page shows it
 * beforehand. No Java knows about any of these edits.
 */
class ManagerEditsJourneyTest extends JourneyIntegrationTest {

  private static final Duration MINUTE = Duration.ofMinutes(1);
  private static final Path TEMPLATES = Path.of("target/test-templates");

  @Autowired JourneyModels models;
  @Autowired TestRestTemplate anonymous;

  @AfterEach
  void putTheShippedJourneysBack() throws IOException {
    models.deploy(
        Map.of(
            "pre-arrival.bpmn", Files.readAllBytes(Path.of("bpmn/pre-arrival.bpmn")),
            "in-stay.bpmn", Files.readAllBytes(Path.of("bpmn/in-stay.bpmn"))));
  }

  @Test
  void aGuestGetsTheJourneyAsTheManagerEditedItAtTheEditedMoments() throws Exception {
    writeLocalTipsTemplate();
    models.deploy(
        Map.of(
            "pre-arrival.bpmn", editedPreArrival(),
            "in-stay.bpmn", editedInStay()));

    Property property = data.property("Europe/Rome", "en");
    // the manager's journey has more messages than the default budget allows without merging
    data.messageBudget(property, 12);
    ZoneId rome = property.timeZone();
    LocalDate arrival = LocalDate.ofInstant(engine.now(), rome).plusDays(12);
    String email = data.uniqueEmail();
    Booking booking = data.book(data.request(property, arrival, 3, email, "en"));
    data.awaitState(booking.id(), MessageStep.BOOKING_CONFIRMATION, DeliveryState.SENT);

    Instant localTipsAt = at(arrival.minusDays(7), 10, rome);
    Instant guideAt = at(arrival.minusDays(3), 10, rome);
    Instant reminderAt = at(arrival.minusDays(2), 18, rome);

    // the booking page shows the edited plan before anything of it has happened
    String page =
        org.guestjourney.support.SignedIn.as(anonymous, "frontdesk", "frontdesk")
            .getForObject("/bookings/" + booking.id(), String.class);
    assertThat(page)
        .contains("data-message=\"local-tips\"")
        .contains("Local tips for your stay")
        .contains("Directions and check-in")
        .doesNotContain("data-message=\"courtesy-check-in\"");
    JourneyPlan.PlannedStep tips =
        data.planned(
            booking.id(), MessageStep.of("local-tips", null, MessageStep.Purpose.SERVICE, true));
    assertThat(tips.at()).isEqualTo(localTipsAt);
    assertThat(tips.state()).isEqualTo("planned");
    assertThat(data.plannedAt(booking.id(), MessageStep.DAY_BEFORE_REMINDER)).isEqualTo(reminderAt);

    // a week before: the new message, with its new template
    engine.moveTo(localTipsAt.minus(MINUTE));
    assertThat(TestMailServer.to(email)).hasSize(1);
    engine.moveTo(localTipsAt.plus(MINUTE));
    awaitMails(email, 2);
    MimeMessage tipsMail = TestMailServer.to(email).get(1);
    assertThat(tipsMail.getSubject()).isEqualTo("Where to eat near " + property.name());
    assertThat(tipsMail.getContent().toString()).contains("Trattoria da Mario");

    // the renamed guide step still sends the guide, at its moment
    engine.moveTo(guideAt.plus(MINUTE));
    awaitMails(email, 3);
    assertThat(TestMailServer.to(email).get(2).getSubject())
        .isEqualTo("How to get to " + property.name() + " and check in");

    // the day-before reminder moved: nothing the day before at 10:00 ... it went two days before
    engine.moveTo(reminderAt.minus(MINUTE));
    assertThat(TestMailServer.to(email)).hasSize(3);
    engine.moveTo(reminderAt.plus(MINUTE));
    awaitMails(email, 4);
    assertThat(TestMailServer.to(email).get(3).getSubject())
        .isEqualTo("See you tomorrow at " + property.name());
    assertThat(data.message(booking.id(), MessageStep.DAY_BEFORE_REMINDER).sentAt())
        .isBetween(reminderAt, reminderAt.plus(MINUTE.multipliedBy(2)));

    // the stay: welcome and the quick survey, but no courtesy check-in on the second afternoon
    engine.moveTo(at(arrival, 15, rome).plus(MINUTE));
    awaitMails(email, 5);
    engine.moveTo(data.plannedAt(booking.id(), MessageStep.QUICK_SURVEY).plus(MINUTE));
    awaitMails(email, 6);
    engine.moveTo(at(arrival.plusDays(1), 19, rome));
    engine.moveTo(at(arrival.plusDays(2), 12, rome));
    List<String> subjects = new ArrayList<>();
    for (MimeMessage m : TestMailServer.to(email)) {
      subjects.add(m.getSubject());
    }
    assertThat(subjects)
        .containsExactlyInAnyOrder(
            "Your booking at " + property.name() + " is confirmed",
            "Where to eat near " + property.name(),
            "How to get to " + property.name() + " and check in",
            "See you tomorrow at " + property.name(),
            subjects.get(4),
            subjects.get(5));
    assertThat(data.messages(booking.id()))
        .extracting(d -> d.step().code())
        .containsExactlyInAnyOrder(
            "booking-confirmation",
            "local-tips",
            "check-in-guide",
            "day-before-reminder",
            "welcome",
            "quick-survey")
        .doesNotContain("courtesy-check-in");
    assertThat(data.messages(booking.id()))
        .allSatisfy(d -> assertThat(d.state()).isEqualTo(DeliveryState.SENT));
  }

  private void awaitMails(String email, int count) {
    await().atMost(Duration.ofSeconds(30)).until(() -> TestMailServer.to(email).size() >= count);
    assertThat(TestMailServer.to(email)).hasSize(count);
  }

  private static Instant at(LocalDate day, int hour, ZoneId zone) {
    return ZonedDateTime.of(day, LocalTime.of(hour, 0), zone).toInstant();
  }

  private static void writeLocalTipsTemplate() throws IOException {
    Path email = TEMPLATES.resolve("email/en/local-tips.html");
    Files.createDirectories(email.getParent());
    Files.writeString(
        email,
        """
        <!DOCTYPE html>
        <html xmlns:th="http://www.thymeleaf.org" lang="en">
        <head><title th:text="'Where to eat near ' + ${property.name}">Where to eat</title></head>
        <body>
          <p>Dear <span th:text="${guest.fullName}">guest</span>,</p>
          <p>Our favourite: Trattoria da Mario, two minutes from the house.</p>
        </body>
        </html>
        """,
        StandardCharsets.UTF_8);
    Path sms = TEMPLATES.resolve("sms/en/local-tips.txt");
    Files.createDirectories(sms.getParent());
    Files.writeString(sms, "Our favourite: Trattoria da Mario. - [(${property.name})]");
  }

  /**
   * The shipped pre-arrival journey, edited: reminder two days before at 18:00; "local tips" a week
   * before arrival; the check-in guide step renamed (id and label).
   */
  private static byte[] editedPreArrival() throws IOException {
    BpmnModelInstance model = Bpmn.readModelFromFile(Path.of("bpmn/pre-arrival.bpmn").toFile());
    setTimer(
        model,
        "timer_day_before_arrival",
        "=date and time(date and time(date(arrivalDate) - duration(\"P2D\"), time(\"18:00\")),"
            + " timeZone)");

    FlowNode guide = model.getModelElementById("task_send_check_in_guide");
    guide.setId("task_send_directions");
    guide.setName("Send directions and check-in");

    SequenceFlow toGuideTimer = model.getModelElementById("flow_to_guide_due");
    FlowNode guideTimer = toGuideTimer.getTarget();
    remove(model, toGuideTimer);
    StartEvent start = model.getModelElementById("start_pre_arrival_messages");
    start
        .builder()
        .intermediateCatchEvent("timer_week_before_arrival")
        .name("A week before arrival, 10:00")
        .timerWithDateExpression(
            "date and time(date and time(date(arrivalDate) - duration(\"P7D\"), time(\"10:00\")),"
                + " timeZone)")
        .sendTask("task_send_local_tips")
        .name("Send local tips for your stay")
        .zeebeJobType("send-guest-message")
        .zeebeTaskHeader("message", "local-tips")
        .zeebeTaskHeader("purpose", "service")
        .zeebeTaskHeader("quietHours", "wait")
        .connectTo(guideTimer.getId());
    return Bpmn.convertToString(model).getBytes(StandardCharsets.UTF_8);
  }

  /** The shipped in-stay journey without its courtesy check-in. */
  private static byte[] editedInStay() {
    BpmnModelInstance model = Bpmn.readModelFromFile(Path.of("bpmn/in-stay.bpmn").toFile());
    SequenceFlow yes = model.getModelElementById("flow_courtesy_yes");
    FlowNode done = model.getModelElementById("gateway_courtesy_done");
    yes.getTarget().getIncoming().remove(yes);
    yes.setTarget(done);
    done.getIncoming().add(yes);
    for (BpmnEdge edge : model.getModelElementsByType(BpmnEdge.class)) {
      if (edge.getBpmnElement() == yes) {
        // redrawn: over the removed steps, straight to the join
        edge.getWaypoints().clear();
        for (int[] p : new int[][] {{1040, 215}, {1040, 150}, {1390, 150}, {1390, 215}}) {
          io.camunda.zeebe.model.bpmn.instance.di.Waypoint w =
              model.newInstance(io.camunda.zeebe.model.bpmn.instance.di.Waypoint.class);
          w.setX(p[0]);
          w.setY(p[1]);
          edge.getWaypoints().add(w);
        }
      }
    }
    for (String id :
        List.of(
            "flow_to_send_courtesy_check_in",
            "flow_courtesy_sent_to_done",
            "flow_courtesy_check_in_held",
            "flow_courtesy_check_in_may_go",
            "flow_courtesy_check_in_unreachable",
            "flow_courtesy_check_in_call_done",
            "boundary_courtesy_check_in_held",
            "boundary_courtesy_check_in_unreachable",
            "task_call_guest_courtesy_check_in",
            "timer_courtesy_check_in_may_go",
            "task_send_courtesy_check_in",
            "timer_second_day")) {
      remove(model, model.getModelElementById(id));
    }
    return Bpmn.convertToString(model).getBytes(StandardCharsets.UTF_8);
  }

  private static void setTimer(BpmnModelInstance model, String id, String expression) {
    IntermediateCatchEvent timer = model.getModelElementById(id);
    TimerEventDefinition def = (TimerEventDefinition) timer.getEventDefinitions().iterator().next();
    def.getTimeDate().setTextContent(expression);
  }

  /** Removes an element with its diagram shape or edge, as deleting it in the modeler does. */
  private static void remove(BpmnModelInstance model, BaseElement element) {
    if (element instanceof SequenceFlow flow) {
      flow.getSource().getOutgoing().remove(flow);
      flow.getTarget().getIncoming().remove(flow);
    }
    for (BpmnShape shape : model.getModelElementsByType(BpmnShape.class)) {
      if (shape.getBpmnElement() == element) {
        shape.getParentElement().removeChildElement(shape);
      }
    }
    for (BpmnEdge edge : model.getModelElementsByType(BpmnEdge.class)) {
      if (edge.getBpmnElement() == element) {
        edge.getParentElement().removeChildElement(edge);
      }
    }
    element.getParentElement().removeChildElement(element);
  }
}
