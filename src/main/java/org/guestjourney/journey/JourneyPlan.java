package org.guestjourney.journey;

import io.camunda.zeebe.model.bpmn.instance.ConditionExpression;
import io.camunda.zeebe.model.bpmn.instance.EndEvent;
import io.camunda.zeebe.model.bpmn.instance.ExclusiveGateway;
import io.camunda.zeebe.model.bpmn.instance.FlowNode;
import io.camunda.zeebe.model.bpmn.instance.InclusiveGateway;
import io.camunda.zeebe.model.bpmn.instance.SequenceFlow;
import io.camunda.zeebe.model.bpmn.instance.StartEvent;
import io.camunda.zeebe.model.bpmn.instance.SubProcess;
import io.camunda.zeebe.model.bpmn.instance.UserTask;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.guestjourney.booking.Booking;
import org.guestjourney.messaging.MessageDelivery;
import org.guestjourney.messaging.MessageStep;
import org.guestjourney.messaging.MessagingService;
import org.guestjourney.modeler.Feel;
import org.guestjourney.modeler.JourneyModel;
import org.guestjourney.modeler.JourneyModels;
import org.springframework.stereotype.Service;

/**
 * The whole stay's plan as the deployed journey models will play it out for a booking: every send
 * step (and staff step) of the pre-arrival, in-stay and post-stay journeys with the moment its
 * timer expression gives for this booking's facts, evaluated with the engine's own FEEL. Nothing is
 * stored: the models are the only plan. Steps behind a condition the facts cannot decide yet (a
 * decision table, a guest's answer) are shown with that condition.
 */
@Service
public class JourneyPlan {

  /** One step of the plan. {@code at} is null when the model gives no moment (e.g. at once). */
  public record PlannedStep(
      String journey,
      String elementId,
      String label,
      MessageStep step,
      JourneySteps.Step definition,
      String message,
      String purpose,
      Instant at,
      String condition,
      String key,
      Optional<MessageDelivery> delivery,
      String stoppedBecause) {

    public boolean isMessage() {
      return message != null;
    }

    /** What happened to it, or "planned" (or "cancelled" when the booking was). */
    public String state() {
      return delivery
          .map(d -> d.state().name().toLowerCase())
          .orElse(stoppedBecause == null ? "planned" : "cancelled");
    }
  }

  private final JourneyModels models;
  private final JourneyFacts facts;
  private final MessagingService messaging;
  private final Feel feel;
  private final Clock clock;

  JourneyPlan(
      JourneyModels models,
      JourneyFacts facts,
      MessagingService messaging,
      Feel feel,
      Clock clock) {
    this.models = models;
    this.facts = facts;
    this.messaging = messaging;
    this.feel = feel;
    this.clock = clock;
  }

  /** The plan of the booking's whole stay, in the order the steps come. */
  public List<PlannedStep> of(long bookingId) {
    return stay(bookingId).steps();
  }

  /** A stay's plan and the facts it was made from. */
  record Stay(List<PlannedStep> steps, StayFacts facts) {}

  /** The stay's plan with its facts: two reads (the stay, its messages), models as deployed. */
  Stay stay(long bookingId) {
    return stay(facts.read(bookingId));
  }

  /** The stay's plan from its facts read already: one more read (its messages). */
  Stay stay(JourneyFacts.Read read) {
    long bookingId = read.booking().id();
    Booking booking = read.booking();
    Map<String, MessageDelivery> byKey =
        messaging.forBooking(bookingId).stream()
            .collect(
                Collectors.toMap(
                    MessageDelivery::idempotencyKey, Function.identity(), (a, b) -> a));
    String stopped =
        booking.status() == org.guestjourney.booking.BookingStatus.CANCELLED
            ? "The booking was cancelled on " + booking.cancelledAt()
            : null;
    return new Stay(
        walk(
            bookingId,
            read.facts().asVariables(),
            booking.createdAt(),
            byKey,
            stopped,
            models::latest),
        read.facts());
  }

  /**
   * The plan a stay would get from its start with the given journey models (e.g. a manager's draft
   * in place of one deployed journey), with nothing recorded yet: what the studio simulates. The
   * same walk as {@link #of}; {@code modelOf} gives the model of each booking journey (empty: the
   * journey is not deployed).
   */
  public List<PlannedStep> simulate(
      long bookingId,
      Map<String, Object> variables,
      Instant bookedAt,
      Function<String, Optional<JourneyModel>> modelOf) {
    return walk(bookingId, variables, bookedAt, Map.of(), null, modelOf);
  }

