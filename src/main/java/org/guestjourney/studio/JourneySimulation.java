package org.guestjourney.studio;

import io.camunda.zeebe.model.bpmn.instance.FlowNode;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskSchedule;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.guestjourney.booking.Booking;
import org.guestjourney.booking.BookingRepository;
import org.guestjourney.guest.Guest;
import org.guestjourney.journey.JourneyFacts;
import org.guestjourney.journey.JourneyPlan;
import org.guestjourney.journey.JourneyPlan.PlannedStep;
import org.guestjourney.journey.StayFacts;
import org.guestjourney.messaging.ChannelType;
import org.guestjourney.messaging.MessagingService;
import org.guestjourney.modeler.Feel;
import org.guestjourney.modeler.JourneyModel;
import org.guestjourney.modeler.JourneyModels;
import org.guestjourney.property.JourneySettings;
import org.guestjourney.property.Property;
import org.guestjourney.property.PropertyRepository;
import org.guestjourney.security.PropertyAccess;
import org.guestjourney.web.InvalidRequestException;
import org.guestjourney.web.NotFoundException;
import org.springframework.stereotype.Service;

/**
 * Simulates a draft of a booking journey on a booking (a real one, or one made up): the timeline
 * the draft would give the stay next to the timeline of the version deployed now. Both come from
 * {@link JourneyPlan} (the one planner), with nothing recorded; each message then says what the
 * send rules would do at its moment: go, wait for the end of quiet hours, go with another message
 * or be left out (the stay's message budget), or be skipped (no channel reaches the guest, consent,
 * unsubscribed).
 */
@Service
public class JourneySimulation {

  private final JourneyPlan plan;
  private final JourneyFacts facts;
  private final JourneyModels models;
  private final BookingRepository bookings;
  private final PropertyRepository properties;
  private final MessagingService messaging;
  private final PropertyAccess access;
  private final Feel feel;
  private final java.time.Clock clock;
  private final org.guestjourney.web.StaffWords words;

  JourneySimulation(
      JourneyPlan plan,
      JourneyFacts facts,
      JourneyModels models,
      BookingRepository bookings,
      PropertyRepository properties,
      MessagingService messaging,
      PropertyAccess access,
      Feel feel,
      org.guestjourney.web.StaffWords words,
      java.time.Clock clock) {
    this.words = words;
    this.clock = clock;
    this.plan = plan;
    this.facts = facts;
    this.models = models;
    this.bookings = bookings;
    this.properties = properties;
    this.messaging = messaging;
    this.access = access;
    this.feel = feel;
  }

  /** A stay made up in the studio: dates and party at a house, the guest's language and channel. */
  public record MadeUpStay(
      Long propertyId,
      LocalDate arrival,
      LocalDate departure,
      Integer partySize,
      String language,
      String channel) {}

  /**
   * One line of a timeline.
   *
   * @param kind {@code message} or {@code task}
   * @param at the moment in the house's time zone, e.g. {@code Mon 14 Dec 2026, 18:00 Europe/Rome},
   *     or "when its turn comes" when the model gives none
   * @param outcome {@code sends}, {@code waits}, {@code merged}, {@code left-out}, {@code skipped},
   *     {@code if} (behind a condition) or {@code task}
   * @param why the send rule or condition in words; for a task, its due time
   */
  public record Line(
      String phase,
      String elementId,
      String label,
      String kind,
      String at,
      String localTime,
      String outcome,
      String why) {}

  /** Both timelines, and what the simulation was run on. */
  public record Simulation(
      String processId,
      String stay,
      String timeZone,
      List<Line> draft,
      List<Line> deployed,
      int deployedVersion) {}

  /**
   * The draft {@code xml} of journey {@code processId} simulated on booking {@code bookingId}, or
   * on {@code madeUp} when no booking is given.
   */
  public Simulation simulate(String processId, String xml, Long bookingId, MadeUpStay madeUp) {
    if (!JourneyPlan.bookingJourneys().contains(processId)) {
      throw InvalidRequestException.of(
          "processId",
          "only booking journeys ("
              + String.join(", ", JourneyPlan.bookingJourneys())
              + ")"
              + " can be simulated on a booking");
    }
    JourneyModel draft;
    try {
      draft = JourneyModels.parseDraft(xml);
    } catch (IllegalArgumentException e) {
      throw InvalidRequestException.of("xml", e.getMessage());
    }
    if (!draft.processId().equals(processId)) {
      throw InvalidRequestException.of("xml", "must hold the one process " + processId);
    }
    Stay stay = bookingId != null ? real(bookingId) : madeUp(madeUp);
    Function<String, Optional<JourneyModel>> deployed = models::latest;
    Function<String, Optional<JourneyModel>> withDraft =
        id -> id.equals(processId) ? Optional.of(draft) : models.latest(id);
    List<Line> draftLines;
    try {
      draftLines =
          lines(stay, plan.simulate(stay.id, stay.variables, stay.bookedAt, withDraft), withDraft);
    } catch (RuntimeException e) {
      throw InvalidRequestException.of("xml", "cannot be followed on this stay: " + e.getMessage());
    }
    List<Line> deployedLines =
        lines(stay, plan.simulate(stay.id, stay.variables, stay.bookedAt, deployed), deployed);
    int version =
        models.versions(processId).stream()
            .findFirst()
            .map(JourneyModels.Version::number)
            .orElse(0);
    return new Simulation(
        processId, stay.description, stay.zone.getId(), draftLines, deployedLines, version);
  }

