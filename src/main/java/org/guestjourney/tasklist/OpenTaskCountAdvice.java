package org.guestjourney.tasklist;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Every staff page's menu shows how many open tasks wait for the signed-in person, and how many of
 * them are theirs.
 */
@ControllerAdvice(annotations = Controller.class)
class OpenTaskCountAdvice {

  private final OpenTasks open;

  OpenTaskCountAdvice(OpenTasks open) {
    this.open = open;
  }

  @ModelAttribute
  void openTaskCounts(Authentication auth, HttpServletRequest request, Model model) {
    if (!shown(auth, request)) {
      return;
    }
    List<StaffTask> shown = open.of(auth);
    model.addAttribute("openTaskCount", shown.size());
    model.addAttribute("myTaskCount", OpenTasks.mine(shown, auth));
  }

  private static boolean shown(Authentication auth, HttpServletRequest request) {
    return !(auth == null
        || auth instanceof AnonymousAuthenticationToken
        || !"GET".equals(request.getMethod())
        || auth.getAuthorities().stream()
            .noneMatch(
                a -> a.getAuthority().startsWith(org.guestjourney.security.Roles.GROUP_PREFIX)));
  }
}
