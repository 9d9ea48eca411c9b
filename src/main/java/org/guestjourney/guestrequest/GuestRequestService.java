package org.guestjourney.guestrequest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Set;
import org.guestjourney.booking.Booking;
import org.guestjourney.booking.BookingRepository;
import org.guestjourney.booking.BookingStatus;
import org.guestjourney.outbox.EngineOutbox;
import org.guestjourney.outbox.OutboxEntry;
import org.guestjourney.outbox.OutboxHandler;
import org.guestjourney.property.Property;
import org.guestjourney.property.PropertyRepository;
import org.guestjourney.tasklist.StaffTaskCompleted;
import org.guestjourney.web.ConflictException;
import org.guestjourney.web.NotFoundException;
import org.guestjourney.web.Violations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class GuestRequestService implements OutboxHandler {

  /** Outbox entries that start a guest request's process. */
  static final String START_GUEST_REQUEST = "start-guest-request";

  private static final Logger log = LoggerFactory.getLogger(GuestRequestService.class);

  public static final Set<String> CATEGORIES =
      Set.of("safety", "facilities", "amenities", "cleanliness", "noise", "information", "other");

  private final GuestRequestRepository requests;
  private final BookingRepository bookings;
  private final PropertyRepository properties;
  private final GuestRequestEngine engine;
  private final EngineOutbox outbox;
  private final Clock clock;

  GuestRequestService(
      GuestRequestRepository requests,
      BookingRepository bookings,
      PropertyRepository properties,
      GuestRequestEngine engine,
      EngineOutbox outbox,
      Clock clock) {
    this.requests = requests;
    this.bookings = bookings;
    this.properties = properties;
    this.engine = engine;
    this.outbox = outbox;
    this.clock = clock;
  }

  /**
   * Records the request with the start of its own process (sent by the engine outbox right after
   * the commit, so the request never waits on the engine): whenever the booking is live, from the
   * moment it is made until check-out time on the departure day. A cancelled or past stay takes no
   * requests (nothing is stored).
   */
  @Transactional
  public GuestRequest raise(long bookingId, String category, String description) {
    Booking booking =
        bookings
            .findById(bookingId)
            .orElseThrow(() -> new NotFoundException("No booking " + bookingId));
    Violations v = new Violations();
    if (v.required(category, "category")) {
      v.check(
          CATEGORIES.contains(category),
          "category",
          "must be one of " + CATEGORIES.stream().sorted().toList());
    }
    if (v.required(description, "description")) {
      v.maxLength(description, 2000, "description");
    }
    v.throwIfAny();
    if (booking.status() != BookingStatus.CONFIRMED) {
      throw new ConflictException("Booking " + bookingId + " is cancelled: it takes no requests");
    }
    Instant checkOut = checkOut(booking);
    if (!clock.instant().isBefore(checkOut)) {
      throw new ConflictException(
          "The stay of booking " + bookingId + " ended at check-out on " + checkOut);
    }
    long id = requests.insert(bookingId, category, description.strip(), clock.instant());
    // the process starts from the outbox once this is stored: the request never waits on the
    // engine, and an engine that is away gets the start when it is back
    outbox.add(START_GUEST_REQUEST, bookingId, id);
    return get(id);
  }

  @Override
  public String kind() {
    return START_GUEST_REQUEST;
  }

  /**
   * Sent by the outbox, outside any transaction: a failure is retried from there. The start is a
   * message with an id per request, so sending it again (a retry, a replica that died after the
   * engine took it) starts no second process; the process's first job records its key ({@link
   * #processStarted}). A request whose process is known already needs no start.
   */
  @Override
  public void send(OutboxEntry entry) {
    requests
        .findById(entry.subjectId())
        .filter(r -> r.processInstanceKey() == null)
        .ifPresent(
            r -> {
              engine.start(r.id(), r.bookingId(), r.category());
              log.info(
                  "Guest request {} ({}) of booking {}: process start sent",
                  r.id(),
                  r.category(),
                  r.bookingId());
            });
  }

  /**
   * The request's process reports its instance from its first job: recorded the first time, kept
   * after (until then the request's process is starting, {@code processInstanceKey} null).
   */
  void processStarted(long requestId, long processInstanceKey) {
    requests.recordProcessInstance(requestId, processInstanceKey);
  }

  private Instant checkOut(Booking booking) {
    Property property = properties.findById(booking.propertyId()).orElseThrow();
    return ZonedDateTime.of(booking.departureDate(), property.checkOutTime(), property.timeZone())
        .toInstant();
  }

  public GuestRequest get(long id) {
    return requests.findById(id).orElseThrow(() -> new NotFoundException("No request " + id));
  }

  /** Turns the DMN's urgency and deadline into a due moment for the staff task. */
  RequestDeadline open(long requestId, RequestSla sla) {
    Instant due = clock.instant().plus(Duration.parse(sla.handleWithin()));
    requests.open(requestId, sla.urgency(), sla.team(), due);
    return new RequestDeadline(DateTimeFormatter.ISO_INSTANT.format(get(requestId).dueAt()));
  }

  /** Keeps what staff did about the request (the journey then tells the guest if needed). */
  @EventListener
  void handled(StaffTaskCompleted event) {
    Long id = event.task().requestId();
    if (!GuestRequestJourney.KIND_HANDLE_GUEST_REQUEST.equals(event.task().taskKind())
        || id == null) {
      return;
    }
    Map<String, Object> v = event.values();
    requests.handled(
        id,
        (String) v.get("actionTaken"),
        Boolean.TRUE.equals(v.get("solved")),
        (String) v.get("newDeadline"),
        clock.instant());
  }

  /**
   * The DMN result: how urgent, within how long it must be handled, which team handles it and
   * whether the manager on duty checks on it too.
   */
  public record RequestSla(
      String urgency, String handleWithin, String team, Boolean managerOnDuty) {}

  public record RequestDeadline(String requestDueAt) {}
}
