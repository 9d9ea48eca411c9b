package org.guestjourney.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.BaseElement;
import io.camunda.zeebe.model.bpmn.instance.bpmndi.BpmnShape;
import io.camunda.zeebe.process.test.assertions.BpmnAssert;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.guestjourney.booking.Booking;
import org.guestjourney.booking.BookingService;
import org.guestjourney.complaint.Complaint;
import org.guestjourney.complaint.ComplaintService;
import org.guestjourney.messaging.DeliveryState;
import org.guestjourney.messaging.MessageStep;
import org.guestjourney.modeler.JourneyModels;
import org.guestjourney.property.Property;
import org.guestjourney.support.JourneyIntegrationTest;
import org.guestjourney.support.Mails;
import org.guestjourney.support.TestMailServer;
import org.guestjourney.survey.SurveyService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A low survey score reaches the stay's journey as the message "low-score-answered"; the journey's
 * event subprocess "Low score answered" opens the complaint. A manager who removes it in the
 * modeler gets no complaint. Real engine, real SMTP, survey answers as the guest sends them.
 */
class LowScoreComplaintTest extends JourneyIntegrationTest {

  private static final Pattern LINK =
      Pattern.compile("http://localhost:8080/survey/([A-Za-z0-9_-]+)");

  @Autowired BookingService bookings;
  @Autowired SurveyService surveys;
  @Autowired ComplaintService complaints;
  @Autowired JourneyModels models;
  Property property;

  @BeforeEach
  void property() {
    property = data.property("Europe/Rome", "en");
    data.messageBudget(property, 20); // every message on its own
  }

  @AfterEach
  void putTheShippedJourneyBack() throws IOException {
    models.deploy(Map.of("in-stay.bpmn", Files.readAllBytes(Path.of("bpmn/in-stay.bpmn"))));
  }

  @Test
  void aLowQuickSurveyScoreOpensTheComplaintFromTheInStayDiagram() throws Exception {
    String email = data.uniqueEmail();
    Booking booking = arrivingTomorrow(email);
    String token = quickSurvey(booking, email);
    long inStay = engine.awaitInstanceOf(StayJourneys.IN_STAY, "bookingId", booking.id());

    surveys.answer(token, Map.of("firstNight", "1", "roomAsExpected", "2", "fixToday", "cold"));

    Complaint complaint = awaitComplaint(booking);
    assertThat(complaint.source()).isEqualTo("survey");
    assertThat(complaint.category()).isEqualTo("room");
    engine.awaitInstance(
        inStay,
        i ->
            i.hasPassedElement(StayJourneys.TASK_OPEN_COMPLAINT)
                .isWaitingAtElements(StayJourneys.TIMER_CHECK_OUT_TIME)); // the stay goes on
    // answering again opens nothing more
    surveys.answer(token, Map.of("firstNight", "1", "roomAsExpected", "1"));
    engine.waitForIdle();
    assertThat(complaints.forBooking(booking.id())).hasSize(1);
  }

  @Test
  void aLowSatisfactionScoreOpensTheComplaintFromThePostStayDiagram() throws Exception {
    String email = data.uniqueEmail();
    Booking booking = arrivingTomorrow(email);
    LocalDate departure = booking.departureDate();
    engine.moveTo(local(departure, 11, 1));
    long postStay = engine.awaitInstanceOf(StayJourneys.POST_STAY, "bookingId", booking.id());
    engine.moveTo(local(departure.plusDays(1), 10, 1));
    data.awaitState(booking.id(), MessageStep.SATISFACTION_SURVEY, DeliveryState.SENT);
    String token = lastSurveyToken(email);

    surveys.answer(
        token,
        Map.of("room", "4", "cleanliness", "1", "staff", "4", "value", "3", "recommend", "3"));

    Complaint complaint = awaitComplaint(booking);
    assertThat(complaint.category()).isEqualTo("cleanliness");
    engine.awaitInstance(postStay, i -> i.hasPassedElement(StayJourneys.TASK_OPEN_COMPLAINT));
  }

