package org.guestjourney.tasklist;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Every staff page's menu shows how many open tasks wait for the signed-in person. */
@ControllerAdvice(annotations = Controller.class)
class OpenTaskCountAdvice {

  private final OpenTasks open;

  OpenTaskCountAdvice(OpenTasks open) {
    this.open = open;
  }

  @ModelAttribute("openTaskCount")
  Integer openTaskCount(Authentication auth, HttpServletRequest request) {
    if (auth == null
        || auth instanceof AnonymousAuthenticationToken
        || !"GET".equals(request.getMethod())
        || auth.getAuthorities().stream()
            .noneMatch(
                a -> a.getAuthority().startsWith(org.guestjourney.security.Roles.GROUP_PREFIX))) {
      return null;
    }
    return open.count(auth);
  }
}
