package org.guestjourney.clock;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.guestjourney.runtime.EmbeddedRuntimeEnvironment;
import org.guestjourney.web.ApiController;
import org.guestjourney.web.InvalidRequestException;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * {@code POST /api/time/advance {"by": "P1D"}} moves the embedded default's clocks forward. Not
 * present when running against a real cluster, where time is real.
 */
@ApiController
@RequestMapping("/api/time")
@ConditionalOnProperty(name = EmbeddedRuntimeEnvironment.EMBEDDED_ENGINE, havingValue = "true")
class TimeController {

  private final TimeMachine timeMachine;

  TimeController(TimeMachine timeMachine) {
    this.timeMachine = timeMachine;
  }

  record AdvanceRequest(String by) {}

  record Now(Instant now, String aheadOfRealTime) {}

  @GetMapping
  Now now() {
    return new Now(timeMachine.now(), timeMachine.offset().toString());
  }

  @PostMapping("/advance")
  Now advance(@RequestBody AdvanceRequest request) throws InterruptedException {
    timeMachine.advance(parse(request.by()));
    return now();
  }

  static Duration parse(String by) {
    if (by == null || by.isBlank()) {
      throw InvalidRequestException.of("by", "is required, e.g. PT1H or P1D");
    }
    try {
      Duration d = Duration.parse(by.strip().toUpperCase());
      if (d.isNegative() || d.isZero()) {
        throw InvalidRequestException.of("by", "must be positive: time only moves forward");
      }
      if (d.compareTo(TimeMachine.MAX_STEP) > 0) {
        throw InvalidRequestException.of(
            "by", "must be at most " + TimeMachine.MAX_STEP.toDays() + " days");
      }
      return d;
    } catch (DateTimeParseException e) {
      throw InvalidRequestException.of("by", "must be an ISO-8601 duration such as PT1H or P3D");
    }
  }
}