  /** A booking the manager may pick: its id and a description without the guest's name. */
  public record BookingChoice(long id, String label) {}

  /** Bookings still to come or under way at the houses the manager sees (at most 50). */
  public List<BookingChoice> bookings() {
    List<BookingChoice> choices = new ArrayList<>();
    for (Booking b : bookings.findConfirmedDepartingFrom(LocalDate.now(clock))) {
      if (choices.size() >= 50) {
        break;
      }
      if (!access.canRead(b.propertyId())) {
        continue;
      }
      Property p = properties.findById(b.propertyId()).orElseThrow();
      choices.add(new BookingChoice(b.id(), describe(b, p)));
    }
    return choices;
  }

  /** The houses the manager sees, for a made-up stay. */
  public List<Property> houses() {
    return properties.findAll().stream().filter(p -> access.canRead(p.id())).toList();
  }

  private String describe(Booking b, Property p) {
    return words.say("sim.booking", String.valueOf(b.id()))
        + (b.externalReference() == null ? "" : " (" + b.externalReference() + ")")
        + " · "
        + p.name()
        + " · "
        + b.arrivalDate()
        + " → "
        + b.departureDate()
        + " · "
        + words.say(b.partySize() == 1 ? "sim.guest" : "sim.guests", b.partySize());
  }

  /** What the planner needs and how the send rules see the guest. */
  private final class Stay {
    long id;
    Map<String, Object> variables;
    Instant bookedAt;
    Property property;
    JourneySettings settings;
    ZoneId zone;
    String description;
    Function<org.guestjourney.messaging.MessageStep, Optional<String>> unreachable;
  }

  private Stay real(long bookingId) {
    Booking booking =
        bookings
            .findById(bookingId)
            .orElseThrow(() -> new NotFoundException("No booking " + bookingId));
    access.checkRead(booking.propertyId(), () -> "No booking " + bookingId);
    Stay stay = new Stay();
    stay.id = bookingId;
    stay.variables = facts.of(bookingId).asVariables();
    stay.bookedAt = booking.createdAt();
    stay.property = properties.findById(booking.propertyId()).orElseThrow();
    stay.settings = properties.settings(stay.property.id());
    stay.zone = stay.property.timeZone();
    stay.description = describe(booking, stay.property);
    stay.unreachable = step -> messaging.whyNotReached(bookingId, step);
    return stay;
  }

