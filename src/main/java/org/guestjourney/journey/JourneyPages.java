package org.guestjourney.journey;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.guestjourney.booking.Booking;
import org.guestjourney.booking.BookingRepository;
import org.guestjourney.clock.TimeMachine;
import org.guestjourney.guest.Guest;
import org.guestjourney.guest.GuestRepository;
import org.guestjourney.messaging.MessageDelivery;
import org.guestjourney.messaging.MessagingService;
import org.guestjourney.messaging.RenderedMessage;
import org.guestjourney.property.Property;
import org.guestjourney.property.PropertyRepository;
import org.guestjourney.tasklist.StaffTaskService;
import org.guestjourney.web.NotFoundException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseStatus;

/** Pages that show each booking's journey: every message, when, its state and why. */
@Controller
class JourneyPages {

  private final BookingRepository bookings;
  private final PropertyRepository properties;
  private final GuestRepository guests;
  private final MessagingService messaging;
  private final ObjectProvider<TimeMachine> timeMachine;
  private final StaffTaskService tasks;
  private final org.guestjourney.messaging.AutomationPauses pauses;
  private final org.guestjourney.conversation.ConversationService conversations;
  private final org.guestjourney.inquiry.InquiryService inquiries;
  private final List<org.guestjourney.messaging.Channel> channels;
  private final org.guestjourney.messaging.MessagingProperties messagingSettings;
  private final Clock clock;

  JourneyPages(
      BookingRepository bookings,
      PropertyRepository properties,
      GuestRepository guests,
      MessagingService messaging,
      ObjectProvider<TimeMachine> timeMachine,
      StaffTaskService tasks,
      org.guestjourney.messaging.AutomationPauses pauses,
      org.guestjourney.conversation.ConversationService conversations,
      org.guestjourney.inquiry.InquiryService inquiries,
      List<org.guestjourney.messaging.Channel> channels,
      org.guestjourney.messaging.MessagingProperties messagingSettings,
      JourneyPlan plan,
      JourneyRuns runs,
      org.guestjourney.web.StaffWords words,
      Clock clock) {
    this.words = words;
    this.runs = runs;
    this.plan = plan;
    this.bookings = bookings;
    this.properties = properties;
    this.guests = guests;
    this.messaging = messaging;
    this.timeMachine = timeMachine;
    this.tasks = tasks;
    this.pauses = pauses;
    this.conversations = conversations;
    this.inquiries = inquiries;
    this.channels = channels;
    this.messagingSettings = messagingSettings;
    this.clock = clock;
  }

  private final JourneyPlan plan;
  private final JourneyRuns runs;
  private final org.guestjourney.web.StaffWords words;

  /**
   * Which version of its journey one phase of the stay runs on: number, date (house time), who and
   * the comment of that version; {@code number} 0 when the version is not known.
   */
  record VersionLine(
      String phase, int number, String deployedAt, String deployedBy, String comment) {}

  /** A step of the whole stay's plan, with its moment in the property's zone. */
  record PlanLine(JourneyPlan.PlannedStep step, String when, String journey) {}

  /** A channel and why it cannot be used, if it cannot. */
  record ChannelLine(String name, String unavailable) {}

  /** A row of the bookings list. */
  record BookingRow(Booking booking, Property property, Guest guest) {}

  /** A message on the journey page, with times shown in the property's zone. */
  record MessageRow(
      MessageDelivery delivery, String plannedLocal, String sentLocal, List<HistoryRow> history) {}

  /** A staff task of the booking, for the journey page. */
  record TaskLine(
      long id, String name, String state, String due, boolean escalated, String completedBy) {}

  /** A question the guest asked before booking, and its answer. */
  record AskedBefore(String when, String question, String answer, String answeredBy) {}

  /** Who paused the booking's automatic messages. */
  record PauseLine(String by, String since, String note) {}

