package org.guestjourney.inbox;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Every staff page's menu shows how many guest messages wait unread in the person's houses. */
@ControllerAdvice(annotations = Controller.class)
class InboxUnreadAdvice {

  private final InboxUnreadCount unread;

  InboxUnreadAdvice(InboxUnreadCount unread) {
    this.unread = unread;
  }

  @ModelAttribute("inboxUnreadCount")
  Integer inboxUnreadCount(Authentication auth, HttpServletRequest request) {
    if (!"GET".equals(request.getMethod())) {
      return null;
    }
    return unread.count(auth);
  }
}
