package org.guestjourney.clock;

import java.time.Duration;
import java.util.Set;
import org.guestjourney.runtime.EmbeddedRuntimeEnvironment;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The "advance time" buttons of the embedded default's pages. */
@Controller
@ConditionalOnProperty(name = EmbeddedRuntimeEnvironment.EMBEDDED_ENGINE, havingValue = "true")
class TimePages {

  /** A path of ours: no scheme, no other host, no CR/LF or other characters to inject headers. */
  private static final java.util.regex.Pattern SAFE_BACK =
      java.util.regex.Pattern.compile("/(?!/)[A-Za-z0-9/_.~?=&%-]{0,300}");

  private static final Set<String> STEPS = Set.of("PT1H", "PT6H", "P1D", "P3D", "P7D");

  private final TimeMachine timeMachine;

  TimePages(TimeMachine timeMachine) {
    this.timeMachine = timeMachine;
  }

  @PostMapping("/time/advance")
  String advance(@RequestParam String by, @RequestParam(defaultValue = "/") String back)
      throws InterruptedException {
    if (STEPS.contains(by)) {
      // waits until what fell due is done (TimeMachine#settle)
      timeMachine.advance(Duration.parse(by));
    }
    // only ever go back to a page of ours
    return "redirect:" + (SAFE_BACK.matcher(back).matches() ? back : "/");
  }
}