  @Test
  void whenTheManagerRemovesTheEventFromTheDiagramALowScoreOpensNoComplaint() throws Exception {
    BpmnModelInstance model =
        Bpmn.readModelFromStream(Files.newInputStream(Path.of("bpmn/in-stay.bpmn")));
    remove(model, model.getModelElementById(StayJourneys.SUBPROCESS_LOW_SCORE_ANSWERED));
    models.deploy(
        Map.of("in-stay.bpmn", Bpmn.convertToString(model).getBytes(StandardCharsets.UTF_8)));

    String email = data.uniqueEmail();
    Booking booking = arrivingTomorrow(email);
    String token = quickSurvey(booking, email);
    long inStay = engine.awaitInstanceOf(StayJourneys.IN_STAY, "bookingId", booking.id());

    surveys.answer(token, Map.of("firstNight", "1", "roomAsExpected", "2"));

    // the journey was told (the message is in the engine's record stream) and nothing caught it
    await()
        .atMost(Duration.ofSeconds(15))
        .pollInSameThread()
        .ignoreException(java.util.ConcurrentModificationException.class)
        .until(() -> published(booking.id()));
    engine.waitForIdle();
    assertThat(
            StreamSupport.stream(BpmnAssert.getRecordStream().jobRecords().spliterator(), false)
                .filter(r -> r.getValue().getType().equals("open-complaint-for-low-score"))
                .map(r -> r.getValue().getProcessInstanceKey())
                .toList())
        .doesNotContain(inStay);
    assertThat(complaints.forBooking(booking.id())).isEmpty();
  }

  private boolean published(long bookingId) {
    return StreamSupport.stream(BpmnAssert.getRecordStream().messageRecords().spliterator(), false)
        .anyMatch(
            r ->
                r.getValue().getName().equals(StayJourneys.MESSAGE_LOW_SCORE_ANSWERED)
                    && r.getValue().getCorrelationKey().equals(Long.toString(bookingId)));
  }

  private Booking arrivingTomorrow(String email) {
    LocalDate arrival = LocalDate.ofInstant(engine.now(), property.timeZone()).plusDays(1);
    Booking booking = data.book(data.request(property, arrival, 2, email, "en"));
    data.journeyOf(booking.id());
    bookings.recordArrivalTime(booking.id(), "16:00");
    data.awaitState(booking.id(), MessageStep.BOOKING_CONFIRMATION, DeliveryState.SENT);
    engine.moveTo(local(arrival, 15, 1));
    data.awaitState(booking.id(), MessageStep.WELCOME, DeliveryState.SENT);
    return booking;
  }

  private String quickSurvey(Booking booking, String email) throws Exception {
    engine.moveTo(local(booking.arrivalDate().plusDays(1), 9, 31));
    data.awaitState(booking.id(), MessageStep.QUICK_SURVEY, DeliveryState.SENT);
    return lastSurveyToken(email);
  }

  private static String lastSurveyToken(String email) throws Exception {
    String token = null;
    for (var mail : TestMailServer.to(email)) {
      Matcher m = LINK.matcher(Mails.body(mail));
      if (m.find()) {
        token = m.group(1);
      }
    }
    assertThat(token).as("a survey link mailed to " + email).isNotNull();
    return token;
  }

  private Complaint awaitComplaint(Booking booking) {
    List<Complaint> opened =
        await()
            .atMost(Duration.ofSeconds(15))
            .until(() -> complaints.forBooking(booking.id()), l -> !l.isEmpty());
    assertThat(opened).hasSize(1);
    return opened.getFirst();
  }

  private Instant local(LocalDate day, int hour, int minute) {
    return ZonedDateTime.of(day, LocalTime.of(hour, minute), property.timeZone()).toInstant();
  }

  /** Removes an element with its diagram shapes, as deleting it in the modeler does. */
  private static void remove(BpmnModelInstance model, BaseElement element) {
    for (BaseElement child : element.getChildElementsByType(BaseElement.class)) {
      for (BpmnShape shape : model.getModelElementsByType(BpmnShape.class)) {
        if (shape.getBpmnElement() == child) {
          shape.getParentElement().removeChildElement(shape);
        }
      }
      for (var edge :
          model.getModelElementsByType(
              io.camunda.zeebe.model.bpmn.instance.bpmndi.BpmnEdge.class)) {
        if (edge.getBpmnElement() == child) {
          edge.getParentElement().removeChildElement(edge);
        }
      }
    }
    for (BpmnShape shape : model.getModelElementsByType(BpmnShape.class)) {
      if (shape.getBpmnElement() == element) {
        shape.getParentElement().removeChildElement(shape);
      }
    }
    element.getParentElement().removeChildElement(element);
  }
}
