package org.guestjourney.inquiry;

import java.net.URI;
import org.guestjourney.security.PropertyAccess;
import org.guestjourney.web.ApiController;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

@ApiController
class InquiryController {

  private final InquiryService inquiries;
  private final PropertyAccess access;

  InquiryController(InquiryService inquiries, PropertyAccess access) {
    this.inquiries = inquiries;
    this.access = access;
  }

  @PostMapping("/api/inquiries")
  ResponseEntity<Inquiry> receive(@RequestBody InquiryRequest request) {
    if (request.propertyId() != null) {
      access.checkWriteTo(request.propertyId(), "propertyId", "is not a known property");
    }
    Inquiry inquiry = inquiries.receive(request);
    return ResponseEntity.created(URI.create("/api/inquiries/" + inquiry.id())).body(inquiry);
  }

  @GetMapping("/api/inquiries/{id}")
  Inquiry one(@PathVariable long id) {
    Inquiry inquiry = inquiries.get(id);
    access.checkRead(inquiry.propertyId(), () -> "No inquiry " + id);
    return inquiry;
  }
}
