package org.guestjourney.feedback;

import java.util.List;
import org.guestjourney.property.Property;
import org.guestjourney.property.PropertyRepository;
import org.guestjourney.security.CurrentStaff;
import org.guestjourney.security.StaffUser;
import org.guestjourney.web.ConflictException;
import org.guestjourney.web.InvalidRequestException;
import org.guestjourney.web.NotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Staff see what guests wrote with its class, correct a class, and (managers) adopt suggestions.
 * Guests' words are shown as text, never as markup.
 */
@Controller
class FeedbackPages {

  private final FeedbackService feedback;
  private final RecurringProblems alerts;
  private final PropertyRepository properties;

  private final org.guestjourney.web.StaffWords words;

  FeedbackPages(
      FeedbackService feedback,
      RecurringProblems alerts,
      PropertyRepository properties,
      org.guestjourney.web.StaffWords words) {
    this.words = words;
    this.feedback = feedback;
    this.alerts = alerts;
    this.properties = properties;
  }

  /** An open alert as the page shows it. */
  record AlertLine(RecurringProblemAlert alert, String propertyName) {}

  @GetMapping("/feedback")
  String list(
      @RequestParam(required = false) Long property,
      @RequestParam(required = false) String type,
      Authentication auth,
      Model model) {
    StaffUser user = CurrentStaff.of(auth);
    List<Property> all =
        properties.findAll().stream()
            .filter(p -> org.guestjourney.security.PropertyAccess.readable(p.id()))
            .toList();
    java.util.Set<Long> visible =
        all.stream().map(Property::id).collect(java.util.stream.Collectors.toSet());
    model.addAttribute("properties", all);
    model.addAttribute("property", property);
    model.addAttribute("type", type != null && FeedbackService.TYPES.contains(type) ? type : null);
    model.addAttribute("types", FeedbackService.TYPES);
    model.addAttribute("urgencies", FeedbackService.URGENCIES);
    model.addAttribute(
        "rows",
        feedback
            .latest(property, type != null && FeedbackService.TYPES.contains(type) ? type : null)
            .stream()
            .filter(r -> visible.contains(r.propertyId()))
            .toList());
    model.addAttribute(
        "alerts",
        alerts.open().stream()
            .filter(a -> property == null || a.propertyId() == property)
            .filter(a -> visible.contains(a.propertyId()))
            .map(
                a ->
                    new AlertLine(
                        a, properties.findById(a.propertyId()).map(Property::name).orElse("")))
            .toList());
    model.addAttribute("manager", user.isManager());
    return "pages/feedback";
  }

  @PostMapping("/feedback/{id}/class")
  String correct(
      @PathVariable long id,
      @RequestParam String type,
      @RequestParam String urgency,
      @RequestParam(defaultValue = "false") boolean suggestion,
      Authentication auth,
      RedirectAttributes redirect) {
    try {
      feedback.correct(id, type, urgency, suggestion, CurrentStaff.of(auth));
      redirect.addFlashAttribute("done", words.say("flash.feedback.corrected", String.valueOf(id)));
    } catch (InvalidRequestException e) {
      redirect.addFlashAttribute("problem", e.describe());
    }
    return "redirect:/feedback#feedback-" + id;
  }

  @PostMapping("/feedback/{id}/adopt")
  String adopt(@PathVariable long id, Authentication auth, RedirectAttributes redirect) {
    feedback.adopt(id, CurrentStaff.of(auth));
    redirect.addFlashAttribute("done", words.say("flash.feedback.adopted", String.valueOf(id)));
    return "redirect:/feedback#feedback-" + id;
  }

  @ExceptionHandler(ConflictException.class)
  String conflict(ConflictException e, RedirectAttributes redirect) {
    redirect.addFlashAttribute("problem", e.getMessage());
    return "redirect:/feedback";
  }

  @ExceptionHandler(NotFoundException.class)
  @ResponseStatus(HttpStatus.NOT_FOUND)
  String notFound(NotFoundException e, Model model) {
    model.addAttribute("message", e.getMessage());
    return "pages/not-found";
  }
}
