package org.guestjourney.booking;

import java.net.URI;
import org.guestjourney.security.PropertyAccess;
import org.guestjourney.web.ApiController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Booking intake API. {@code POST} is idempotent on {@code externalReference} per property: the
 * first request answers 201 Created, repeats answer 200 with the stored booking.
 */
@ApiController
@RequestMapping("/api/bookings")
class BookingController {

  private final BookingService service;
  private final PropertyAccess access;

  BookingController(BookingService service, PropertyAccess access) {
    this.service = service;
    this.access = access;
  }

  /** The booking, if the caller works for its property (else "not found", as if absent). */
  private Booking readable(long id) {
    Booking booking = service.get(id);
    access.checkRead(booking.propertyId(), () -> "No booking " + id);
    return booking;
  }

  private void writable(long id) {
    Booking booking = service.get(id);
    access.checkWrite(booking.propertyId(), () -> "No booking " + id);
  }

  @PostMapping
  ResponseEntity<Booking> create(@RequestBody BookingRequest request) {
    if (request.propertyId() != null) {
      access.checkWriteTo(request.propertyId(), "propertyId", "is not a known property");
    }
    BookingService.Intake intake = service.create(request);
    URI location = URI.create("/api/bookings/" + intake.booking().id());
    return ResponseEntity.status(intake.created() ? HttpStatus.CREATED : HttpStatus.OK)
        .location(location)
        .body(intake.booking());
  }

  @GetMapping("/{id}")
  Booking one(@PathVariable long id) {
    return readable(id);
  }

  @PatchMapping("/{id}/dates")
  Booking changeDates(@PathVariable long id, @RequestBody DateChangeRequest request) {
    writable(id);
    return service.changeDates(id, request);
  }

  record ArrivalTime(String expectedArrival) {}

  /** The guest's expected arrival time, e.g. from their answer to the day-before reminder. */
  @org.springframework.web.bind.annotation.PutMapping("/{id}/arrival-time")
  ResponseEntity<Void> arrivalTime(@PathVariable long id, @RequestBody ArrivalTime request) {
    writable(id);
    service.recordArrivalTime(id, request.expectedArrival());
    return ResponseEntity.noContent().build();
  }

  @PostMapping("/{id}/cancel")
  Booking cancel(@PathVariable long id) {
    writable(id);
    return service.cancel(id);
  }
}