  /** A line of the guest's conversation, its time in the property's zone. */
  record ConversationLine(
      boolean fromGuest,
      String channel,
      String text,
      String author,
      String when,
      Long deliveryId,
      String status) {}

  /** One change of a message's state, its time shown in the property's zone. */
  record HistoryRow(String when, String state, String reason) {}

  private List<HistoryRow> history(long deliveryId, ZoneId zone) {
    return messaging.history(deliveryId).stream()
        .map(
            e ->
                new HistoryRow(
                    words.whenShort(e.occurredAt(), zone),
                    e.state().name().toLowerCase(),
                    e.reason()))
        .toList();
  }

  @GetMapping("/")
  String index(Model model) {
    List<BookingRow> rows =
        bookings.findRecent(200).stream()
            .filter(b -> org.guestjourney.security.PropertyAccess.readable(b.propertyId()))
            .map(
                b ->
                    new BookingRow(
                        b,
                        properties.findById(b.propertyId()).orElseThrow(),
                        guests.findById(b.guestId()).orElseThrow()))
            .toList();
    model.addAttribute("rows", rows);
    model.addAttribute(
        "properties",
        properties.findAll().stream()
            .filter(p -> org.guestjourney.security.PropertyAccess.readable(p.id()))
            .toList());
    model.addAttribute(
        "channels",
        channels.stream()
            .map(c -> new ChannelLine(c.type().label(), c.unavailableReason().orElse(null)))
            .sorted(java.util.Comparator.comparing(ChannelLine::name))
            .toList());
    addClock(model);
    return "pages/index";
  }

  @GetMapping("/bookings/{id}")
  String booking(@PathVariable long id, Model model) {
    Booking booking =
        bookings.findById(id).orElseThrow(() -> new NotFoundException("No booking " + id));
    Property property = properties.findById(booking.propertyId()).orElseThrow();
    ZoneId zone = property.timeZone();
    List<MessageRow> messages =
        messaging.forBooking(id).stream()
            .map(
                d ->
                    new MessageRow(
                        d,
                        format(d.plannedAt(), zone),
                        d.sentAt() == null ? null : format(d.sentAt(), zone),
                        history(d.id(), zone)))
            .toList();
    model.addAttribute("booking", booking);
    model.addAttribute("property", property);
    Guest guest = guests.findById(booking.guestId()).orElseThrow();
    model.addAttribute("guest", guest);
    model.addAttribute("messages", messages);
    List<JourneyPlan.PlannedStep> stay = plan.of(id);
    model.addAttribute(
        "journeyVersions",
        runs.of(id).stream()
            .map(
                r ->
                    new VersionLine(
                        phase(r.processId()),
                        r.version().map(v -> v.number()).orElse(0),
                        r.version().map(v -> format(v.deployedAt(), zone)).orElse(""),
                        r.version().map(v -> v.deployedBy()).orElse(null),
                        r.version().map(v -> v.comment()).orElse(null)))
            .toList());
    model.addAttribute(
        "plan",
        stay.stream()
            .map(
                s ->
                    new PlanLine(
                        s,
                        s.at() == null ? words.say("plan.when.unknown") : format(s.at(), zone),
                        phase(s.journey())))
            .toList());
    int budget = properties.settings(property.id()).messageBudget();
    model.addAttribute("planCount", JourneyPlan.expectedMessages(stay, budget));
    model.addAttribute("planBudget", budget);
    model.addAttribute("propertyNow", format(clock.instant(), zone));
    model.addAttribute(
        "pause",
        pauses
            .of(id)
            .map(
                p ->
                    new PauseLine(
                        p.pausedBy(), format(p.pausedAt(), zone), p.note() == null ? "" : p.note()))
            .orElse(null));
    model.addAttribute(
        "conversation",
        conversations.of(id).stream()
            .map(
                c ->
                    new ConversationLine(
                        c.fromGuest(),
                        c.channel(),
                        c.text(),
                        c.author(),
                        format(c.at(), zone),
                        c.deliveryId(),
                        c.status()))
            .toList());
    model.addAttribute(
        "replaceable",
        messages.stream()
            .map(MessageRow::delivery)
            .filter(MessageDelivery::isOpen)
            .filter(d -> d.step().waitsForQuietHours())
            .toList());
    model.addAttribute("replyKey", java.util.UUID.randomUUID().toString());
    model.addAttribute(
        "askedBefore",
        inquiries.forBooking(id).stream()
            .map(
                i ->
                    new AskedBefore(
                        format(i.receivedAt(), zone), i.message(), i.answer(), i.answeredBy()))
            .toList());
    model.addAttribute("channelRule", channelRule(guest, property));
    model.addAttribute(
        "propertyChannels",
        channels.stream()
            .map(
                c ->
                    new ChannelLine(
                        c.type().label(), c.unavailableReason(property.id()).orElse(null)))
            .sorted(java.util.Comparator.comparing(ChannelLine::name))
            .toList());
    model.addAttribute(
        "tasks",
        tasks.ofBooking(id).stream()
            .map(
                t ->
                    new TaskLine(
                        t.id(),
                        t.name(),
                        t.state().name().toLowerCase(),
                        t.dueAt() == null ? words.say("task.sla.none") : format(t.dueAt(), zone),
                        t.escalated(),
                        t.completedBy()))
            .toList());
    model.addAttribute("failedForGood", failedForGood(messages, tasks.ofBooking(id), zone));
    addClock(model);
    return "pages/booking";
  }

