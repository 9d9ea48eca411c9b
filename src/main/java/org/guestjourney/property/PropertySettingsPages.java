package org.guestjourney.property;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import org.guestjourney.web.InvalidRequestException;
import org.guestjourney.web.NotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The manager's page for a property's journey timings and message rules. */
@Controller
class PropertySettingsPages {

  private final PropertyService properties;
  private final java.util.List<SettingsSection> sections;

  private final org.guestjourney.web.StaffWords words;

  PropertySettingsPages(
      PropertyService properties,
      java.util.List<SettingsSection> sections,
      org.guestjourney.web.StaffWords words) {
    this.words = words;
    this.properties = properties;
    this.sections = sections;
  }

  /** The first property's settings (a B&B usually has one house). */
  @GetMapping("/properties")
  String first() {
    return properties.all().stream()
        .filter(p -> org.guestjourney.security.PropertyAccess.readable(p.id()))
        .findFirst()
        .map(p -> "redirect:/properties/" + p.id() + "/settings")
        .orElse("redirect:/");
  }

  @GetMapping("/properties/{id}/settings")
  String show(@PathVariable long id, Model model) {
    model.addAttribute("property", properties.get(id));
    if (!model.containsAttribute("settings")) {
      // the journey settings with the house's pre-arrival timings: every field the form posts
      model.addAttribute("settings", properties.settings(id));
    }
    model.addAttribute(
        "properties",
        properties.all().stream()
            .filter(p -> org.guestjourney.security.PropertyAccess.readable(p.id()))
            .toList());
    model.addAttribute("sections", sections.stream().map(x -> x.sectionFor(id)).toList());
    return "pages/property-settings";
  }

  @PostMapping("/properties/{id}/settings")
  String save(
      @PathVariable long id,
      @RequestParam java.util.Map<String, String> form,
      RedirectAttributes redirect) {
    java.util.List<org.guestjourney.web.FieldViolation> unreadable = new java.util.ArrayList<>();
    SettingsRequest request =
        new SettingsRequest(
            number(form, "inquiryAnswerWithinMinutes", unreadable),
            time(form, "quickSurveySendTime", unreadable),
            time(form, "courtesyCheckInSendTime", unreadable),
            number(form, "thankYouHoursAfterCheckOut", unreadable),
            time(form, "satisfactionSurveySendTime", unreadable),
            number(form, "surveyReminderAfterDays", unreadable),
            number(form, "reviewRequestAfterDays", unreadable),
            number(form, "phoneFollowUpWithinDays", unreadable),
            form.get("reviewUrl"),
            time(form, "quietHoursStart", unreadable),
            time(form, "quietHoursEnd", unreadable),
            number(form, "maxMessagesPerDay", unreadable),
            number(form, "maxMessagesPerStay", unreadable),
            number(form, "whatsappFallbackMinutes", unreadable),
            number(form, "messageBudget", unreadable),
            number(form, "checkInGuideDaysBefore", unreadable),
            time(form, "checkInGuideSendTime", unreadable),
            time(form, "dayBeforeReminderSendTime", unreadable));
    try {
      if (!unreadable.isEmpty()) {
        throw new InvalidRequestException(unreadable);
      }
      properties.updateSettings(id, request);
      redirect.addFlashAttribute("saved", words.say("flash.settings.saved"));
    } catch (InvalidRequestException e) {
      redirect.addFlashAttribute("problem", e.describe());
      redirect.addFlashAttribute("settings", request);
    }
    return "redirect:/properties/" + id + "/settings";
  }

  @ExceptionHandler(NotFoundException.class)
  @ResponseStatus(HttpStatus.NOT_FOUND)
  String notFound(NotFoundException e, Model model) {
    model.addAttribute("message", e.getMessage());
    return "pages/not-found";
  }

  private static Integer number(
      java.util.Map<String, String> form,
      String field,
      java.util.List<org.guestjourney.web.FieldViolation> unreadable) {
    return parse(form, field, Integer::valueOf, "must be a whole number", unreadable);
  }

  private static LocalTime time(
      java.util.Map<String, String> form,
      String field,
      java.util.List<org.guestjourney.web.FieldViolation> unreadable) {
    return parse(form, field, LocalTime::parse, "must be a time such as 09:30", unreadable);
  }

  /** The field's value read by {@code reader}; null when empty or unreadable (then noted). */
  private static <T> T parse(
      java.util.Map<String, String> form,
      String field,
      java.util.function.Function<String, T> reader,
      String expected,
      java.util.List<org.guestjourney.web.FieldViolation> unreadable) {
    String value = form.get(field);
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return reader.apply(value.strip());
    } catch (NumberFormatException | DateTimeParseException e) {
      unreadable.add(new org.guestjourney.web.FieldViolation(field, expected));
      return null;
    }
  }
}
