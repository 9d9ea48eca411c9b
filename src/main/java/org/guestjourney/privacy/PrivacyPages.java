package org.guestjourney.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.Principal;
import java.util.List;
import org.guestjourney.property.Property;
import org.guestjourney.property.PropertyService;
import org.guestjourney.security.PropertyAccess;
import org.guestjourney.web.InvalidRequestException;
import org.guestjourney.web.NotFoundException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The manager's privacy page: find a guest by e-mail or phone, export everything held about them
 * (JSON), erase them; set each property's retention. A guest is only shown to a manager who works
 * for every property the guest stayed with.
 */
@Controller
class PrivacyPages {

  private final GuestPrivacyService privacy;
  private final PropertyService properties;
  private final PropertyAccess access;

  PrivacyPages(GuestPrivacyService privacy, PropertyService properties, PropertyAccess access) {
    this.privacy = privacy;
    this.properties = properties;
    this.access = access;
  }

  record RetentionLine(Property property, Integer months) {}

  @GetMapping("/privacy")
  String page(@RequestParam(required = false) String q, Model model) {
    model.addAttribute("q", q);
    model.addAttribute(
        "guests",
        privacy.find(q).stream()
            .filter(
                g ->
                    !g.propertyIds().isEmpty()
                        && g.propertyIds().stream().allMatch(access::canRead))
            .toList());
    model.addAttribute(
        "retention",
        properties.all().stream()
            .filter(p -> access.canRead(p.id()))
            .map(p -> new RetentionLine(p, privacy.retention(p.id())))
            .toList());
    return "pages/privacy";
  }

  @GetMapping("/privacy/guests/{id}/export")
  ResponseEntity<JsonNode> export(@PathVariable long id) {
    mayHandle(id);
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_JSON)
        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"guest-" + id + ".json\"")
        .body(privacy.export(id));
  }

  @PostMapping("/privacy/guests/{id}/erase")
  String erase(
      @PathVariable long id,
      @RequestParam(required = false) String confirm,
      Principal manager,
      RedirectAttributes redirect) {
    mayHandle(id);
    if (!"erase".equals(confirm)) {
      redirect.addFlashAttribute("problem", "Type erase to confirm: erasing cannot be undone.");
      return "redirect:/privacy";
    }
    privacy.erase(id, "by " + manager.getName());
    redirect.addFlashAttribute(
        "done", "Guest " + id + " is erased; their stays still count in the numbers.");
    return "redirect:/privacy";
  }

  @PostMapping("/privacy/properties/{id}/retention")
  String retention(
      @PathVariable long id,
      @RequestParam(required = false) String months,
      RedirectAttributes redirect) {
    if (!access.canRead(id)) {
      throw new NotFoundException("No property " + id);
    }
    try {
      Integer value = months == null || months.isBlank() ? null : parse(months);
      privacy.setRetention(id, value);
      redirect.addFlashAttribute(
          "done",
          value == null
              ? "Contact data is kept until erased by hand."
              : "Contact data is erased " + value + " months after departure.");
    } catch (InvalidRequestException e) {
      redirect.addFlashAttribute("problem", e.describe());
    }
    return "redirect:/privacy";
  }

  private static Integer parse(String months) {
    try {
      return Integer.valueOf(months.strip());
    } catch (NumberFormatException e) {
      throw InvalidRequestException.of("months", "must be a number of months");
    }
  }

  /** Only managers who work for every property of the guest's stays; else as if absent. */
  private void mayHandle(long guestId) {
    List<Long> of = privacy.propertiesOf(guestId);
    if (of.isEmpty() || !of.stream().allMatch(access::canRead)) {
      throw new NotFoundException("No guest " + guestId);
    }
  }
}
