package org.guestjourney.security;

import java.security.Principal;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.guestjourney.web.InvalidRequestException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The manager's page for who gets in: integration API keys (and, below, staff accounts). */
@Controller
class AccessPages {

  private final ApiKeyService keys;
  private final StaffAccountService staff;
  private final KnownProperties properties;
  private final PropertyAccess access;

  AccessPages(
      ApiKeyService keys,
      StaffAccountService staff,
      KnownProperties properties,
      PropertyAccess access) {
    this.keys = keys;
    this.staff = staff;
    this.properties = properties;
    this.access = access;
  }

  @GetMapping("/access")
  String show(Model model) {
    model.addAttribute(
        "keys", keys.all().stream().filter(k -> ApiKeyController.visibleTo(access, k)).toList());
    model.addAttribute("staff", staff.all());
    model.addAttribute("roles", StaffRole.values());
    model.addAttribute(
        "propertyNames",
        properties.known().stream()
            .collect(Collectors.toMap(KnownProperties.Known::id, KnownProperties.Known::name)));
    model.addAttribute("properties", properties.known());
    return "pages/access";
  }

  /** The properties ticked on a form (checkboxes named {@code property}). */
  private static Set<Long> chosenProperties(MultiValueMap<String, String> form) {
    return form.getOrDefault("property", java.util.List.of()).stream()
        .map(AccessPages::id)
        .collect(Collectors.toSet());
  }

  @PostMapping("/access/keys")
  String create(
      @RequestParam MultiValueMap<String, String> form,
      Principal manager,
      RedirectAttributes redirect) {
    try {
      Set<Long> scoped = chosenProperties(form);
      ApiKeyController.checkCallerCovers(access, "all".equals(form.getFirst("properties")), scoped);
      ApiKeyService.IssuedKey issued =
          keys.create(
              form.getFirst("name"),
              scope(form.getFirst("scope")),
              "all".equals(form.getFirst("properties")),
              scoped,
              perMinute(form.getFirst("requestsPerMinute")),
              manager.getName());
      redirect.addFlashAttribute("issued", issued);
    } catch (InvalidRequestException e) {
      redirect.addFlashAttribute("problem", e.describe());
    }
    return "redirect:/access";
  }

  @PostMapping("/access/staff")
  String invite(
      @RequestParam MultiValueMap<String, String> form,
      Principal manager,
      RedirectAttributes redirect) {
    try {
      Set<Long> scoped = chosenProperties(form);
      StaffAccount created =
          staff.create(
              form.getFirst("username"),
              form.getFirst("password"),
              role(form.getFirst("role")),
              "all".equals(form.getFirst("properties")),
              scoped,
              manager.getName());
      redirect.addFlashAttribute(
          "done",
          created.username() + " can sign in now; they should change the password you gave them.");
    } catch (InvalidRequestException e) {
      redirect.addFlashAttribute("problem", e.describe());
    }
    return "redirect:/access";
  }

  @PostMapping("/access/staff/{id}/disable")
  String disable(@PathVariable long id, Principal manager, RedirectAttributes redirect) {
    return enable(id, false, manager, redirect);
  }

  @PostMapping("/access/staff/{id}/enable")
  String enable(@PathVariable long id, Principal manager, RedirectAttributes redirect) {
    return enable(id, true, manager, redirect);
  }

  private String enable(long id, boolean enabled, Principal manager, RedirectAttributes redirect) {
    try {
      StaffAccount account = staff.setEnabled(id, enabled, manager.getName());
      redirect.addFlashAttribute(
          "done",
          account.username() + (enabled ? " can sign in again." : " can no longer sign in."));
    } catch (InvalidRequestException e) {
      redirect.addFlashAttribute("problem", e.describe());
    }
    return "redirect:/access";
  }

  private static StaffRole role(String value) {
    for (StaffRole r : StaffRole.values()) {
      if (r.name().equals(value)) {
        return r;
      }
    }
    return null;
  }

  @PostMapping("/access/keys/{id}/revoke")
  String revoke(@PathVariable long id, Principal manager, RedirectAttributes redirect) {
    if (!ApiKeyController.visibleTo(access, keys.get(id))) {
      throw new org.guestjourney.web.NotFoundException("No API key " + id);
    }
    keys.revoke(id, manager.getName());
    redirect.addFlashAttribute("done", "The key no longer works.");
    return "redirect:/access";
  }

  private static ApiKey.Scope scope(String value) {
    return Map.of(
            "READ", ApiKey.Scope.READ, "WRITE", ApiKey.Scope.WRITE, "ADMIN", ApiKey.Scope.ADMIN)
        .get(value == null ? "" : value);
  }

  private static int perMinute(String value) {
    if (value == null || value.isBlank()) {
      return ApiKeyService.DEFAULT_REQUESTS_PER_MINUTE;
    }
    try {
      return Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw InvalidRequestException.of("requestsPerMinute", "must be a number");
    }
  }

  private static long id(String value) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw InvalidRequestException.of("properties", "has a value that is not a property");
    }
  }
}