  /** A message that failed for good, when, and the front desk's task it led to (if any). */
  record FailedLine(MessageDelivery delivery, String when, TaskLine task) {}

  /**
   * The booking's messages that failed for good, newest first, each with the "call the guest" task
   * created for it (the first of that kind created after it failed).
   */
  private List<FailedLine> failedForGood(
      List<MessageRow> messages, List<org.guestjourney.tasklist.StaffTask> tasks, ZoneId zone) {
    return messages.stream()
        .map(MessageRow::delivery)
        .filter(MessageDelivery::failedForGood)
        .sorted(java.util.Comparator.comparing(MessageDelivery::updatedAt).reversed())
        .map(
            d ->
                new FailedLine(
                    d,
                    format(d.updatedAt(), zone),
                    tasks.stream()
                        .filter(t -> CallGuestTaskDetails.TASK_KIND.equals(t.taskKind()))
                        .filter(t -> !t.createdAt().isBefore(d.updatedAt()))
                        .min(java.util.Comparator.comparing(t -> t.createdAt()))
                        .map(
                            t ->
                                new TaskLine(
                                    t.id(),
                                    t.name(),
                                    t.state().name().toLowerCase(),
                                    t.dueAt() == null
                                        ? words.say("task.sla.none")
                                        : format(t.dueAt(), zone),
                                    t.escalated(),
                                    t.completedBy()))
                        .orElse(null)))
        .toList();
  }

  /**
   * Opens a planned message the journey has not reached yet (to read, rewrite or send it now): it
   * is recorded as scheduled at the model's moment, then shown like any other message.
   */
  @org.springframework.web.bind.annotation.PostMapping("/bookings/{id}/plan/{message}/open")
  String openPlanned(@PathVariable long id, @PathVariable String message) {
    bookings.findById(id).orElseThrow(() -> new NotFoundException("No booking " + id));
    MessageDelivery d =
        plan.open(id, message)
            .orElseThrow(
                () -> new NotFoundException("No planned message '" + message + "' for " + id));
    return "redirect:/messages/" + d.id();
  }

