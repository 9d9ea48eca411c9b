package org.guestjourney.guestrequest;

import java.net.URI;
import org.guestjourney.booking.BookingService;
import org.guestjourney.security.PropertyAccess;
import org.guestjourney.web.ApiController;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

@ApiController
class GuestRequestController {

  private final GuestRequestService requests;
  private final BookingService bookings;
  private final PropertyAccess access;

  GuestRequestController(
      GuestRequestService requests, BookingService bookings, PropertyAccess access) {
    this.requests = requests;
    this.bookings = bookings;
    this.access = access;
  }

  record NewRequest(String category, @org.guestjourney.web.MultiLine String description) {}

  @PostMapping("/api/bookings/{bookingId}/requests")
  ResponseEntity<GuestRequest> raise(
      @PathVariable long bookingId, @RequestBody NewRequest request) {
    access.checkWrite(bookings.get(bookingId).propertyId(), () -> "No booking " + bookingId);
    GuestRequest created = requests.raise(bookingId, request.category(), request.description());
    return ResponseEntity.created(
            URI.create("/api/bookings/" + bookingId + "/requests/" + created.id()))
        .body(created);
  }
}
