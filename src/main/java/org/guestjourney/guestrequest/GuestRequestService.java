package org.guestjourney.guestrequest;

import io.camunda.client.CamundaClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Set;
import org.guestjourney.booking.BookingRepository;
import org.guestjourney.tasklist.StaffTaskCompleted;
import org.guestjourney.web.NotFoundException;
import org.guestjourney.web.Violations;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

@Service
public class GuestRequestService {

  public static final Set<String> CATEGORIES =
      Set.of("safety", "facilities", "amenities", "cleanliness", "noise", "information", "other");
  static final String MESSAGE_GUEST_REQUEST_RECEIVED = "guest-request-received";
  static final String TASK_HANDLE_GUEST_REQUEST = "task_handle_guest_request";

  private final GuestRequestRepository requests;
  private final BookingRepository bookings;
  private final CamundaClient engine;
  private final Clock clock;

  GuestRequestService(
      GuestRequestRepository requests,
      BookingRepository bookings,
      CamundaClient engine,
      Clock clock) {
    this.requests = requests;
    this.bookings = bookings;
    this.engine = engine;
    this.clock = clock;
  }

  /** Records the request and hands it to the guest's running in-stay journey. */
  public GuestRequest raise(long bookingId, String category, String description) {
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
    long id = requests.insert(bookingId, category, description.strip(), clock.instant());
    engine
        .newPublishMessageCommand()
        .messageName(MESSAGE_GUEST_REQUEST_RECEIVED)
        .correlationKey(Long.toString(bookingId))
        .messageId("guest-request/" + id)
        .timeToLive(Duration.ofHours(1))
        .variables(Map.of("requestId", id, "requestCategory", category))
        .send()
        .join();
    return get(id);
  }

  public GuestRequest get(long id) {
    return requests.findById(id).orElseThrow(() -> new NotFoundException("No request " + id));
  }

  /** Turns the DMN's urgency and deadline into a due moment for the staff task. */
  RequestDeadline open(long requestId, RequestSla sla) {
    Instant due = clock.instant().plus(Duration.parse(sla.handleWithin()));
    requests.open(requestId, sla.urgency(), due);
    return new RequestDeadline(DateTimeFormatter.ISO_INSTANT.format(due));
  }

  /** Keeps what staff did about the request (the journey then tells the guest if needed). */
  @EventListener
  void handled(StaffTaskCompleted event) {
    Long id = event.task().requestId();
    if (!TASK_HANDLE_GUEST_REQUEST.equals(event.task().elementId()) || id == null) {
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

  /** The DMN result: how urgent, and within how long it must be handled. */
  public record RequestSla(String urgency, String handleWithin) {}

  public record RequestDeadline(String requestDueAt) {}
}
