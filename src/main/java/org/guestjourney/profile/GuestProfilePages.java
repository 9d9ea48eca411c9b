package org.guestjourney.profile;

import java.security.Principal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.guestjourney.guest.GuestProfile;
import org.guestjourney.guest.ProfileEdit;
import org.guestjourney.web.ConflictException;
import org.guestjourney.web.InvalidRequestException;
import org.guestjourney.web.NotFoundException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The staff pages of guests (ADR 0062): the guest list with search, tags and "possibly the same
 * guest" suggestions to merge or keep apart; a guest's profile; saved segments.
 */
@Controller
class GuestProfilePages {

  static final int PAGE_SIZE = 25;

  private final GuestProfileService guests;

  GuestProfilePages(GuestProfileService guests) {
    this.guests = guests;
  }

  @GetMapping("/guests")
  String list(
      @RequestParam(required = false) String q,
      @RequestParam(required = false) String tag,
      @RequestParam(defaultValue = "1") int page,
      Model model) {
    int pageNumber = Math.max(page, 1);
    ProfileReads.Page found = guests.list(q, tag, pageNumber, PAGE_SIZE);
    model.addAttribute("result", found);
    model.addAttribute("q", q == null ? "" : q);
    model.addAttribute("tag", tag == null ? "" : tag);
    model.addAttribute("page", pageNumber);
    model.addAttribute("hasNext", (long) pageNumber * PAGE_SIZE < found.total());
    model.addAttribute("suggestedTags", GuestProfile.SUGGESTED_TAGS);
    model.addAttribute("suggestions", guests.openSuggestions());
    return "pages/guests";
  }

  @GetMapping("/guests/{id}")
  String profile(@PathVariable long id, Model model) {
    Optional<Long> into = guests.mergedInto(id);
    if (into.isPresent()) {
      return "redirect:/guests/" + into.get();
    }
    model.addAttribute("guest", guests.view(id));
    model.addAttribute("suggestedTags", GuestProfile.SUGGESTED_TAGS);
    return "pages/guest";
  }

  @GetMapping("/guests/of-booking/{bookingId}")
  String ofBooking(@PathVariable long bookingId) {
    long id =
        guests
            .profileOfBooking(bookingId)
            .orElseThrow(() -> new NotFoundException("No booking " + bookingId));
    return "redirect:/guests/" + id;
  }

  @PostMapping("/guests/{id}/tags")
  String addTag(
      @PathVariable long id,
      @RequestParam(required = false) String tag,
      Principal staff,
      RedirectAttributes redirect) {
    return act(id, redirect, () -> guests.addTag(id, tag, staff.getName()), "profile.done.tag");
  }

  @PostMapping("/guests/{id}/tags/remove")
  String removeTag(
      @PathVariable long id,
      @RequestParam(required = false) String tag,
      Principal staff,
      RedirectAttributes redirect) {
    return act(id, redirect, () -> guests.removeTag(id, tag, staff.getName()), "profile.done.tag");
  }

  @PostMapping("/guests/{id}/details")
  String details(
      @PathVariable long id,
      @RequestParam(required = false) String birthday,
      @RequestParam(required = false) String anniversary,
      @RequestParam(required = false) String preferences,
      @RequestParam(required = false) String allergies,
      @RequestParam(required = false) String specialNeeds,
      Principal staff,
      RedirectAttributes redirect) {
    return act(
        id,
        redirect,
        () -> {
          java.util.List<org.guestjourney.web.FieldViolation> bad = new java.util.ArrayList<>();
          ProfileEdit edit =
              new ProfileEdit(
                  null,
                  text(preferences),
                  text(allergies),
                  text(specialNeeds),
                  date(birthday, "birthday", bad),
                  date(anniversary, "anniversary", bad));
          if (!bad.isEmpty()) {
            throw new InvalidRequestException(bad);
          }
          guests.edit(id, edit, staff.getName());
        },
        "profile.done.details");
  }

  @PostMapping("/guests/suggestions/{id}/merge")
  String mergeSuggested(
      @PathVariable long id,
      @RequestParam(required = false) Long back,
      Principal staff,
      RedirectAttributes redirect) {
    try {
      long kept = guests.mergeSuggested(id, staff.getName()).keptProfileId();
      redirect.addFlashAttribute("doneKey", "profile.done.merged");
      return "redirect:/guests/" + kept;
    } catch (InvalidRequestException | ConflictException e) {
      redirect.addFlashAttribute("problem", e.getMessage());
      return back == null ? "redirect:/guests" : "redirect:/guests/" + back;
    }
  }

  @PostMapping("/guests/suggestions/{id}/keep-apart")
  String keepApart(
      @PathVariable long id,
      @RequestParam(required = false) Long back,
      Principal staff,
      RedirectAttributes redirect) {
    try {
      guests.keepApart(id, staff.getName());
      redirect.addFlashAttribute("doneKey", "profile.done.keptApart");
    } catch (ConflictException e) {
      redirect.addFlashAttribute("problem", e.getMessage());
    }
    return back == null ? "redirect:/guests" : "redirect:/guests/" + back;
  }

  @PostMapping("/guests/merges/{id}/undo")
  String undo(@PathVariable long id, Principal staff, RedirectAttributes redirect) {
    try {
      long kept = guests.undo(id, staff.getName()).keptProfileId();
      redirect.addFlashAttribute("doneKey", "profile.done.undone");
      return "redirect:/guests/" + kept;
    } catch (ConflictException e) {
      redirect.addFlashAttribute("problem", e.getMessage());
      return "redirect:/guests";
    }
  }

  @GetMapping("/guests/segments")
  String segments(Model model) {
    model.addAttribute("segments", guests.segments());
    model.addAttribute("suggestedTags", GuestProfile.SUGGESTED_TAGS);
    return "pages/guest-segments";
  }

  @PostMapping("/guests/segments")
  String createSegment(
      @RequestParam(required = false) String name,
      @RequestParam(required = false) String tag,
      Principal staff,
      RedirectAttributes redirect) {
    try {
      guests.createSegment(name, tag, staff.getName());
      redirect.addFlashAttribute("doneKey", "profile.done.segment");
    } catch (InvalidRequestException e) {
      redirect.addFlashAttribute("problem", e.describe());
    }
    return "redirect:/guests/segments";
  }

  @PostMapping("/guests/segments/{id}/delete")
  String deleteSegment(@PathVariable long id, RedirectAttributes redirect) {
    guests.deleteSegment(id);
    redirect.addFlashAttribute("doneKey", "profile.done.segmentDeleted");
    return "redirect:/guests/segments";
  }

  private String act(long id, RedirectAttributes redirect, Runnable change, String doneKey) {
    try {
      change.run();
      redirect.addFlashAttribute("doneKey", doneKey);
    } catch (InvalidRequestException e) {
      redirect.addFlashAttribute("problem", e.describe());
    }
    return "redirect:/guests/" + id;
  }

  private static Optional<String> text(String value) {
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }

  private static Optional<LocalDate> date(
      String value, String field, java.util.List<org.guestjourney.web.FieldViolation> bad) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(LocalDate.parse(value.strip()));
    } catch (DateTimeParseException e) {
      bad.add(new org.guestjourney.web.FieldViolation(field, "must be a date like 1985-04-23"));
      return null;
    }
  }
}
