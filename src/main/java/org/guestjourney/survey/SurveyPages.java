package org.guestjourney.survey;

import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The guest's survey page, on their phone, without signing in: the link's token is the key. A
 * forged or expired link gets a friendly page and changes nothing.
 */
@Controller
class SurveyPages {

  private final SurveyService surveys;
  private final java.time.Clock clock;

  SurveyPages(SurveyService surveys, java.time.Clock clock) {
    this.surveys = surveys;
    this.clock = clock;
  }

  @GetMapping("/survey/{token}")
  String survey(@PathVariable String token, Model model) {
    Optional<Invitation> invitation = surveys.find(token).filter(i -> !i.expired(clock.instant()));
    if (invitation.isEmpty()) {
      model.addAttribute("state", surveys.find(token).isPresent() ? "expired" : "invalid");
      return "pages/survey-closed";
    }
    model.addAttribute("token", token);
    model.addAttribute("zh", "zh-CN".equals(invitation.get().language()));
    model.addAttribute("answered", invitation.get().answeredAt() != null);
    return "pages/survey";
  }

  @GetMapping("/survey/{token}/thanks")
  String thanks(@PathVariable String token, Model model) {
    model.addAttribute(
        "zh", surveys.find(token).map(i -> "zh-CN".equals(i.language())).orElse(false));
    return "pages/survey-thanks";
  }
}
