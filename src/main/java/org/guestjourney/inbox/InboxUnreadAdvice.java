package org.guestjourney.inbox;

import jakarta.servlet.http.HttpServletRequest;
import org.guestjourney.security.CurrentStaff;
import org.guestjourney.security.Roles;
import org.guestjourney.security.StaffUser;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Every staff page's menu shows how many guest messages wait unread in the person's houses. */
@ControllerAdvice(annotations = Controller.class)
class InboxUnreadAdvice {

  private final InboxService inbox;

  InboxUnreadAdvice(InboxService inbox) {
    this.inbox = inbox;
  }

  @ModelAttribute("inboxUnreadCount")
  Integer inboxUnreadCount(Authentication auth, HttpServletRequest request) {
    if (auth == null
        || auth instanceof AnonymousAuthenticationToken
        || !"GET".equals(request.getMethod())) {
      return null;
    }
    StaffUser me = CurrentStaff.of(auth);
    if (!me.isManager() && !me.groups().contains(Roles.FRONT_DESK)) {
      return null;
    }
    return inbox.unread();
  }
}
