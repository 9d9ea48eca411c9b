package org.guestjourney.studio;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.BaseElement;
import io.camunda.zeebe.model.bpmn.instance.FlowNode;
import io.camunda.zeebe.model.bpmn.instance.MessageEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.Process;
import io.camunda.zeebe.model.bpmn.instance.StartEvent;
import io.camunda.zeebe.model.bpmn.instance.TimerEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.UserTask;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeAssignmentDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeFormDefinition;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.guestjourney.messaging.MessageRenderer;
import org.guestjourney.messaging.MessageTexts;
import org.guestjourney.modeler.Feel;
import org.guestjourney.modeler.JourneyModel;
import org.guestjourney.property.Languages;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Our own rules for a journey model, checked on the server before it may be deployed (bpmnlint with
 * the Camunda 8.8 rules runs in the browser): every send step names a message that has an e-mail
 * text in every language a property offers; every timer expression evaluates, for a sample booking,
 * to a moment (or a duration); every user task has a team and a form.
 */
@Component
class JourneyChecks {

  static final String SEND_GUEST_MESSAGE = "send-guest-message";
  static final String LOAD_JOURNEY_FACTS = "load-journey-facts";

  private final Feel feel;
  private final MessageRenderer templates;
  private final MessageTexts texts;
  private final JdbcClient jdbc;
  private final Clock clock;

