package org.guestjourney.security;

import java.security.Principal;
import org.guestjourney.web.InvalidRequestException;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** A staff member's own account: changing the password. */
@Controller
class AccountPages {

  private final StaffAccountService staff;

  AccountPages(StaffAccountService staff) {
    this.staff = staff;
  }

  @GetMapping("/account")
  String show() {
    return "pages/account";
  }

  @PostMapping("/account/password")
  String change(
      @RequestParam(required = false) String currentPassword,
      @RequestParam(required = false) String newPassword,
      Principal me,
      RedirectAttributes redirect) {
    try {
      staff.changePassword(me.getName(), currentPassword, newPassword);
      redirect.addFlashAttribute("done", "Your password is changed.");
    } catch (InvalidRequestException e) {
      redirect.addFlashAttribute("problem", e.describe());
    }
    return "redirect:/account";
  }
}
