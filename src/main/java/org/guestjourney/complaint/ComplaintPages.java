package org.guestjourney.complaint;

import org.guestjourney.web.InvalidRequestException;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Staff log a complaint from the booking's page (what a guest said at the desk or on the phone).
 */
@Controller
class ComplaintPages {

  private final ComplaintService complaints;

  private final org.guestjourney.web.StaffWords words;

  ComplaintPages(ComplaintService complaints, org.guestjourney.web.StaffWords words) {
    this.complaints = complaints;
    this.words = words;
  }

  @PostMapping("/bookings/{bookingId}/complaints")
  String log(
      @PathVariable long bookingId,
      @RequestParam String category,
      @RequestParam String description,
      RedirectAttributes redirect) {
    try {
      complaints.raise(new ComplaintRequest(bookingId, category, description, "staff"));
      redirect.addFlashAttribute("logged", words.say("flash.complaint.logged"));
    } catch (InvalidRequestException e) {
      redirect.addFlashAttribute("problem", e.describe());
    }
    return "redirect:/bookings/" + bookingId;
  }
}
