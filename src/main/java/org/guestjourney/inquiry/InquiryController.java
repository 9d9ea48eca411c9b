package org.guestjourney.inquiry;

import java.net.URI;
import org.guestjourney.web.ApiController;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

@ApiController
class InquiryController {

  private final InquiryService inquiries;

  InquiryController(InquiryService inquiries) {
    this.inquiries = inquiries;
  }

  @PostMapping("/api/inquiries")
  ResponseEntity<Inquiry> receive(@RequestBody InquiryRequest request) {
    Inquiry inquiry = inquiries.receive(request);
    return ResponseEntity.created(URI.create("/api/inquiries/" + inquiry.id())).body(inquiry);
  }

  @GetMapping("/api/inquiries/{id}")
  Inquiry one(@PathVariable long id) {
    return inquiries.get(id);
  }
}
