package org.guestjourney.journey;

import io.camunda.zeebe.model.bpmn.instance.FlowNode;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.guestjourney.booking.Booking;
import org.guestjourney.booking.BookingRepository;
import org.guestjourney.guest.GuestRepository;
import org.guestjourney.guestrequest.GuestRequestRepository;
import org.guestjourney.messaging.DeliveryState;
import org.guestjourney.messaging.GuestMessageRequest;
import org.guestjourney.messaging.MessageDelivery;
import org.guestjourney.messaging.MessageStep;
import org.guestjourney.messaging.MessagingService;
import org.guestjourney.messaging.SendOutcome;
import org.guestjourney.modeler.Feel;
import org.guestjourney.modeler.JourneyModel;
import org.guestjourney.modeler.JourneyModels;
import org.guestjourney.property.Property;
import org.guestjourney.property.PropertyRepository;
import org.guestjourney.survey.SurveyKind;
import org.guestjourney.survey.SurveyService;
import org.springframework.stereotype.Service;

/**
 * The "send a guest message" step of any booking journey, as the model defines it: its headers say
 * which message, what for, whether it waits for quiet hours, what makes it unique and which other
 * steps it may carry; the timer right before it says when it was due. The engine decides when; this
 * class only works out what to send and asks the messaging to send it.
 */
@Service
public class JourneySteps {

  /** Job type of the send step (element template {@code guest-message}). */
  public static final String SEND_GUEST_MESSAGE = "send-guest-message";

  // the send step's headers (bpmn/element-templates/guest-message.json)
  public static final String HEADER_MESSAGE = "message";
  public static final String HEADER_PURPOSE = "purpose";
  public static final String HEADER_QUIET_HOURS = "quietHours";
  public static final String HEADER_ONCE_PER = "oncePer";
  public static final String HEADER_CARRIES = "carries";
  public static final String HEADER_SURVEY = "survey";
  public static final String HEADER_BUDGET = "budget";
  public static final String HEADER_CARRY_AHEAD = "carryAhead";

  /** How a step counts toward the stay's message budget (header {@code budget}). */
  public enum Budget {
    /** One of the stay's automated messages. */
    COUNTS,
    /** Counts, and is left out when the budget is reached. */
    OPTIONAL,
    /** Never counted: changes, cancellations, answers to the guest. */
    EXEMPT;

    static Budget fromCode(String code) {
      return valueOf(code.strip().toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
    }
  }

  /** Earlier models named the message with this header; still understood. */
  public static final String HEADER_LEGACY_MESSAGE_STEP = "messageStep";

  /** BPMN error: no channel reaches the guest for a service message. */
  public static final String ERROR_GUEST_UNREACHABLE = "GUEST_UNREACHABLE";

  /** BPMN error: the message waits (quiet hours, spacing, daily cap) until {@code heldUntil}. */
  public static final String ERROR_MESSAGE_HELD = "MESSAGE_HELD";

  private final BookingRepository bookings;
  private final PropertyRepository properties;
  private final GuestRepository guests;
  private final GuestRequestRepository requests;
  private final MessagingService messaging;
  private final SurveyService surveys;
  private final Feel feel;
  private final JourneyModels models;
  private final JourneyFacts facts;
  private final JourneyPlan plan;
  private final org.guestjourney.tasklist.StaffTaskService tasks;
  private final Clock clock;

  /** The journeys of a booking, in the order a stay goes through them. */
  static final List<String> BOOKING_JOURNEYS =
      List.of(PreArrivalJourney.PROCESS_ID, StayJourneys.IN_STAY, StayJourneys.POST_STAY);

  JourneySteps(
      BookingRepository bookings,
      PropertyRepository properties,
      GuestRepository guests,
      GuestRequestRepository requests,
      MessagingService messaging,
      SurveyService surveys,
      Feel feel,
      JourneyModels models,
      JourneyFacts facts,
      JourneyPlan plan,
      org.guestjourney.tasklist.StaffTaskService tasks,
      Clock clock) {
    this.tasks = tasks;
    this.facts = facts;
    this.plan = plan;
    this.bookings = bookings;
    this.properties = properties;
    this.guests = guests;
    this.requests = requests;
    this.messaging = messaging;
    this.surveys = surveys;
    this.feel = feel;
    this.models = models;
    this.clock = clock;
  }