  private Stay madeUp(MadeUpStay m) {
    if (m == null) {
      throw InvalidRequestException.of("bookingId", "pick a booking or make one up");
    }
    if (m.propertyId() == null) {
      throw InvalidRequestException.of("madeUp.propertyId", "is required");
    }
    if (m.arrival() == null) {
      throw InvalidRequestException.of("madeUp.arrival", "is required");
    }
    if (m.departure() == null || !m.departure().isAfter(m.arrival())) {
      throw InvalidRequestException.of("madeUp.departure", "must be after the arrival");
    }
    if (m.departure().isAfter(m.arrival().plusDays(60))) {
      throw InvalidRequestException.of("madeUp.departure", "is more than 60 nights after arrival");
    }
    int party = m.partySize() == null ? 2 : m.partySize();
    if (party < 1 || party > 50) {
      throw InvalidRequestException.of("madeUp.partySize", "must be between 1 and 50");
    }
    ChannelType channel;
    try {
      channel =
          m.channel() == null || m.channel().isBlank()
              ? ChannelType.EMAIL
              : ChannelType.valueOf(m.channel().strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw InvalidRequestException.of("madeUp.channel", "must be email, sms or whatsapp");
    }
    access.checkRead(m.propertyId(), () -> "No house " + m.propertyId());
    Stay stay = new Stay();
    stay.property =
        properties
            .findById(m.propertyId())
            .orElseThrow(() -> new NotFoundException("No house " + m.propertyId()));
    String language = stay.property.languageFor(m.language());
    StayFacts made = facts.madeUp(m.propertyId(), m.arrival(), m.departure(), party);
    stay.id = 0;
    stay.variables = made.asVariables();
    stay.bookedAt = clock.instant();
    stay.settings = properties.settings(stay.property.id());
    stay.zone = stay.property.timeZone();
    stay.description =
        words.say("sim.madeup")
            + " · "
            + stay.property.name()
            + " · "
            + m.arrival()
            + " → "
            + m.departure()
            + " · "
            + words.say(party == 1 ? "sim.guest" : "sim.guests", party)
            + " · "
            + language
            + " · "
            + words.label(channel.label());
    Guest guest =
        new Guest(
            0L,
            "A made-up guest",
            channel == ChannelType.EMAIL ? "guest@example.invalid" : null,
            channel == ChannelType.EMAIL ? null : "+10000000000",
            language,
            channel.name(),
            null);
    stay.unreachable = step -> messaging.whyNotReached(guest, stay.property.id(), step);
    return stay;
  }

  private List<Line> lines(
      Stay stay, List<PlannedStep> steps, Function<String, Optional<JourneyModel>> modelOf) {
    int budget = stay.settings.messageBudget();
    List<Line> lines = new ArrayList<>();
    for (PlannedStep s : steps) {
      String phase = words.label(phase(s.journey()));
      String at = s.at() == null ? words.say("plan.when.unknown") : local(s.at(), stay.zone);
      String time =
          s.at() == null
              ? ""
              : DateTimeFormatter.ofPattern("HH:mm").format(s.at().atZone(stay.zone));
      if (!s.isMessage()) {
        lines.add(
            new Line(
                phase,
                s.elementId(),
                words.label(s.label()),
                "task",
                at,
                time,
                s.condition() == null ? "task" : "if",
                join(words.condition(s.condition()), due(s, stay, modelOf))));
        continue;
      }
      String outcome = "sends";
      String why = null;
      Optional<String> budgetReason =
          s.key() == null
              ? Optional.empty()
              : JourneyPlan.budgetReason(steps, s.key(), s.definition().budget(), budget);
      Optional<String> unreachable = stay.unreachable.apply(s.step());
      Optional<String> noMoment = timerFailure(s, stay, modelOf);
      if (noMoment.isPresent()) {
        outcome = "no-moment";
        why = noMoment.get();
      } else if (s.condition() != null) {
        outcome = "if";
        why = words.condition(s.condition());
      } else if (unreachable.isPresent()) {
        outcome = "skipped";
        why =
            words.reason(unreachable.get())
                + (s.step().transactional() ? " " + words.say("sim.servicemessage") : "");
      } else if (budgetReason.isPresent()) {
        outcome = budgetReason.get().startsWith("Left out") ? "left-out" : "merged";
        why = words.reason(budgetReason.get());
      } else if (s.at() != null && s.step().waitsForQuietHours()) {
        ZonedDateTime local = s.at().atZone(stay.zone);
        if (stay.settings.isQuiet(local.toLocalTime())) {
          ZonedDateTime end = local.with(stay.settings.quietHoursEnd());
          if (!end.isAfter(local)) {
            end = end.plusDays(1);
          }
          outcome = "waits";
          why =
              words.say(
                  "sim.quiet",
                  String.valueOf(stay.settings.quietHoursStart()),
                  String.valueOf(stay.settings.quietHoursEnd()),
                  local(end.toInstant(), stay.zone));
        }
      }
      lines.add(
          new Line(
              phase, s.elementId(), words.label(s.label()), "message", at, time, outcome, why));
    }
    return lines;
  }

  /**
   * Why the timer right before a step gives no moment for this stay, if it does not (the planner
   * then shows the step at the moment reached before it).
   */
  private Optional<String> timerFailure(
      PlannedStep s, Stay stay, Function<String, Optional<JourneyModel>> modelOf) {
    Optional<FlowNode> timer =
        modelOf
            .apply(s.journey())
            .flatMap(m -> m.node(s.elementId()))
            .flatMap(JourneyModel::timerBefore);
    if (timer.isEmpty()) {
      return Optional.empty();
    }
    String rule = JourneyModel.timerDate(timer.get()).orElse(null);
    if (rule == null || feel.moment(rule, stay.variables).isPresent()) {
      return Optional.empty();
    }
    Feel.Result r = feel.evaluate(rule, stay.variables);
    return Optional.of(
        r.failure() != null
            ? words.say(
                "sim.timer.failure", words.label(JourneyModel.label(timer.get())), r.failure())
            : words.say("sim.timer.nodate", words.label(JourneyModel.label(timer.get()))));
  }

  /** A task's due time from its model (zeebe due date), if the stay's facts give one. */
  private String due(PlannedStep s, Stay stay, Function<String, Optional<JourneyModel>> modelOf) {
    Optional<FlowNode> node = modelOf.apply(s.journey()).flatMap(m -> m.node(s.elementId()));
    ZeebeTaskSchedule schedule =
        node.map(n -> n.getSingleExtensionElement(ZeebeTaskSchedule.class)).orElse(null);
    if (schedule == null || schedule.getDueDate() == null) {
      return words.say("sim.nodue");
    }
    return feel.moment(schedule.getDueDate(), stay.variables)
        .map(due -> words.say("sim.due", local(due, stay.zone)))
        .orElse(words.say("sim.due", schedule.getDueDate().replaceFirst("^=", "").strip()));
  }

  private static String join(String condition, String text) {
    return condition == null ? text : condition + "; " + text;
  }

  static String phase(String processId) {
    return switch (processId) {
      case "pre-arrival" -> "Before arrival";
      case "in-stay" -> "During the stay";
      case "post-stay" -> "After the stay";
      default -> processId;
    };
  }

  String local(Instant instant, ZoneId zone) {
    return words.when(instant, zone);
  }
}
