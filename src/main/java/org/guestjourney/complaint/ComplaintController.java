package org.guestjourney.complaint;

import java.net.URI;
import org.guestjourney.web.ApiController;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

@ApiController
class ComplaintController {

  private final ComplaintService complaints;

  ComplaintController(ComplaintService complaints) {
    this.complaints = complaints;
  }

  @PostMapping("/api/complaints")
  ResponseEntity<Complaint> raise(@RequestBody ComplaintRequest request) {
    Complaint complaint = complaints.raise(request);
    return ResponseEntity.created(URI.create("/api/complaints/" + complaint.id())).body(complaint);
  }

  @GetMapping("/api/complaints/{id}")
  Complaint one(@PathVariable long id) {
    return complaints.get(id);
  }
}
