package org.guestjourney.complaint;

import java.net.URI;
import org.guestjourney.booking.BookingService;
import org.guestjourney.security.PropertyAccess;
import org.guestjourney.web.ApiController;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

@ApiController
class ComplaintController {

  private final ComplaintService complaints;
  private final BookingService bookings;
  private final PropertyAccess access;

  ComplaintController(ComplaintService complaints, BookingService bookings, PropertyAccess access) {
    this.complaints = complaints;
    this.bookings = bookings;
    this.access = access;
  }

  @PostMapping("/api/complaints")
  ResponseEntity<Complaint> raise(@RequestBody ComplaintRequest request) {
    if (request.bookingId() != null) {
      bookings
          .find(request.bookingId())
          .ifPresent(
              b -> access.checkWriteTo(b.propertyId(), "bookingId", "is not a known booking"));
    }
    Complaint complaint = complaints.raise(request);
    return ResponseEntity.created(URI.create("/api/complaints/" + complaint.id())).body(complaint);
  }

  @GetMapping("/api/complaints/{id}")
  Complaint one(@PathVariable long id) {
    Complaint complaint = complaints.get(id);
    access.checkRead(bookings.get(complaint.bookingId()).propertyId(), () -> "No complaint " + id);
    return complaint;
  }
}
