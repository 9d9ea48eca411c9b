package org.guestjourney.conversation;

import java.util.List;
import org.guestjourney.security.CurrentStaff;
import org.guestjourney.web.ConflictException;
import org.guestjourney.web.InvalidRequestException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The reply box under a guest's conversation on the booking page. */
@Controller
class ConversationPages {

  private final ConversationService conversations;

  ConversationPages(ConversationService conversations) {
    this.conversations = conversations;
  }

  @PostMapping("/bookings/{id}/conversation")
  String reply(
      @PathVariable long id,
      @RequestParam(required = false) String text,
      @RequestParam(required = false) String formKey,
      @RequestParam(name = "replaces", required = false) List<Long> replaces,
      Authentication staff,
      RedirectAttributes redirect) {
    try {
      redirect.addFlashAttribute(
          "replied",
          conversations.replyByHand(id, text, CurrentStaff.of(staff), formKey, replaces));
    } catch (InvalidRequestException e) {
      redirect.addFlashAttribute("replyProblem", e.describe());
      redirect.addFlashAttribute("replyDraft", text);
    } catch (ConflictException e) {
      redirect.addFlashAttribute("replyProblem", e.getMessage());
      redirect.addFlashAttribute("replyDraft", text);
    }
    return "redirect:/bookings/" + id + "#conversation";
  }
}
