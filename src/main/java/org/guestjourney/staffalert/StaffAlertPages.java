package org.guestjourney.staffalert;

import java.security.Principal;
import java.util.List;
import org.guestjourney.property.Property;
import org.guestjourney.property.PropertyService;
import org.guestjourney.security.PropertyAccess;
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
 * A staff member's alerts page: where urgent and overdue tasks reach them (name, e-mail, phone),
 * and for managers, which houses they are on duty for.
 */
@Controller
class StaffAlertPages {

  private final StaffContacts contacts;
  private final PropertyService properties;
  private final PropertyAccess access;

  StaffAlertPages(StaffContacts contacts, PropertyService properties, PropertyAccess access) {
    this.contacts = contacts;
    this.properties = properties;
    this.access = access;
  }

  /** A property and its manager on duty, as the page lists them. */
  record Duty(Property property, String onDuty, boolean mine) {}

  @GetMapping("/account/alerts")
  String show(Principal me, Model model) {
    StaffContact contact = contacts.of(me.getName()).orElseThrow();
    model.addAttribute("contact", contact);
    if ("MANAGER".equals(contact.role())) {
      List<Duty> duties =
          properties.all().stream()
              .filter(p -> access.canRead(p.id()))
              .map(
                  p -> {
                    StaffContact on = contacts.managerOnDuty(p.id()).orElse(null);
                    return new Duty(
                        p,
                        on == null ? null : on.name(),
                        on != null && on.staffAccountId() == contact.staffAccountId());
                  })
              .toList();
      model.addAttribute("duties", duties);
    }
    return "pages/alerts";
  }

  @PostMapping("/account/alerts")
  String save(
      @RequestParam(required = false) String displayName,
      @RequestParam(required = false) String email,
      @RequestParam(required = false) String phone,
      Principal me,
      RedirectAttributes redirect) {
    try {
      contacts.save(me.getName(), displayName, email, phone);
      redirect.addFlashAttribute("done", "Saved. Alerts reach you at these addresses.");
    } catch (InvalidRequestException e) {
      redirect.addFlashAttribute("problem", e.describe());
    }
    return "redirect:/account/alerts";
  }

  @PostMapping("/account/alerts/duty/{propertyId}")
  String takeDuty(@PathVariable long propertyId, Principal me, RedirectAttributes redirect) {
    boolean manager = contacts.of(me.getName()).map(c -> "MANAGER".equals(c.role())).orElse(false);
    if (!manager || !access.canRead(propertyId)) {
      throw new NotFoundException("No property " + propertyId);
    }
    contacts.takeDuty(me.getName(), propertyId);
    redirect.addFlashAttribute("done", "You are the manager on duty now.");
    return "redirect:/account/alerts";
  }
}
