package org.guestjourney.messaging.preferences;

import java.time.Clock;
import java.util.Optional;
import org.guestjourney.messaging.Unsubscribes;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * The guest's e-mail preferences, reached from the link in every survey or review e-mail. {@code
 * POST} to the same link is the RFC 8058 one-click unsubscribe mail clients send (body {@code
 * List-Unsubscribe=One-Click}): it needs no further interaction. A forged or damaged link changes
 * nothing and gets a friendly page.
 */
@Controller
class UnsubscribePages {

  private final Unsubscribes unsubscribes;
  private final Clock clock;

  UnsubscribePages(Unsubscribes unsubscribes, Clock clock) {
    this.unsubscribes = unsubscribes;
    this.clock = clock;
  }

  @GetMapping("/unsubscribe/{token}")
  String preferences(@PathVariable String token, Model model) {
    Optional<String> address = unsubscribes.addressOf(token);
    if (address.isEmpty()) {
      return invalid(model);
    }
    model.addAttribute("token", token);
    model.addAttribute("address", address.get());
    model.addAttribute("unsubscribed", unsubscribes.isUnsubscribed(address.get()));
    return "pages/preferences";
  }

  /** One click from the mail client, or the button on the page. */
  @PostMapping(value = "/unsubscribe/{token}", params = "List-Unsubscribe")
  @ResponseBody
  String oneClick(@PathVariable String token) {
    Optional<String> address = unsubscribes.addressOf(token);
    if (address.isEmpty()) {
      throw new UnknownLink();
    }
    unsubscribes.unsubscribe(address.get(), clock.instant());
    return "Unsubscribed";
  }

  @PostMapping(value = "/unsubscribe/{token}", params = "choice")
  String choose(@PathVariable String token, @RequestParam String choice, Model model) {
    Optional<String> address = unsubscribes.addressOf(token);
    if (address.isEmpty()) {
      return invalid(model);
    }
    if ("resubscribe".equals(choice)) {
      unsubscribes.resubscribe(address.get());
    } else {
      unsubscribes.unsubscribe(address.get(), clock.instant());
    }
    return "redirect:/unsubscribe/" + token + "?saved";
  }

  private String invalid(Model model) {
    model.addAttribute("invalid", true);
    return "pages/preferences";
  }

  @ResponseStatus(HttpStatus.NOT_FOUND)
  static class UnknownLink extends RuntimeException {
    UnknownLink() {
      super("This link is not valid");
    }
  }
}
