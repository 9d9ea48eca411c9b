package org.guestjourney.security;

import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import org.guestjourney.web.InvalidRequestException;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** A staff member's own account: the language of the staff pages, changing the password. */
@Controller
class AccountPages {

  private final StaffAccountService staff;
  private final MessageSource words;

  AccountPages(StaffAccountService staff, MessageSource words) {
    this.staff = staff;
    this.words = words;
  }

  private String word(String key) {
    return words.getMessage(key, null, LocaleContextHolder.getLocale());
  }

  @GetMapping("/account")
  String show(Principal me, Model model) {
    model.addAttribute("language", staff.language(me.getName()).orElse(""));
    return "pages/account";
  }

  @PostMapping("/account/language")
  String language(
      @RequestParam(required = false) String language,
      Principal me,
      HttpServletRequest request,
      RedirectAttributes redirect) {
    try {
      staff.chooseLanguage(me.getName(), language);
      String chosen = language == null || language.isBlank() ? null : language.strip();
      StaffLocaleResolver.remember(request, me.getName(), chosen);
      request.removeAttribute(org.guestjourney.web.PageLocale.ATTRIBUTE);
      redirect.addFlashAttribute(
          "done",
          words.getMessage(
              "account.language.done",
              null,
              chosen == null
                  ? org.guestjourney.web.PageLocale.fromBrowser(request)
                  : org.guestjourney.web.PageLocale.of(chosen)));
    } catch (InvalidRequestException e) {
      redirect.addFlashAttribute("problem", word("account.language.invalid"));
    }
    return "redirect:/account";
  }

  @PostMapping("/account/password")
  String change(
      @RequestParam(required = false) String currentPassword,
      @RequestParam(required = false) String newPassword,
      Principal me,
      RedirectAttributes redirect) {
    try {
      staff.changePassword(me.getName(), currentPassword, newPassword);
      redirect.addFlashAttribute("done", word("account.password.done"));
    } catch (InvalidRequestException e) {
      redirect.addFlashAttribute("problem", e.describe());
    }
    return "redirect:/account";
  }
}
