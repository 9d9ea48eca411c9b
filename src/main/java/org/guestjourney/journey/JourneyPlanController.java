package org.guestjourney.journey;

import java.time.Instant;
import java.util.List;
import org.guestjourney.booking.Booking;
import org.guestjourney.booking.BookingRepository;
import org.guestjourney.security.PropertyAccess;
import org.guestjourney.web.ApiController;
import org.guestjourney.web.NotFoundException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The plan of a booking's whole stay over the API, as the booking page shows it: every step of the
 * deployed journeys with the moment the model gives it, and what happened to the ones reached.
 */
@ApiController
class JourneyPlanController {

  /**
   * One step. {@code at} is the moment (the model's, or the recorded one once the step was reached;
   * null when the model gives none), {@code condition} the branch it depends on when it cannot be
   * decided yet, {@code state} "planned" until the journey reaches it.
   */
  record Step(
      String journey,
      String element,
      String label,
      String message,
      String purpose,
      Instant at,
      String condition,
      String state,
      String reason,
      Instant sentAt) {}

  private final JourneyPlan plan;
  private final BookingRepository bookings;
  private final PropertyAccess access;

  JourneyPlanController(JourneyPlan plan, BookingRepository bookings, PropertyAccess access) {
    this.plan = plan;
    this.bookings = bookings;
    this.access = access;
  }

  @GetMapping("/api/bookings/{id}/plan")
  List<Step> plan(@PathVariable long id) {
    Booking booking =
        bookings.findById(id).orElseThrow(() -> new NotFoundException("No booking " + id));
    access.checkRead(booking.propertyId(), () -> "No booking " + id);
    return plan.of(id).stream()
        .map(
            s ->
                new Step(
                    s.journey(),
                    s.elementId(),
                    s.label(),
                    s.message(),
                    s.purpose(),
                    s.delivery().map(d -> d.plannedAt()).orElse(s.at()),
                    s.condition(),
                    s.state(),
                    s.delivery().map(d -> d.reason()).orElse(s.stoppedBecause()),
                    s.delivery().map(d -> d.sentAt()).orElse(null)))
        .toList();
  }
}