  JourneyChecks(
      Feel feel, MessageRenderer templates, MessageTexts texts, JdbcClient jdbc, Clock clock) {
    this.feel = feel;
    this.templates = templates;
    this.texts = texts;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** The model parsed, or the reason it cannot be. */
  static BpmnModelInstance parse(String xml) {
    return Bpmn.readModelFromStream(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
  }

  List<ModelProblem> check(String xml) {
    BpmnModelInstance model;
    try {
      model = parse(xml);
      Bpmn.validateModel(model);
    } catch (RuntimeException e) {
      return List.of(
          ModelProblem.error(null, "valid-bpmn", "Not a valid BPMN model: " + e.getMessage()));
    }
    List<ModelProblem> problems = new ArrayList<>();
    Collection<Process> processes = model.getModelElementsByType(Process.class);
    if (processes.size() != 1) {
      problems.add(
          ModelProblem.error(null, "one-process", "A journey file holds exactly one process"));
      return problems;
    }
    checkStart(processes.iterator().next(), problems);
    Collection<FlowNode> nodes = model.getModelElementsByType(FlowNode.class);
    boolean bookingJourney =
        nodes.stream()
            .anyMatch(n -> JourneyModel.jobType(n).filter(LOAD_JOURNEY_FACTS::equals).isPresent());
    Map<Long, List<String>> houses = houses();
    Map<String, Object> sample = sampleBooking();
    for (FlowNode node : nodes) {
      if (JourneyModel.jobType(node).filter(SEND_GUEST_MESSAGE::equals).isPresent()) {
        checkSendStep(node, houses, problems);
      }
      if (node instanceof UserTask task) {
        checkUserTask(task, problems);
      }
    }
    for (TimerEventDefinition timer : model.getModelElementsByType(TimerEventDefinition.class)) {
      checkTimer(timer, sample, bookingJourney, problems);
    }
    return problems;
  }

  /**
   * The message the app starts each process with (a booking's three journeys, a complaint's
   * journey, a guest request's process): the model must start on it.
   */
  static final Map<String, String> START_MESSAGES =
      Map.of(
          org.guestjourney.journey.PreArrivalJourney.PROCESS_ID,
          org.guestjourney.journey.PreArrivalJourney.MESSAGE_BOOKING_CONFIRMED,
          org.guestjourney.journey.StayJourneys.IN_STAY,
          org.guestjourney.journey.StayJourneys.MESSAGE_GUEST_CHECKED_IN,
          org.guestjourney.journey.StayJourneys.POST_STAY,
          org.guestjourney.journey.StayJourneys.MESSAGE_GUEST_CHECKED_OUT,
          org.guestjourney.complaint.ComplaintJourney.PROCESS_ID,
          org.guestjourney.complaint.ComplaintJourney.MESSAGE_COMPLAINT_RAISED,
          org.guestjourney.guestrequest.GuestRequestJourney.PROCESS_ID,
          org.guestjourney.guestrequest.GuestRequestJourney.MESSAGE_GUEST_REQUEST_MADE);

  /**
   * A journey the app starts by a message (booking stored, guest checked in, guest checked out, a
   * complaint raised, a guest request made) must start on that message: a model without that start
   * would never run, so it is refused, not ignored.
   */
  private static void checkStart(Process process, List<ModelProblem> problems) {
    String expected = START_MESSAGES.get(process.getId());
    if (expected == null) {
      return;
    }
    boolean starts =
        process.getChildElementsByType(StartEvent.class).stream()
            .flatMap(start -> start.getEventDefinitions().stream())
            .filter(MessageEventDefinition.class::isInstance)
            .map(MessageEventDefinition.class::cast)
            .anyMatch(d -> d.getMessage() != null && expected.equals(d.getMessage().getName()));
    if (!starts) {
      problems.add(
          ModelProblem.error(
              null,
              "journey-start",
              "The journey must start on the message \""
                  + expected
                  + "\" (a start event at the top level of the process): the app starts it that"
                  + " way, and without it this journey would never run"));
    }
  }

  private void checkSendStep(
      FlowNode node, Map<Long, List<String>> houses, List<ModelProblem> problems) {
    String message = JourneyModel.headers(node).get("message");
    if (message == null || message.isBlank()) {
      problems.add(
          ModelProblem.error(
              node.getId(), "message-exists", label(node) + ": pick the message it sends"));
      return;
    }
    Set<String> noEmail = new TreeSet<>();
    Set<String> noSms = new TreeSet<>();
    for (var house : houses.entrySet()) {
      for (String language : house.getValue()) {
        var own =
            house.getKey() == null
                ? java.util.Optional.<MessageTexts.MessageText>empty()
                : texts.find(house.getKey(), message, language);
        if (!own.map(MessageTexts.MessageText::hasEmail).orElse(false)
            && !templates.hasTemplate(message, language, true)) {
          noEmail.add(language);
        }
        if (!own.map(MessageTexts.MessageText::hasSms).orElse(false)
            && !templates.hasTemplate(message, language, false)) {
          noSms.add(language);
        }
      }
    }
    for (String language : noEmail) {
      problems.add(
          ModelProblem.error(
              node.getId(),
              "message-exists",
              label(node)
                  + ": message \""
                  + message
                  + "\" has no e-mail text in "
                  + language
                  + ", a language a property offers"));
    }
    for (String language : noSms) {
      problems.add(
          ModelProblem.warning(
              node.getId(),
              "message-exists",
              label(node)
                  + ": message \""
                  + message
                  + "\" has no SMS / WhatsApp text in "
                  + language
                  + "; guests who want SMS get nothing"));
    }
  }

  private static void checkUserTask(UserTask task, List<ModelProblem> problems) {
    ZeebeAssignmentDefinition assignment =
        task.getSingleExtensionElement(ZeebeAssignmentDefinition.class);
    String groups = assignment == null ? null : assignment.getCandidateGroups();
    if (groups == null || groups.isBlank()) {
      problems.add(
          ModelProblem.error(
              task.getId(), "user-task-team", label(task) + ": name the team that does it"));
    }
    ZeebeFormDefinition form = task.getSingleExtensionElement(ZeebeFormDefinition.class);
    boolean hasForm =
        form != null
            && ((form.getFormKey() != null && !form.getFormKey().isBlank())
                || (form.getFormId() != null && !form.getFormId().isBlank()));
    if (!hasForm) {
      problems.add(
          ModelProblem.error(
              task.getId(), "user-task-form", label(task) + ": give it the form staff fill in"));
    }
  }

  private void checkTimer(
      TimerEventDefinition timer,
      Map<String, Object> sample,
      boolean bookingJourney,
      List<ModelProblem> problems) {
    BaseElement event = (BaseElement) timer.getParentElement();
    String id = event.getId();
    String name = label(event);
    boolean date = timer.getTimeDate() != null;
    String expression =
        date
            ? timer.getTimeDate().getTextContent()
            : timer.getTimeDuration() != null
                ? timer.getTimeDuration().getTextContent()
                : timer.getTimeCycle() != null ? timer.getTimeCycle().getTextContent() : null;
    if (expression == null || expression.isBlank()) {
      problems.add(ModelProblem.error(id, "timer-evaluates", name + ": the timer has no rule"));
      return;
    }
    if (!expression.strip().startsWith("=")) {
      return; // a constant (ISO-8601), checked by the engine's own validation above
    }
    Feel.Result result = feel.evaluate(expression, sample);
    if (result.failure() != null) {
      boolean unknownLater = result.failure().startsWith("not known yet");
      if (unknownLater && !bookingJourney) {
        problems.add(
            ModelProblem.warning(
                id,
                "timer-evaluates",
                name + ": cannot be checked with a sample booking (" + result.failure() + ")"));
      } else {
        problems.add(
            ModelProblem.error(
                id,
                "timer-evaluates",
                name
                    + ": the rule does not give a moment for a sample booking: "
                    + result.failure()));
      }
      return;
    }
    Object value = result.value();
    boolean ok =
        date
            ? value instanceof ZonedDateTime
                || value instanceof OffsetDateTime
                || (value instanceof String s && isDateTime(s))
            : value instanceof java.time.Duration
                || value instanceof java.time.Period
                || value instanceof String;
    if (!ok) {
      problems.add(
          ModelProblem.error(
              id,
              "timer-evaluates",
              name
                  + ": the rule gives "
                  + value
                  + (date ? ", not a date and time with a time zone" : ", not a duration")));
    }
  }

  private static boolean isDateTime(String text) {
    try {
      ZonedDateTime.parse(text);
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /**
   * Every property with the languages it offers (with no property yet: the supported languages, for
   * a house to come, under a null id).
   */
  private Map<Long, List<String>> houses() {
    Map<Long, List<String>> houses = new LinkedHashMap<>();
    jdbc.sql("select id, languages from property order by id")
        .query(
            (rs, row) ->
                houses.put(rs.getLong("id"), List.of(rs.getString("languages").split(","))))
        .list();
    if (houses.isEmpty()) {
      houses.put(null, Languages.SUPPORTED);
    }
    return houses;
  }

  /**
   * A sample booking's journey variables (the facts a booking journey starts with, see {@code
   * journey.StayFacts}): three nights for two, two weeks ahead, in Rome, with default house
   * settings; and {@code heldUntil}, which the "held back" path of a send step reads.
   */
  Map<String, Object> sampleBooking() {
    LocalDate arrival = LocalDate.ofInstant(clock.instant(), ZoneId.of("Europe/Rome")).plusDays(14);
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("bookingId", 0L);
    v.put("bookingRevision", 1);
    v.put("arrivalDate", arrival.toString());
    v.put("departureDate", arrival.plusDays(3).toString());
    v.put("stayNights", 3);
    v.put("partySize", 2);
    v.put("previousStays", 0);
    v.put("timeZone", "Europe/Rome");
    v.put("checkInTime", "15:00");
    v.put("checkOutTime", "10:00");
    v.put("workingHoursStart", "09:00");
    v.put("checkInGuideDaysBefore", 3);
    v.put("checkInGuideTime", "10:00");
    v.put("dayBeforeReminderTime", "10:00");
    v.put("quickSurveyTime", "09:30");
    v.put("courtesyCheckInTime", "17:00");
    v.put("thankYouAfterCheckOut", "PT3H");
    v.put("satisfactionSurveyTime", "10:00");
    v.put("surveyReminderAfterDays", 3);
    v.put("reviewRequestAfterDays", 2);
    v.put("phoneFollowUpWithinDays", 7);
    v.put("messageBudget", 6);
    v.put("satisfactionSurveyAnswered", false);
    v.put("heldUntil", arrival.atTime(9, 0).atZone(ZoneId.of("Europe/Rome")).toString());
    return v;
  }

  private static String label(BaseElement element) {
    String name = JourneyModel.label(element);
    return name == null || name.isBlank() ? element.getId() : "\"" + name + "\"";
  }
}
