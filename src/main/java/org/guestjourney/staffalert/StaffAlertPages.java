package org.guestjourney.staffalert;

import java.security.Principal;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.guestjourney.property.Property;
import org.guestjourney.property.PropertyService;
import org.guestjourney.security.PropertyAccess;
import org.guestjourney.web.InvalidRequestException;
import org.guestjourney.web.NotFoundException;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A staff member's alerts page: where alerts reach them (name, e-mail, phone), which alerts, how
 * (e-mail, text) and when (at once or in a digest), and for managers, which houses they are on duty
 * for.
 */
@Controller
class StaffAlertPages {

  private final StaffContacts contacts;
  private final StaffAlertPreferences preferences;
  private final PropertyService properties;
  private final PropertyAccess access;
  private final MessageSource words;

  StaffAlertPages(
      StaffContacts contacts,
      StaffAlertPreferences preferences,
      PropertyService properties,
      PropertyAccess access,
      MessageSource words) {
    this.contacts = contacts;
    this.preferences = preferences;
    this.properties = properties;
    this.access = access;
    this.words = words;
  }

  private String word(String key, Object... args) {
    return words.getMessage(key, args, LocaleContextHolder.getLocale());
  }

  /**
   * One reason as the page shows it: its field-name prefix ("new_task") and the person's choice.
   */
  record Row(String field, AlertReason reason, StaffAlertPreferences.Choice choice) {

    public boolean digestible() {
      return reason.digestible();
    }

    public String label() {
      return reason.key();
    }

    public String hint() {
      return reason.key() + ".hint";
    }
  }

  /** A property and its manager on duty, as the page lists them. */
  record Duty(Property property, String onDuty, boolean mine) {}

  @GetMapping("/account/alerts")
  String show(Principal me, Model model) {
    StaffContact contact = contacts.of(me.getName()).orElseThrow();
    model.addAttribute("contact", contact);
    Map<AlertReason, StaffAlertPreferences.Choice> chosen =
        preferences.of(contact.staffAccountId());
    model.addAttribute(
        "rows",
        Arrays.stream(AlertReason.values()).map(r -> new Row(field(r), r, chosen.get(r))).toList());
    model.addAttribute("schedule", preferences.scheduleOf(contact.staffAccountId()));
    ZoneId zone = preferences.zoneOf(contact.staffAccountId());
    model.addAttribute("zone", zone.equals(ZoneOffset.UTC) ? "UTC" : zone.getId());
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
      redirect.addFlashAttribute("done", word("alerts.contact.done"));
    } catch (InvalidRequestException e) {
      redirect.addFlashAttribute("problem", e.describe());
    }
    return "redirect:/account/alerts";
  }

  /**
   * Saves which alerts reach the person, how and when; nothing is saved when a choice is wrong (an
   * urgent task or a missed deadline with no way to reach them, a time of day that is not one).
   */
  @PostMapping("/account/alerts/preferences")
  String savePreferences(
      @RequestParam Map<String, String> form, Principal me, RedirectAttributes redirect) {
    StaffContact contact = contacts.of(me.getName()).orElseThrow();
    List<StaffAlertPreferences.Choice> choices = new ArrayList<>();
    for (AlertReason r : AlertReason.values()) {
      String f = field(r);
      choices.add(
          new StaffAlertPreferences.Choice(
              r,
              "true".equals(form.get(f + ".email")),
              "true".equals(form.get(f + ".sms")),
              "digest".equals(form.get(f + ".when"))));
    }
    StaffAlertPreferences.Every every;
    LocalTime at;
    try {
      every = StaffAlertPreferences.Every.valueOf(form.getOrDefault("digestEvery", "DAY"));
      String time = form.get("digestAt");
      at =
          time == null || time.isBlank()
              ? StaffAlertPreferences.DEFAULT_SCHEDULE.at()
              : LocalTime.parse(time.strip());
    } catch (IllegalArgumentException | DateTimeParseException e) {
      redirect.addFlashAttribute("problem", word("alerts.prefs.badtime"));
      return "redirect:/account/alerts";
    }
    try {
      preferences.save(
          contact.staffAccountId(), choices, new StaffAlertPreferences.Schedule(every, at));
      redirect.addFlashAttribute("done", word("alerts.prefs.done"));
    } catch (InvalidRequestException e) {
      redirect.addFlashAttribute(
          "problem",
          e.violations().stream()
              .map(
                  v ->
                      v.field().endsWith(".channel")
                          ? word(
                              "alerts.prefs.needchannel",
                              word(
                                  AlertReason.valueOf(
                                          v.field()
                                              .substring(0, v.field().indexOf('.'))
                                              .toUpperCase(Locale.ROOT))
                                      .key()))
                          : word("alerts.prefs.badtime"))
              .distinct()
              .reduce((a, b) -> a + " " + b)
              .orElse(""));
    }
    return "redirect:/account/alerts";
  }

  private static String field(AlertReason r) {
    return r.name().toLowerCase(Locale.ROOT);
  }

  @PostMapping("/account/alerts/duty/{propertyId}")
  String takeDuty(@PathVariable long propertyId, Principal me, RedirectAttributes redirect) {
    boolean manager = contacts.of(me.getName()).map(c -> "MANAGER".equals(c.role())).orElse(false);
    if (!manager || !access.canRead(propertyId)) {
      throw new NotFoundException("No property " + propertyId);
    }
    contacts.takeDuty(me.getName(), propertyId);
    redirect.addFlashAttribute("done", word("alerts.duty.done"));
    return "redirect:/account/alerts";
  }
}
