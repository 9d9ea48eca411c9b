package org.guestjourney.journey;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.guestjourney.booking.Booking;
import org.guestjourney.booking.BookingRepository;
import org.guestjourney.messaging.DeliveryState;
import org.guestjourney.messaging.GuestMessageRequest;
import org.guestjourney.messaging.MessageDelivery;
import org.guestjourney.messaging.MessageStep;
import org.guestjourney.messaging.MessagingService;
import org.guestjourney.messaging.PlannedMessage;
import org.guestjourney.property.Property;
import org.guestjourney.property.PropertyRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The logic of the pre-arrival journey: what it plans for a booking, and what each send step sends.
 * The BPMN decides the order and waits; this class decides the content and the keys.
 */
@Service
public class PreArrivalService {

  private static final Set<MessageStep> DATED_STEPS =
      Set.of(MessageStep.CHECK_IN_GUIDE, MessageStep.DAY_BEFORE_REMINDER);

  private final BookingRepository bookings;
  private final PropertyRepository properties;
  private final MessagingService messaging;
  private final Clock clock;

  PreArrivalService(
      BookingRepository bookings,
      PropertyRepository properties,
      MessagingService messaging,
      Clock clock) {
    this.bookings = bookings;
    this.properties = properties;
    this.messaging = messaging;
    this.clock = clock;
  }

  /**
   * Plans (or re-plans) the booking's pre-arrival messages and returns the moments the timers wait
   * for. Messages planned for dates the booking no longer has are cancelled; a message whose moment
   * has already passed is skipped (its content goes with the next message).
   */
  @Transactional
  public PreArrivalJourney.Moments plan(long bookingId) {
    Booking booking = bookings.findById(bookingId).orElseThrow();
    Property property = properties.findById(booking.propertyId()).orElseThrow();
    PreArrivalSchedule schedule = PreArrivalSchedule.of(booking, property);
    Instant now = clock.instant();

    List<PlannedMessage> plan = new ArrayList<>();
    MessageStep immediate =
        booking.revision() == 1 ? MessageStep.BOOKING_CONFIRMATION : MessageStep.BOOKING_CHANGED;
    Instant immediateAt = booking.revision() == 1 ? booking.createdAt() : booking.updatedAt();
    plan.add(PlannedMessage.scheduled(immediate, key(booking, immediate), immediateAt));
    String goesWith =
        immediate == MessageStep.BOOKING_CONFIRMATION
            ? "the booking confirmation"
            : "the booking change confirmation";
    plan.add(
        planAt(
            booking,
            MessageStep.CHECK_IN_GUIDE,
            schedule.checkInGuideAt(),
            now,
            "Its moment had passed when the booking was planned; the check-in guide goes with "
                + goesWith));
    plan.add(
        planAt(
            booking,
            MessageStep.DAY_BEFORE_REMINDER,
            schedule.dayBeforeReminderAt(),
            now,
            "Its moment had passed when the booking was planned; the arrival-time question goes"
                + " with "
                + goesWith));
    messaging.recordPlan(bookingId, plan);

    Set<String> current =
        plan.stream().map(PlannedMessage::idempotencyKey).collect(Collectors.toSet());
    messaging.cancelOpen(
        bookingId,
        d -> DATED_STEPS.contains(d.step()) && !current.contains(d.idempotencyKey()),
        "The booking's dates changed to "
            + booking.arrivalDate()
            + " – "
            + booking.departureDate()
            + "; this was planned for the old dates");
    return schedule.asVariables(property);
  }

  /** Sends the journey's message for {@code step}, unless a send-time rule stops it. */
  public Optional<MessageDelivery> send(long bookingId, MessageStep step) {
    return messaging.send(request(bookingId, step));
  }

  /** What the journey asks the messaging to send for {@code step}, with the template's values. */
  GuestMessageRequest request(long bookingId, MessageStep step) {
    Booking booking = bookings.findById(bookingId).orElseThrow();
    Property property = properties.findById(booking.propertyId()).orElseThrow();
    PreArrivalSchedule schedule = PreArrivalSchedule.of(booking, property);
    Instant now = clock.instant();
    Map<String, Object> model =
        switch (step) {
          case BOOKING_CONFIRMATION, BOOKING_CHANGED ->
              Map.of(
                  "includeCheckInGuide", !schedule.checkInGuideAt().isAfter(now),
                  "askArrivalTime", !schedule.dayBeforeReminderAt().isAfter(now));
          case DAY_BEFORE_REMINDER ->
              Map.of(
                  "includeCheckInGuide",
                  messaging
                      .find(key(booking, MessageStep.CHECK_IN_GUIDE))
                      .map(d -> d.state() != DeliveryState.SENT)
                      .orElse(true),
                  "askArrivalTime",
                  true);
          default -> Map.of("includeCheckInGuide", false, "askArrivalTime", false);
        };
    return new GuestMessageRequest(bookingId, step, key(booking, step), model);
  }

  /** Whether the guest's arrival time is known on the morning of arrival. */
  public PreArrivalJourney.ArrivalTime arrivalTime(long bookingId) {
    return new PreArrivalJourney.ArrivalTime(bookings.expectedArrival(bookingId).isPresent());
  }

  /** Keeps the arrival time staff learned when they called the guest. */
  @org.springframework.context.event.EventListener
  void calledForArrivalTime(org.guestjourney.tasklist.StaffTaskCompleted event) {
    if ("call-for-arrival-time".equals(event.task().taskKind())
        && event.task().bookingId() != null
        && event.values().get("expectedArrival") instanceof String eta
        && eta.matches("([01]\\d|2[0-3]):[0-5]\\d")) {
      bookings.setExpectedArrival(event.task().bookingId(), java.time.LocalTime.parse(eta));
    }
  }

  /** Records the cancellation acknowledgement and stops every message not yet sent. */
  @Transactional
  public void bookingCancelled(long bookingId) {
    Booking booking = bookings.findById(bookingId).orElseThrow();
    messaging.cancelOpen(
        bookingId,
        d -> d.step() != MessageStep.BOOKING_CANCELLATION,
        "The booking was cancelled on " + booking.cancelledAt());
    messaging.recordPlan(
        bookingId,
        List.of(
            PlannedMessage.scheduled(
                MessageStep.BOOKING_CANCELLATION,
                key(booking, MessageStep.BOOKING_CANCELLATION),
                booking.cancelledAt())));
  }

  /**
   * The idempotency key of a message: one confirmation and one cancellation per booking, one
   * check-in guide and reminder per arrival date, one change confirmation per revision.
   */
  static String key(Booking booking, MessageStep step) {
    String base = "booking/" + booking.id() + "/" + step.code();
    return switch (step) {
      case CHECK_IN_GUIDE, DAY_BEFORE_REMINDER -> base + "/" + booking.arrivalDate();
      case BOOKING_CHANGED -> base + "/r" + booking.revision();
      default -> base;
    };
  }

  private static PlannedMessage planAt(
      Booking booking, MessageStep step, Instant at, Instant now, String lateReason) {
    return at.isAfter(now)
        ? PlannedMessage.scheduled(step, key(booking, step), at)
        : PlannedMessage.skipped(step, key(booking, step), at, lateReason);
  }
}