  private List<PlannedStep> walk(
      long bookingId,
      Map<String, Object> variables,
      Instant bookedAt,
      Map<String, MessageDelivery> byKey,
      String stopped,
      Function<String, Optional<JourneyModel>> modelOf) {
    List<PlannedStep> plan = new ArrayList<>();
    Instant phaseStart = bookedAt;
    for (String processId : JourneySteps.BOOKING_JOURNEYS) {
      Optional<JourneyModel> model = modelOf.apply(processId);
      if (model.isEmpty()) {
        continue;
      }
      Walk walk = new Walk(model.get(), variables, bookingId, byKey, plan);
      walk.stoppedBecause = stopped;
      for (StartEvent start : model.get().process().getChildElementsByType(StartEvent.class)) {
        walk.from(start, phaseStart, null);
      }
      if (walk.handOverAt != null) {
        phaseStart = walk.handOverAt;
      }
    }
    plan.sort(
        Comparator.comparing(
            (PlannedStep s) ->
                s.delivery()
                    .map(d -> d.sentAt() != null ? d.sentAt() : d.plannedAt())
                    .orElse(s.at()),
            Comparator.nullsLast(Comparator.naturalOrder())));
    return plan;
  }

  /** The booking journeys, in the order a stay goes through them. */
  public static List<String> bookingJourneys() {
    return JourneySteps.BOOKING_JOURNEYS;
  }

  /**
   * Why the step with idempotency key {@code key} does not go on its own because of the stay's
   * message budget ({@code limit}, a house setting), if it does not: a later step that carries it
   * takes it along, or, when it is optional, it is left out. Empty when the budget allows it.
   */
  public static Optional<String> budgetReason(
      List<PlannedStep> stay, String key, JourneySteps.Budget budget, int limit) {
    if (budget == JourneySteps.Budget.EXEMPT) {
      return Optional.empty();
    }
    Optional<PlannedStep> self = stay.stream().filter(s -> key.equals(s.key())).findFirst();
    Optional<PlannedStep> carrier = self.flatMap(s -> carrierOf(stay, s));
    // the stay as it will be once every other merge its steps allow is made, this step included
    long merged = automatedMessages(stay, key, true) + (carrier.isPresent() ? 1 : 0);
    if (merged <= limit) {
      return Optional.empty();
    }
    if (carrier.isPresent()) {
      return Optional.of(
          "Goes with the "
              + carrier.get().label().toLowerCase()
              + ": the stay's message budget is "
              + limit
              + " automated messages (house setting)");
    }
    if (budget == JourneySteps.Budget.OPTIONAL) {
      return Optional.of(
          "Left out: the stay would get "
              + merged
              + " automated messages, more than its budget of "
              + limit
              + " (house setting); this step is optional");
    }
    return Optional.empty();
  }

  /**
   * Opens a message the booking's journeys will send but have not reached yet, so that staff can
   * rewrite it, send it now or look at it: it is recorded as scheduled at the moment the model
   * gives for the booking. Empty when no step of the plan sends {@code message} or its moment is
   * unknown.
   */
  public Optional<MessageDelivery> open(long bookingId, String message) {
    for (PlannedStep s : of(bookingId)) {
      if (message.equals(s.message())
          && s.key() != null
          && s.at() != null
          && s.stoppedBecause() == null) {
        if (s.delivery().isPresent()) {
          return s.delivery();
        }
        messaging.plan(bookingId, s.step(), s.key(), s.at());
        return messaging.find(s.key());
      }
    }
    return Optional.empty();
  }

  /**
   * How many automated messages the stay gets as planned: sent or still to come, not exempt from
   * the budget (changes, cancellations, answers), not behind an open condition (except {@code
   * selfKey}, the step asking), and — with {@code merged} — not counting steps a later step will
   * carry.
   */
  public static long automatedMessages(List<PlannedStep> plan, String selfKey, boolean merged) {
    return plan.stream()
        .filter(PlannedStep::isMessage)
        .filter(s -> s.definition().budget() != JourneySteps.Budget.EXEMPT)
        .filter(s -> !s.state().equals("skipped") && !s.state().equals("cancelled"))
        .filter(s -> s.condition() == null || (s.key() != null && s.key().equals(selfKey)))
        .filter(s -> !merged || carrierOf(plan, s).isEmpty())
        .count();
  }

  /**
   * The automated messages the guest will get as things stand: steps merge only as far as the
   * budget needs, so it is the plan's own count when that fits the budget, else the budget (or
   * more, when merging every step that may merge still does not fit).
   */
  public static long expectedMessages(List<PlannedStep> plan, int budget) {
    long all = automatedMessages(plan, null, false);
    return all <= budget ? all : Math.max(automatedMessages(plan, null, true), budget);
  }

