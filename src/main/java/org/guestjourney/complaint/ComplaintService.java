package org.guestjourney.complaint;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.guestjourney.booking.Booking;
import org.guestjourney.booking.BookingRepository;
import org.guestjourney.messaging.GuestMessageRequest;
import org.guestjourney.messaging.MessageDelivery;
import org.guestjourney.messaging.MessageStep;
import org.guestjourney.messaging.MessagingService;
import org.guestjourney.messaging.PlannedMessage;
import org.guestjourney.outbox.EngineOutbox;
import org.guestjourney.outbox.OutboxEntry;
import org.guestjourney.outbox.OutboxHandler;
import org.guestjourney.property.Property;
import org.guestjourney.property.PropertyRepository;
import org.guestjourney.tasklist.StaffTaskCompleted;
import org.guestjourney.web.NotFoundException;
import org.guestjourney.web.Violations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class ComplaintService implements OutboxHandler {

  /** The outbox entry that starts a complaint's journey once the complaint is stored. */
  static final String START_COMPLAINT = "start-complaint";

  public static final Set<String> CATEGORIES =
      Set.of(
          "room",
          "cleanliness",
          "noise",
          "staff",
          "breakfast",
          "facilities",
          "value",
          "safety",
          "other");
  public static final Set<String> SOURCES = Set.of("guest", "staff", "survey", "review");

  private static final Logger log = LoggerFactory.getLogger(ComplaintService.class);

  private final ComplaintRepository complaints;
  private final BookingRepository bookings;
  private final PropertyRepository properties;
  private final MessagingService messaging;
  private final ComplaintEngine engine;
  private final EngineOutbox outbox;
  private final org.springframework.context.ApplicationEventPublisher events;
  private final Clock clock;

  ComplaintService(
      ComplaintRepository complaints,
      BookingRepository bookings,
      PropertyRepository properties,
      MessagingService messaging,
      ComplaintEngine engine,
      EngineOutbox outbox,
      org.springframework.context.ApplicationEventPublisher events,
      Clock clock) {
    this.outbox = outbox;
    this.events = events;
    this.complaints = complaints;
    this.bookings = bookings;
    this.properties = properties;
    this.messaging = messaging;
    this.engine = engine;
    this.clock = clock;
  }

  /**
   * Records the complaint; its escalation journey starts from the engine outbox once this is
   * committed (the request never waits on the engine; {@code processInstanceKey} appears then).
   */
  @Transactional
  public Complaint raise(ComplaintRequest request) {
    Violations v = new Violations();
    Optional<Booking> booking = Optional.empty();
    if (v.required(request.bookingId(), "bookingId")) {
      booking = bookings.findById(request.bookingId());
      v.check(booking.isPresent(), "bookingId", "is not a known booking");
    }
    if (v.required(request.category(), "category")) {
      v.check(
          CATEGORIES.contains(request.category()),
          "category",
          "must be one of " + CATEGORIES.stream().sorted().toList());
    }
    v.required(request.description(), "description");
    v.maxLength(request.description(), 2000, "description");
    v.check(
        request.source() == null || SOURCES.contains(request.source()),
        "source",
        "must be one of " + SOURCES.stream().sorted().toList());
    v.throwIfAny();

    Booking b = booking.orElseThrow();
    Property property = properties.findById(b.propertyId()).orElseThrow();
    LocalDate today = LocalDate.ofInstant(clock.instant(), property.timeZone());
    boolean inHouse = !today.isBefore(b.arrivalDate()) && !today.isAfter(b.departureDate());
    long id =
        complaints.insert(
            b.id(),
            request.source() == null ? "staff" : request.source(),
            request.category(),
            request.description().strip(),
            inHouse,
            clock.instant());
    outbox.add(START_COMPLAINT, b.id(), id);
    log.info("Complaint {} ({}) for booking {} recorded", id, request.category(), b.id());
    events.publishEvent(
        new ComplaintRaised(
            id,
            b.id(),
            request.source() == null ? "staff" : request.source(),
            request.description().strip(),
            inHouse));
    return get(id);
  }

  @Override
  public String kind() {
    return START_COMPLAINT;
  }

  /**
   * Sent by the outbox, outside any transaction: a failure is retried from there. The start is a
   * message with an id per complaint, so sending it again (a retry, a replica that died after the
   * engine took it) starts no second journey; the journey's first job records its key ({@link
   * #journeyStarted}). A complaint whose journey is known already needs no start.
   */
  @Override
  public void send(OutboxEntry entry) {
    complaints
        .findById(entry.subjectId())
        .filter(c -> c.processInstanceKey() == null)
        .ifPresent(
            c -> {
              engine.start(c.id(), c.bookingId(), c.category(), c.guestInHouse());
              log.info("Complaint {} of booking {}: journey start sent", c.id(), c.bookingId());
            });
  }

  /**
   * The complaint's journey reports its instance from a job: recorded the first time, kept after
   * (until then the complaint's journey is starting, {@code processInstanceKey} null).
   */
  void journeyStarted(long complaintId, long processInstanceKey) {
    complaints.recordProcessInstance(complaintId, processInstanceKey);
  }

  public Complaint get(long id) {
    return complaints.findById(id).orElseThrow(() -> new NotFoundException("No complaint " + id));
  }

  public List<Complaint> forBooking(long bookingId) {
    return complaints.findByBooking(bookingId);
  }

  /**
   * Turns the classification's durations into deadlines from now and records them. A complaint that
   * has deadlines already (its journey restored after a restart, or the step retried) keeps them:
   * the guest has been waiting since then.
   */
  ComplaintJourney.Deadlines openCase(long complaintId, ComplaintJourney.Classification c) {
    Complaint existing = get(complaintId);
    if (existing.acknowledgeDueAt() != null
        && existing.resolveDueAt() != null
        && existing.callBackDueAt() != null) {
      return new ComplaintJourney.Deadlines(
          iso(existing.acknowledgeDueAt()),
          iso(existing.resolveDueAt()),
          iso(existing.callBackDueAt()),
          existing.urgency());
    }
    Instant now = clock.instant();
    Instant ack = now.plus(Duration.parse(c.acknowledgeWithin()));
    Instant resolve = now.plus(Duration.parse(c.resolveWithin()));
    Instant callBack = now.plus(Duration.parse(c.callBackWithin()));
    complaints.classify(complaintId, c.urgency(), c.scope(), ack, resolve, callBack);
    return new ComplaintJourney.Deadlines(iso(ack), iso(resolve), iso(callBack), c.urgency());
  }

  /** Sends the complaint's message for the step (e.g. the approved compensation offer). */
  Optional<MessageDelivery> send(long complaintId, MessageStep step) {
    Complaint complaint = get(complaintId);
    String key = "complaint/" + complaintId + "/" + step.code();
    messaging.recordPlan(
        complaint.bookingId(), List.of(PlannedMessage.scheduled(step, key, clock.instant())));
    Map<String, Object> model =
        Map.of(
            "complaint", complaint,
            "includeCheckInGuide", false,
            "askArrivalTime", false);
    return messaging.send(new GuestMessageRequest(complaint.bookingId(), step, key, model));
  }

  void close(long complaintId) {
    complaints.close(complaintId, clock.instant());
  }

  /** Keeps what staff and the manager decided on the complaint, for its page and the KPIs. */
  @EventListener
  void taskCompleted(StaffTaskCompleted event) {
    Long id = event.task().complaintId();
    if (id == null) {
      return;
    }
    Map<String, Object> v = event.values();
    String kind = event.task().taskKind();
    if (kind == null) {
      return;
    }
    switch (kind) {
      case ComplaintJourney.KIND_RESOLVE_COMPLAINT ->
          complaints.recordSolution(
              id,
              (String) v.get("solution"),
              (String) v.get("compensation"),
              (String) v.get("compensationDetail"));
      case ComplaintJourney.KIND_EVALUATE_NEED ->
          complaints.recordSolution(id, (String) v.get("solution"), "none", null);
      case ComplaintJourney.KIND_APPROVE_COMPENSATION ->
          complaints.recordApproval(
              id,
              Boolean.TRUE.equals(v.get("compensationApproved")),
              (String) v.get("managerNote"));
      case ComplaintJourney.KIND_PROPOSE_ALTERNATIVE ->
          complaints.recordAlternative(
              id,
              (String) v.get("compensation"),
              (String) v.get("compensationDetail"),
              (String) v.get("alternativeNote"));
      case ComplaintJourney.KIND_CALL_BACK ->
          complaints.recordCallBack(
              id, (String) v.get("guestSatisfied"), (String) v.get("callNotes"));
      case ComplaintJourney.KIND_MANAGER_FOLLOW_UP ->
          complaints.recordManagerFollowUp(
              id, (String) v.get("managerAction"), (String) v.get("guestSatisfied"));
      default -> {}
    }
  }

  private static String iso(Instant instant) {
    return DateTimeFormatter.ISO_INSTANT.format(instant);
  }
}
