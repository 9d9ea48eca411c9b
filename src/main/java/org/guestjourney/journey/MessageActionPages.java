package org.guestjourney.journey;

import org.guestjourney.messaging.DeliveryState;
import org.guestjourney.messaging.MessageDelivery;
import org.guestjourney.web.ConflictException;
import org.guestjourney.web.InvalidRequestException;
import org.guestjourney.web.NotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The buttons on the journey pages that change a guest's automatic messages. */
@Controller
class MessageActionPages {

  private final StaffMessageActions actions;

  private final org.guestjourney.web.StaffWords words;

  MessageActionPages(StaffMessageActions actions, org.guestjourney.web.StaffWords words) {
    this.actions = actions;
    this.words = words;
  }

  @PostMapping("/bookings/{id}/automation/pause")
  String pause(
      @PathVariable long id,
      @RequestParam(required = false) String note,
      Authentication staff,
      RedirectAttributes redirect) {
    try {
      actions.pause(id, staff.getName(), note);
      redirect.addFlashAttribute("automation", words.say("flash.automation.paused"));
    } catch (InvalidRequestException e) {
      redirect.addFlashAttribute("automation", e.describe());
    }
    return "redirect:/bookings/" + id;
  }

  @PostMapping("/bookings/{id}/automation/resume")
  String resume(@PathVariable long id, RedirectAttributes redirect) {
    actions.resume(id);
    redirect.addFlashAttribute("automation", words.say("flash.automation.resumed"));
    return "redirect:/bookings/" + id;
  }

  @PostMapping("/messages/{id}/edit")
  String edit(
      @PathVariable long id,
      @RequestParam(required = false) String subject,
      @RequestParam(required = false) String text,
      Authentication staff,
      RedirectAttributes redirect) {
    try {
      actions.edit(id, subject, text, staff.getName());
      redirect.addFlashAttribute("logged", words.say("flash.message.saved"));
    } catch (InvalidRequestException e) {
      redirect.addFlashAttribute("problem", e.describe());
      redirect.addFlashAttribute("draftText", text);
      redirect.addFlashAttribute("draftSubject", subject);
    } catch (ConflictException e) {
      redirect.addFlashAttribute("problem", e.getMessage());
    }
    return "redirect:/messages/" + id;
  }

  @PostMapping("/messages/{id}/send-now")
  String sendNow(@PathVariable long id, Authentication staff, RedirectAttributes redirect) {
    try {
      MessageDelivery after = actions.sendNow(id, staff.getName());
      if (after.state() == DeliveryState.SENT) {
        redirect.addFlashAttribute(
            "logged", words.say("flash.message.sent", words.reason(after.reason())));
      } else {
        redirect.addFlashAttribute(
            "problem",
            words.say(
                "flash.message.notsent",
                after.reason() == null
                    ? words.say("plan.state." + after.state().name().toLowerCase())
                    : words.reason(after.reason())));
      }
    } catch (ConflictException e) {
      redirect.addFlashAttribute("problem", e.getMessage());
    }
    return "redirect:/messages/" + id;
  }

  @ExceptionHandler(NotFoundException.class)
  @ResponseStatus(HttpStatus.NOT_FOUND)
  String notFound(NotFoundException e, Model model) {
    model.addAttribute("message", e.getMessage());
    return "pages/not-found";
  }
}
