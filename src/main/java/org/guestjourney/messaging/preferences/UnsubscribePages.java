package org.guestjourney.messaging.preferences;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.Optional;
import org.guestjourney.messaging.Unsubscribes;
import org.guestjourney.property.Property;
import org.guestjourney.property.PropertyRepository;
import org.guestjourney.web.PageLocale;
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
  private final PropertyRepository properties;
  private final Clock clock;

  UnsubscribePages(Unsubscribes unsubscribes, PropertyRepository properties, Clock clock) {
    this.unsubscribes = unsubscribes;
    this.properties = properties;
    this.clock = clock;
  }

  /**
   * The page speaks the language of the e-mail the link came in ({@code lang}) and names its house
   * ({@code house}); both are only shown once the token is genuine, and change nothing.
   */
  private void brand(String lang, Long house, Model model, HttpServletRequest request) {
    PageLocale.use(request, lang == null ? PageLocale.tag(PageLocale.fromBrowser(request)) : lang);
    model.addAttribute("lang", lang == null ? null : PageLocale.tag(PageLocale.of(lang)));
    Optional<Property> property = house == null ? Optional.empty() : properties.findById(house);
    model.addAttribute("houseId", property.map(Property::id).orElse(null));
    model.addAttribute("house", property.map(Property::name).orElse(null));
    model.addAttribute("logoUrl", property.flatMap(p -> properties.logoUrl(p.id())).orElse(null));
  }

  @GetMapping("/unsubscribe/{token}")
  String preferences(
      @PathVariable String token,
      @RequestParam(required = false) String lang,
      @RequestParam(required = false) Long house,
      @RequestParam(required = false) String saved,
      Model model,
      HttpServletRequest request) {
    Optional<String> address = unsubscribes.addressOf(token);
    if (address.isEmpty()) {
      brand(lang, null, model, request);
      return invalid(model);
    }
    brand(lang, house, model, request);
    model.addAttribute("saved", saved != null);
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
  String choose(
      @PathVariable String token,
      @RequestParam String choice,
      @RequestParam(required = false) String lang,
      @RequestParam(required = false) Long house,
      Model model,
      HttpServletRequest request) {
    Optional<String> address = unsubscribes.addressOf(token);
    if (address.isEmpty()) {
      brand(lang, null, model, request);
      return invalid(model);
    }
    if ("resubscribe".equals(choice)) {
      unsubscribes.resubscribe(address.get());
    } else {
      unsubscribes.unsubscribe(address.get(), clock.instant());
    }
    return "redirect:"
        + org.springframework.web.util.UriComponentsBuilder.fromPath("/unsubscribe/{token}")
            .queryParam("saved", "")
            .queryParamIfPresent(
                "lang", Optional.ofNullable(lang).map(PageLocale::of).map(PageLocale::tag))
            .queryParamIfPresent("house", Optional.ofNullable(house))
            .buildAndExpand(token)
            .toUriString();
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
