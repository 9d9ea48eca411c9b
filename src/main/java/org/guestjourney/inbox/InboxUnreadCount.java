package org.guestjourney.inbox;

import org.guestjourney.security.CurrentStaff;
import org.guestjourney.security.Roles;
import org.guestjourney.security.StaffUser;
import org.guestjourney.tasklist.MenuCount;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * The menu's count of unread guest messages, for managers and the front desk (the people with an
 * inbox): shown when a page is drawn and kept live by the staff pages' event stream (ADR 0066).
 */
@Component
class InboxUnreadCount implements MenuCount {

  private final InboxService inbox;
  private final InboxRepository repository;

  InboxUnreadCount(InboxService inbox, InboxRepository repository) {
    this.inbox = inbox;
    this.repository = repository;
  }

  @Override
  public String name() {
    return "inbox";
  }

  @Override
  public String change() {
    return repository.unreadChange();
  }

  @Override
  public Integer count(Authentication auth) {
    if (auth == null || auth instanceof AnonymousAuthenticationToken) {
      return null;
    }
    StaffUser me = CurrentStaff.of(auth);
    if (!me.isManager() && !me.groups().contains(Roles.FRONT_DESK)) {
      return null;
    }
    return inbox.unread();
  }
}