  /** The booking's facts and the house's settings, as the journey carries them. */
  public StayFacts facts(long bookingId) {
    return facts.of(bookingId);
  }

  /** A send step of a model: what it sends and by which rules. */
  public record Step(
      FlowNode node,
      MessageStep message,
      String oncePer,
      List<String> carries,
      String survey,
      Budget budget,
      java.time.Duration carryAhead) {

    /** The step {@code node} of {@code model} is, read once per model version. */
    static Step of(JourneyModel model, FlowNode node) {
      return model.memo(node, "send-step", () -> of(node));
    }

    static Step of(FlowNode node) {
      Map<String, String> h = JourneyModel.headers(node);
      String code = h.get(HEADER_MESSAGE);
      if (code == null || code.isBlank()) {
        code = h.get(HEADER_LEGACY_MESSAGE_STEP);
      }
      if (code == null || code.isBlank()) {
        throw new IllegalStateException(
            "Step '"
                + JourneyModel.label(node)
                + "' sends no message: set its header '"
                + HEADER_MESSAGE
                + "' (the message's template key)");
      }
      String key = code.strip();
      Optional<MessageStep> known = MessageStep.known(key);
      MessageStep.Purpose purpose =
          h.containsKey(HEADER_PURPOSE)
              ? MessageStep.Purpose.fromCode(h.get(HEADER_PURPOSE))
              : known.map(MessageStep::purpose).orElse(MessageStep.Purpose.SERVICE);
      boolean waits =
          h.containsKey(HEADER_QUIET_HOURS)
              ? !"send-at-once".equals(h.get(HEADER_QUIET_HOURS).strip())
              : known.map(MessageStep::waitsForQuietHours).orElse(true);
      String label =
          known.isPresent() && !h.containsKey(HEADER_MESSAGE)
              ? known.get().label()
              : JourneyModel.label(node).replaceFirst("^Send ", "");
      String oncePer = h.getOrDefault(HEADER_ONCE_PER, legacyOncePer(key));
      List<String> carries =
          h.containsKey(HEADER_CARRIES)
              ? java.util.Arrays.stream(h.get(HEADER_CARRIES).split(","))
                  .map(String::strip)
                  .filter(s -> !s.isEmpty())
                  .toList()
              : List.of();
      String survey = h.getOrDefault(HEADER_SURVEY, legacySurvey(key));
      return new Step(
          node,
          MessageStep.of(key, capitalise(label), purpose, waits),
          oncePer == null || oncePer.isBlank() ? null : oncePer.strip(),
          carries,
          survey == null || survey.isBlank() || survey.strip().equals("none")
              ? null
              : survey.strip(),
          h.containsKey(HEADER_BUDGET)
              ? Budget.fromCode(h.get(HEADER_BUDGET))
              : switch (key) {
                case "booking-changed", "booking-cancellation", "request-progress" -> Budget.EXEMPT;
                default -> Budget.COUNTS;
              },
          h.containsKey(HEADER_CARRY_AHEAD)
              ? java.time.Duration.parse(h.get(HEADER_CARRY_AHEAD).strip())
              : java.time.Duration.ZERO);
    }

    /** What earlier models meant by a message without the newer headers. */
    private static String legacyOncePer(String code) {
      return switch (code) {
        case "check-in-guide", "day-before-reminder" -> "arrivalDate";
        case "booking-changed" -> "bookingRevision";
        case "request-progress" -> "requestId";
        default -> null;
      };
    }

    private static String legacySurvey(String code) {
      return switch (code) {
        case "quick-survey" -> "quick";
        case "satisfaction-survey", "satisfaction-survey-reminder" -> "satisfaction";
        default -> null;
      };
    }

    private static String capitalise(String s) {
      return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
  }

  /** The step's idempotency key: one message per booking, or per value of its oncePer variable. */
  public static String key(long bookingId, Step step, Map<String, Object> variables) {
    String base = "booking/" + bookingId + "/" + step.message().code();
    if (step.oncePer() == null) {
      return base;
    }
    Object value = variables.get(step.oncePer());
    if (value == null) {
      throw new IllegalStateException(
          "Step '"
              + JourneyModel.label(step.node())
              + "' is sent once per '"
              + step.oncePer()
              + "', but the journey has no such variable");
    }
    return base + "/" + (value instanceof Number n ? Long.toString(n.longValue()) : value);
  }

  /** When the step was due: the moment of the timer right before it, else now. */
  public Instant dueAt(FlowNode node, Map<String, Object> variables) {
    return dueAt(JourneyModel.timerBefore(node), variables);
  }

  private Instant dueAt(JourneyModel model, FlowNode node, Map<String, Object> variables) {
    return dueAt(model.timerBeforeOf(node), variables);
  }

  private Instant dueAt(Optional<FlowNode> timerBefore, Map<String, Object> variables) {
    return timerBefore
        .flatMap(JourneyModel::timerDate)
        .flatMap(expression -> feel.moment(expression, variables))
        .orElseGet(clock::instant);
  }

  /**
   * Sends the step's message now (the engine asked). Carried steps whose moment has passed go with
   * it and are recorded as such.
   */
  public SendOutcome send(JourneyModel model, FlowNode node, Map<String, Object> variables) {
    Step step = Step.of(model, node);
    long bookingId = ((Number) variables.get("bookingId")).longValue();
    String key = key(bookingId, step, variables);
    // the stay's facts (one statement) and its plan (one more), each read at most once per send
    // and only when needed: making a plan evaluates every timer of the stay's journeys
    java.util.function.Supplier<JourneyFacts.Read> read = memo(() -> facts.read(bookingId));
    java.util.function.Supplier<JourneyPlan.Stay> planned = memo(() -> plan.stay(read.get()));
    java.util.function.Supplier<List<JourneyPlan.PlannedStep>> stay = () -> planned.get().steps();
    java.util.function.Supplier<Integer> budgetLimit = () -> read.get().facts().messageBudget();
    Instant due;
    if (model.timerBeforeOf(node).isPresent()) {
      due = dueAt(model, node, variables);
    } else if (BOOKING_JOURNEYS.get(0).equals(model.processId())
        && model.reachedWithoutTimer(node)) {
      // no timer on any way to it in the stay's first journey (the booking confirmation): the
      // plan puts it at the booking, so no plan is made to find that out
      due = read.get().booking().createdAt();
    } else {
      // no timer of its own (e.g. the welcome): due when the journey's plan reaches it
      due =
          stay.get().stream()
              .filter(s -> key.equals(s.key()) && s.at() != null)
              .map(JourneyPlan.PlannedStep::at)
              .findFirst()
              .orElseGet(clock::instant);
    }
    Optional<String> leftOut = budget(step, key, stay, budgetLimit);
    if (leftOut.isPresent()) {
      messaging.recordCarried(bookingId, step.message(), key, due, leftOut.get());
      return new SendOutcome.Done(messaging.find(key));
    }
    Optional<MessageDelivery> before = messaging.find(key);
    // a step that went already (a retried job, a journey restored after a restart) carries nothing
    boolean went = before.filter(d -> d.state() == DeliveryState.SENT).isPresent();
    Map<String, Carried> carried =
        went ? Map.of() : carry(model, step, bookingId, variables, stay, budgetLimit);
    Long requestId =
        variables.get("requestId") instanceof Number n ? Long.valueOf(n.longValue()) : null;
    messaging.plan(bookingId, step.message(), key, due);
    GuestMessageRequest request =
        new GuestMessageRequest(
            bookingId,
            step.message(),
            key,
            content(
                bookingId,
                step,
                carried.values().stream().map(Carried::step).toList(),
                requestId,
                // a step that went already (the journey came back to it) invites nobody again
                !went));
    SendOutcome outcome =
        messaging.sendStep(request, model.catchesErrorOf(node, ERROR_GUEST_UNREACHABLE));
    if (outcome instanceof SendOutcome.Unreachable
        && before.filter(MessageDelivery::failedForGood).filter(this::guestCalled).isPresent()) {
      // failed for good before and the front desk has called the guest about it; the journey came
      // back to the step (it started over after a settings change): it goes on, no second call
      return new SendOutcome.Done(before);
    }
    // only a message that went carries others: a carrier skipped or held leaves them to go alone
    if (outcome instanceof SendOutcome.Done done
        && done.delivery().filter(d -> d.state() == DeliveryState.SENT).isPresent()) {
      for (Carried c : carried.values()) {
        messaging.recordCarried(bookingId, c.step().message(), c.key(), c.due(), c.reason());
      }
    }
    return outcome;
  }

  /** Whether a "call the guest" task opened after the message failed for good was completed. */
  private boolean guestCalled(MessageDelivery failed) {
    return tasks.ofBooking(failed.bookingId()).stream()
        .anyMatch(
            t ->
                CallGuestTaskDetails.TASK_KIND.equals(t.taskKind())
                    && t.state() == org.guestjourney.tasklist.StaffTaskState.COMPLETED
                    && !t.createdAt().isBefore(failed.updatedAt()));
  }

  /**
   * Gives up on the step's message after its last attempt failed: it is recorded as failed for good
   * with {@code reason}, so that the model can hand it to a person. False when the message went
   * out, was settled, or is held by an attempt that may have reached the provider.
   */
  public boolean giveUp(FlowNode node, Map<String, Object> variables, String reason) {
    Step step = Step.of(node);
    long bookingId = ((Number) variables.get("bookingId")).longValue();
    return messaging.giveUp(key(bookingId, step, variables), reason);
  }

  /**
   * Why the step does not go on its own because of the stay's message budget (house setting), if it
   * does not: a later step that carries it takes it along, or, when it is optional, it is left out.
   * Nothing is dropped when the budget allows the message.
   */
  private Optional<String> budget(
      Step step,
      String key,
      java.util.function.Supplier<List<JourneyPlan.PlannedStep>> plan,
      java.util.function.Supplier<Integer> budgetLimit) {
    if (step.budget() == Budget.EXEMPT) {
      return Optional.empty();
    }
    if (step.budget() == Budget.COUNTS && !carriedByAnyStep(step.message().code())) {
      // a step that counts goes on its own unless another step carries it; no step of the stay's
      // journeys carries this one, so no plan is made to find that out
      return Optional.empty();
    }
    return JourneyPlan.budgetReason(plan.get(), key, step.budget(), budgetLimit.get());
  }

  /** Whether a send step of a booking journey (as deployed) lists {@code code} in its carries. */
  private boolean carriedByAnyStep(String code) {
    for (String processId : BOOKING_JOURNEYS) {
      Optional<JourneyModel> model = models.latest(processId);
      if (model.isPresent()
          && model
              .get()
              .memo(
                  "\u0000a step carries\u0000" + code,
                  () ->
                      model.get().nodesOfJobType(SEND_GUEST_MESSAGE).stream()
                          .anyMatch(n -> Step.of(model.get(), n).carries().contains(code)))) {
        return true;
      }
    }
    return false;
  }

  /** A step that goes with another message, and what its record will say. */
  private record Carried(Step step, String key, Instant due, String reason) {}

  /**
   * The steps named in {@code carries} whose moment has passed and that have not gone out: their
   * content goes with this message, and they are recorded as gone with it.
   */
  private Map<String, Carried> carry(
      JourneyModel model,
      Step carrier,
      long bookingId,
      Map<String, Object> variables,
      java.util.function.Supplier<List<JourneyPlan.PlannedStep>> stay,
      java.util.function.Supplier<Integer> budgetLimit) {
    Map<String, Carried> carried = new java.util.LinkedHashMap<>();
    Instant now = clock.instant();
    java.util.function.Supplier<Boolean> overBudget =
        memo(() -> JourneyPlan.automatedMessages(stay.get(), null, false) > budgetLimit.get());
    for (String code : carrier.carries()) {
      for (FlowNode node : model.nodesOfJobType(SEND_GUEST_MESSAGE)) {
        Step other = Step.of(model, node);
        if (!other.message().code().equals(code)) {
          continue;
        }
        Instant due = dueAt(model, node, variables);
        boolean passed = !due.isAfter(now);
        boolean soon = !due.isAfter(now.plus(carrier.carryAhead()));
        if (!passed && !soon) {
          continue; // its moment is well ahead: it goes on its own, whatever went before
        }
        String key = key(bookingId, other, variables);
        Optional<MessageDelivery> existing = messaging.find(key);
        if (existing.map(d -> d.state() == DeliveryState.SENT).orElse(false)) {
          continue;
        }
        if (!passed
            && !(soon && overBudget.get() && existing.map(MessageDelivery::isOpen).orElse(true))) {
          continue; // its own moment is still to come and the budget allows it: it goes on its own
        }
        carried.put(
            code,
            new Carried(
                other,
                key,
                due,
                (passed
                        ? "Its moment had passed; it went with the "
                        : "To keep the stay within its message budget it went with the ")
                    + carrier.message().label().toLowerCase()));
      }
    }
    return carried;
  }

  /**
   * What the journey would ask the messaging to send for {@code delivery} (a staff member's "send
   * now"), from the journey models that send its message, with the booking's current facts.
   */
  public Optional<GuestMessageRequest> requestFor(MessageDelivery delivery) {
    if (delivery.bookingId() == null) {
      return Optional.empty();
    }
    long bookingId = delivery.bookingId();
    Map<String, Object> variables = facts(bookingId).asVariables();
    for (String processId : BOOKING_JOURNEYS) {
      Optional<JourneyModel> model = models.latest(processId);
      if (model.isEmpty()) {
        continue;
      }
      for (FlowNode node : model.get().nodesOfJobType(SEND_GUEST_MESSAGE)) {
        Step step = Step.of(model.get(), node);
        if (step.message().code().equals(delivery.step().code())) {
          return Optional.of(
              new GuestMessageRequest(
                  bookingId,
                  step.message(),
                  key(bookingId, step, variables),
                  content(bookingId, step, List.of(), null, true)));
        }
      }
    }
    return Optional.empty();
  }

  private static <T> java.util.function.Supplier<T> memo(java.util.function.Supplier<T> s) {
    return new java.util.function.Supplier<>() {
      private T value;

      @Override
      public T get() {
        if (value == null) {
          value = s.get();
        }
        return value;
      }
    };
  }

  /** The values a message's template may use besides guest, property and booking. */
  private Map<String, Object> content(
      long bookingId,
      Step step,
      java.util.Collection<Step> carried,
      Long requestId,
      boolean inviteToSurvey) {
    // the booking's room ("stayDetail") and the house's review link ("reviewUrl") are added by
    // the messaging service from the stay it reads anyway: no reads here on the common path
    Map<String, Object> model = new HashMap<>();
    Set<String> carries = new LinkedHashSet<>();
    carried.forEach(c -> carries.add(c.message().code()));
    model.put("carries", carries);
    String survey =
        step.survey() != null
            ? step.survey()
            : carried.stream().map(Step::survey).filter(s -> s != null).findFirst().orElse(null);
    if (survey != null && inviteToSurvey) {
      SurveyKind kind = "quick".equals(survey) ? SurveyKind.QUICK : SurveyKind.SATISFACTION;
      Booking booking = bookings.findById(bookingId).orElseThrow();
      Property property = properties.findById(booking.propertyId()).orElseThrow();
      String language =
          property.languageFor(
              guests.findById(booking.guestId()).orElseThrow().preferredLanguage());
      model.put("surveyUrl", surveys.invite(bookingId, kind, language));
    }
    if (requestId != null) {
      requests.findById(requestId).ifPresent(r -> model.put("request", r));
    }
    return model;
  }
}
