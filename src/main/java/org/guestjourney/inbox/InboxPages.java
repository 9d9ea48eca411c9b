package org.guestjourney.inbox;

import java.util.UUID;
import org.guestjourney.security.CurrentStaff;
import org.guestjourney.security.StaffUser;
import org.guestjourney.staffalert.StaffContacts;
import org.guestjourney.web.ConflictException;
import org.guestjourney.web.ForbiddenException;
import org.guestjourney.web.InvalidRequestException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The inbox pages: the list of conversations (filters: unread, mine, house, channel), a thread with
 * its reply box, and where staff set how they sign replies and managers keep saved replies.
 */
@Controller
class InboxPages {

  private final InboxService inbox;
  private final StaffContacts contacts;

  InboxPages(InboxService inbox, StaffContacts contacts) {
    this.inbox = inbox;
    this.contacts = contacts;
  }

  @GetMapping("/inbox")
  String list(
      @RequestParam(required = false) boolean unread,
      @RequestParam(required = false) boolean mine,
      @RequestParam(required = false) Long house,
      @RequestParam(required = false) String channel,
      Authentication auth,
      Model model) {
    StaffUser me = CurrentStaff.of(auth);
    InboxService.Query query = new InboxService.Query(unread, mine, house, channel);
    try {
      model.addAttribute("conversations", inbox.conversations(me, query));
      model.addAttribute("unmatched", inbox.unmatched(me, query));
    } catch (InvalidRequestException e) {
      query = new InboxService.Query(unread, mine, house, null);
      model.addAttribute("problemKey", "inbox.filter.unknown-channel");
      model.addAttribute("conversations", inbox.conversations(me, query));
      model.addAttribute("unmatched", inbox.unmatched(me, query));
    }
    model.addAttribute("query", query);
    model.addAttribute("houses", inbox.houses());
    return "pages/inbox";
  }

  @GetMapping("/inbox/bookings/{id}")
  String thread(@PathVariable long id, Authentication auth, Model model) {
    model.addAttribute("thread", inbox.thread(id));
    model.addAttribute("me", CurrentStaff.of(auth).username());
    if (!model.containsAttribute("formKey")) {
      model.addAttribute("formKey", UUID.randomUUID().toString());
    }
    return "pages/inbox-thread";
  }

  @PostMapping("/inbox/bookings/{id}/reply")
  String reply(
      @PathVariable long id,
      @RequestParam(required = false) String text,
      @RequestParam(required = false) String formKey,
      Authentication auth,
      RedirectAttributes redirect) {
    try {
      redirect.addFlashAttribute("done", inbox.reply(id, text, formKey, CurrentStaff.of(auth)));
    } catch (InvalidRequestException e) {
      redirect.addFlashAttribute("problem", e.describe());
      redirect.addFlashAttribute("draft", text);
    } catch (ConflictException e) {
      redirect.addFlashAttribute("problem", e.getMessage());
      redirect.addFlashAttribute("draft", text);
    }
    return "redirect:/inbox/bookings/" + id;
  }

  @PostMapping("/inbox/bookings/{id}/read")
  String read(@PathVariable long id, Authentication auth, RedirectAttributes redirect) {
    inbox.markRead(id, CurrentStaff.of(auth));
    redirect.addFlashAttribute("doneKey", "inbox.marked-read");
    return "redirect:/inbox/bookings/" + id;
  }

  @PostMapping("/inbox/bookings/{id}/assign")
  String assign(
      @PathVariable long id,
      @RequestParam(required = false) String assignee,
      Authentication auth,
      RedirectAttributes redirect) {
    try {
      String name = inbox.assign(id, assignee, CurrentStaff.of(auth));
      redirect.addFlashAttribute("doneKey", name == null ? "inbox.unassigned" : "inbox.assigned");
      redirect.addFlashAttribute("doneArg", name);
    } catch (InvalidRequestException e) {
      redirect.addFlashAttribute("problem", e.describe());
    }
    return "redirect:/inbox/bookings/" + id;
  }

  @GetMapping("/inbox/unmatched/{id}")
  String unmatched(@PathVariable long id, Model model) {
    model.addAttribute("message", inbox.unmatchedMessage(id));
    return "pages/inbox-unmatched";
  }

  @PostMapping("/inbox/unmatched/{id}/read")
  String unmatchedRead(@PathVariable long id, Authentication auth, RedirectAttributes redirect) {
    inbox.markUnmatchedRead(id, CurrentStaff.of(auth));
    redirect.addFlashAttribute("doneKey", "inbox.marked-read");
    return "redirect:/inbox/unmatched/" + id;
  }

  @GetMapping("/inbox/settings")
  String settings(Authentication auth, Model model) {
    model.addAttribute("contact", contacts.of(auth.getName()).orElseThrow());
    model.addAttribute("houses", inbox.houses());
    model.addAttribute("savedReplies", inbox.savedReplies());
    model.addAttribute("manager", CurrentStaff.of(auth).isManager());
    return "pages/inbox-settings";
  }

  @PostMapping("/inbox/settings/signature")
  String signature(
      @RequestParam(required = false) String displayName,
      @RequestParam(required = false) String signature,
      Authentication auth,
      RedirectAttributes redirect) {
    try {
      contacts.saveReplyIdentity(auth.getName(), displayName, signature);
      redirect.addFlashAttribute("doneKey", "inbox.signature-saved");
    } catch (InvalidRequestException e) {
      redirect.addFlashAttribute("problem", e.describe());
    }
    return "redirect:/inbox/settings";
  }

  @PostMapping("/inbox/settings/saved-replies")
  String addSavedReply(
      @RequestParam(required = false) Long propertyId,
      @RequestParam(required = false) String title,
      @RequestParam(required = false) String body,
      Authentication auth,
      RedirectAttributes redirect) {
    try {
      inbox.addSavedReply(propertyId, title, body, CurrentStaff.of(auth));
      redirect.addFlashAttribute("doneKey", "inbox.saved-reply-added");
    } catch (InvalidRequestException e) {
      redirect.addFlashAttribute("problem", e.describe());
    } catch (ForbiddenException e) {
      redirect.addFlashAttribute("problemKey", "inbox.saved-replies.managers");
    }
    return "redirect:/inbox/settings";
  }

  @PostMapping("/inbox/settings/saved-replies/{id}/delete")
  String deleteSavedReply(@PathVariable long id, Authentication auth, RedirectAttributes redirect) {
    try {
      inbox.deleteSavedReply(id, CurrentStaff.of(auth));
      redirect.addFlashAttribute("doneKey", "inbox.saved-reply-deleted");
    } catch (ForbiddenException e) {
      redirect.addFlashAttribute("problemKey", "inbox.saved-replies.managers");
    }
    return "redirect:/inbox/settings";
  }
}