  @GetMapping("/messages/{id}")
  String message(@PathVariable long id, Model model) {
    MessageDelivery delivery =
        messaging
            .find(id)
            .filter(d -> d.bookingId() != null)
            .orElseThrow(() -> new NotFoundException("No booking message " + id));
    Booking booking = bookings.findById(delivery.bookingId()).orElseThrow();
    Property property = properties.findById(booking.propertyId()).orElseThrow();
    Optional<RenderedMessage> shown =
        delivery.body() == null
            ? Optional.empty()
            : Optional.of(
                delivery.channel() == org.guestjourney.messaging.ChannelType.EMAIL
                    ? new RenderedMessage(delivery.language(), delivery.subject(), delivery.body())
                    : new RenderedMessage(delivery.language(), null, null, delivery.body()));
    Map<String, Object> sample = Map.of("includeCheckInGuide", false, "askArrivalTime", false);
    boolean preview = shown.isEmpty();
    RenderedMessage content =
        shown.orElseGet(
            () ->
                delivery.isEdited()
                    ? new RenderedMessage(
                        delivery.language(), delivery.editedSubject(), null, delivery.editedBody())
                    : messaging.preview(booking.id(), delivery.step(), sample));
    if (delivery.isOpen()) {
      model.addAttribute("editable", true);
      if (!model.containsAttribute("draftText")) {
        model.addAttribute(
            "draftText",
            delivery.isEdited()
                ? delivery.editedBody()
                : messaging.previewText(booking.id(), delivery.step(), sample).text());
        model.addAttribute(
            "draftSubject",
            delivery.editedSubject() != null
                ? delivery.editedSubject()
                : messaging.preview(booking.id(), delivery.step(), sample).subject());
      }
      model.addAttribute("maxText", StaffMessageActions.MAX_TEXT);
      model.addAttribute("propertyNow", format(clock.instant(), property.timeZone()));
    }
    model.addAttribute("delivery", delivery);
    model.addAttribute("booking", booking);
    model.addAttribute("property", property);
    model.addAttribute("guest", guests.findById(booking.guestId()).orElseThrow());
    model.addAttribute("content", content);
    model.addAttribute("preview", preview);
    model.addAttribute("plannedLocal", format(delivery.plannedAt(), property.timeZone()));
    model.addAttribute("history", history(id, property.timeZone()));
    addClock(model);
    return "pages/message";
  }

  @ExceptionHandler(NotFoundException.class)
  @ResponseStatus(HttpStatus.NOT_FOUND)
  String notFound(NotFoundException e, Model model) {
    model.addAttribute("message", e.getMessage());
    addClock(model);
    return "pages/not-found";
  }

  /** The channel rule for this guest, in words: what is tried first, then what. */
  private String channelRule(Guest guest, Property property) {
    java.util.LinkedHashSet<String> order = new java.util.LinkedHashSet<>();
    if (guest.preferredChannel() != null) {
      order.add(org.guestjourney.messaging.ChannelType.valueOf(guest.preferredChannel()).label());
    }
    messagingSettings.channelOrder().forEach(c -> order.add(c.label()));
    return words.say(
        guest.preferredChannel() == null ? "booking.channelrule" : "booking.channelrule.preferred",
        order.stream().map(words::label).collect(java.util.stream.Collectors.joining(" → ")),
        properties.settings(property.id()).whatsappFallbackAfter().toMinutes());
  }

  private void addClock(Model model) {
    model.addAttribute("now", format(clock.instant(), ZoneId.of("UTC")));
    model.addAttribute("timeTravel", timeMachine.getIfAvailable() != null);
  }

  static String phase(String processId) {
    return switch (processId) {
      case PreArrivalJourney.PROCESS_ID -> "Before arrival";
      case StayJourneys.IN_STAY -> "During the stay";
      case StayJourneys.POST_STAY -> "After the stay";
      default -> processId;
    };
  }

  /** A moment in the page's language and the given zone ("Tue 1 Dec 2026, 10:00 Europe/Rome"). */
  String format(Instant instant, ZoneId zone) {
    return words.when(instant, zone);
  }
}
