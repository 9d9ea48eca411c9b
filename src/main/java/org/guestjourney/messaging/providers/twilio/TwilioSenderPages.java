package org.guestjourney.messaging.providers.twilio;

import org.guestjourney.web.InvalidRequestException;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The form of the SMS and WhatsApp section on a property's settings page (managers only, like the
 * page). Leaving the account empty goes back to the installation's account.
 */
@Controller
class TwilioSenderPages {

  private final TwilioAccounts accounts;

  TwilioSenderPages(TwilioAccounts accounts) {
    this.accounts = accounts;
  }

  @PostMapping("/properties/{id}/twilio")
  String save(
      @PathVariable long id,
      @RequestParam(required = false) String accountSid,
      @RequestParam(required = false) String smsFrom,
      @RequestParam(required = false) String whatsappFrom,
      @RequestParam(required = false) String messagingServiceSid,
      RedirectAttributes redirect) {
    try {
      if (accountSid == null || accountSid.isBlank()) {
        accounts.remove(id);
        redirect.addFlashAttribute(
            "sectionResult", "SMS and WhatsApp go through the installation's Twilio account.");
      } else {
        accounts.save(
            id,
            new TwilioSenderApi.SenderSettings(
                accountSid, smsFrom, whatsappFrom, messagingServiceSid));
        redirect.addFlashAttribute(
            "sectionResult", "SMS and WhatsApp go through this house's own Twilio account.");
      }
    } catch (InvalidRequestException e) {
      redirect.addFlashAttribute("problem", e.describe());
    }
    return "redirect:/properties/" + id + "/settings";
  }
}
