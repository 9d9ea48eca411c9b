package org.guestjourney.survey;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.guestjourney.booking.BookingRepository;
import org.guestjourney.property.Property;
import org.guestjourney.property.PropertyRepository;
import org.guestjourney.web.PageLocale;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The guest's survey page, on their phone, without signing in: the link's token is the key. A
 * forged or expired link gets a friendly page and changes nothing. Every page is in the guest's
 * language and carries the house's name (and logo, if the house has one).
 */
@Controller
class SurveyPages {

  private final SurveyService surveys;
  private final BookingRepository bookings;
  private final PropertyRepository properties;
  private final java.time.Clock clock;

  SurveyPages(
      SurveyService surveys,
      BookingRepository bookings,
      PropertyRepository properties,
      java.time.Clock clock) {
    this.surveys = surveys;
    this.bookings = bookings;
    this.properties = properties;
    this.clock = clock;
  }

  /** The guest's language and house on the page. */
  private void brand(Invitation invitation, Model model, HttpServletRequest request) {
    PageLocale.use(request, invitation.language());
    Optional<Property> house =
        bookings.findById(invitation.bookingId()).flatMap(b -> properties.findById(b.propertyId()));
    model.addAttribute("house", house.map(Property::name).orElse(null));
    model.addAttribute("logoUrl", house.flatMap(h -> properties.logoUrl(h.id())).orElse(null));
  }

  @GetMapping("/survey/{token}")
  String survey(@PathVariable String token, Model model, HttpServletRequest request) {
    Optional<Invitation> found = surveys.find(token);
    Optional<Invitation> invitation = found.filter(i -> !i.expired(clock.instant()));
    if (invitation.isEmpty()) {
      return closed(found, model, request);
    }
    brand(invitation.get(), model, request);
    model.addAttribute("token", token);
    model.addAttribute("kind", invitation.get().kind().name());
    model.addAttribute("answered", invitation.get().answeredAt() != null);
    return "pages/survey";
  }

  private String closed(Optional<Invitation> found, Model model, HttpServletRequest request) {
    if (found.isPresent()) {
      brand(found.get(), model, request);
    } else {
      PageLocale.use(request, PageLocale.tag(PageLocale.fromBrowser(request)));
    }
    model.addAttribute("state", found.isPresent() ? "expired" : "invalid");
    return "pages/survey-closed";
  }

  @GetMapping("/survey/{token}/thanks")
  String thanks(@PathVariable String token, Model model, HttpServletRequest request) {
    Optional<Invitation> invitation = surveys.find(token);
    if (invitation.isEmpty()) {
      return closed(invitation, model, request);
    }
    brand(invitation.get(), model, request);
    model.addAttribute("followUp", surveys.followsUp(invitation.get()));
    return "pages/survey-thanks";
  }
}