  /** A step still to come that lists {@code step} in its {@code carries}, if {@code step} is. */
  public static Optional<PlannedStep> carrierOf(List<PlannedStep> plan, PlannedStep step) {
    if (!step.isMessage()
        || (!step.state().equals("planned") && !step.state().equals("scheduled"))) {
      return Optional.empty();
    }
    return plan.stream()
        .filter(PlannedStep::isMessage)
        .filter(c -> c != step)
        .filter(c -> c.state().equals("planned") || c.state().equals("scheduled"))
        .filter(c -> c.definition().carries().contains(step.message()))
        .filter(
            c ->
                c.at() == null
                    || step.at() == null
                    || !step.at().isAfter(c.at().plus(c.definition().carryAhead())))
        .findFirst();
  }

  /** Follows one journey model from its start, the way the engine will. */
  private final class Walk {
    private final JourneyModel model;
    private final Map<String, Object> variables;
    private final long bookingId;
    private final Map<String, MessageDelivery> deliveries;
    private final List<PlannedStep> plan;
    private final Set<String> seen = new HashSet<>();
    private Instant handOverAt;
    String stoppedBecause;

    Walk(
        JourneyModel model,
        Map<String, Object> variables,
        long bookingId,
        Map<String, MessageDelivery> deliveries,
        List<PlannedStep> plan) {
      this.model = model;
      this.variables = variables;
      this.bookingId = bookingId;
      this.deliveries = deliveries;
      this.plan = plan;
    }

    /** Walks on from {@code node}; returns the latest moment reached on the way. */
    Instant from(FlowNode node, Instant at, String condition) {
      if (!seen.add(node.getId())) {
        return at;
      }
      Instant now = at;
      Optional<String> timer = model.timerDateOf(node);
      if (timer.isPresent()) {
        now = feel.moment(timer.get(), variables).orElse(at);
      }
      if (model.jobTypeOf(node).filter(JourneySteps.SEND_GUEST_MESSAGE::equals).isPresent()) {
        JourneySteps.Step step = JourneySteps.Step.of(model, node);
        String key = safeKey(step);
        plan.add(
            new PlannedStep(
                model.processId(),
                node.getId(),
                step.message().label(),
                step.message(),
                step,
                step.message().code(),
                step.message().purpose().code(),
                now,
                condition,
                key,
                Optional.ofNullable(key == null ? null : deliveries.get(key)),
                stoppedBecause));
      } else if (node instanceof UserTask) {
        plan.add(
            new PlannedStep(
                model.processId(),
                node.getId(),
                JourneyModel.label(node),
                null,
                null,
                null,
                null,
                now,
                condition,
                null,
                Optional.empty(),
                stoppedBecause));
      }
      if (node instanceof EndEvent && model.jobTypeOf(node).isPresent()) {
        handOverAt = handOverAt == null || now.isAfter(handOverAt) ? now : handOverAt;
      }
      Instant latest = now;
      if (node instanceof SubProcess sub && !sub.triggeredByEvent()) {
        // the process goes on when the subprocess ends: after its last moment
        Instant inside = now;
        for (StartEvent start : sub.getChildElementsByType(StartEvent.class)) {
          Instant end = from(start, now, condition);
          inside = end.isAfter(inside) ? end : inside;
        }
        now = inside;
        latest = inside;
      }
      boolean decides = node instanceof ExclusiveGateway || node instanceof InclusiveGateway;
      boolean race = node instanceof io.camunda.zeebe.model.bpmn.instance.EventBasedGateway;
      for (SequenceFlow out : model.outgoingOf(node)) {
        String when = condition;
        if (decides) {
          ConditionExpression c = out.getConditionExpression();
          if (c != null) {
            Feel.Result r = feel.evaluate(c.getTextContent(), variables);
            if (r.failure() == null && Boolean.FALSE.equals(r.value())) {
              continue;
            }
            if (r.failure() != null || r.value() == null) {
              when = join(condition, JourneyModel.label(node) + " " + JourneyModel.label(out));
            }
          } else if (model.outgoingOf(node).size() > 1) {
            when = join(condition, JourneyModel.label(node) + " " + JourneyModel.label(out));
          }
        }
        if (race) {
          when = join(condition, JourneyModel.label(out.getTarget()) + " comes first");
        }
        Instant reached = from(out.getTarget(), now, when);
        latest = reached.isAfter(latest) ? reached : latest;
      }
      return latest;
    }

    private String safeKey(JourneySteps.Step step) {
      try {
        return JourneySteps.key(bookingId, step, variables);
      } catch (IllegalStateException e) {
        return null; // sent once per something only the running journey knows (a request)
      }
    }
  }

  private static String join(String a, String b) {
    return a == null ? "if " + b : a + ", " + b;
  }

  Clock clock() {
    return clock;
  }
}
