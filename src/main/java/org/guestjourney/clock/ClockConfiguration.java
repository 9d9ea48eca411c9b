package org.guestjourney.clock;

import java.time.Clock;
import org.guestjourney.runtime.EmbeddedRuntimeEnvironment;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ClockConfiguration {

  /** With the embedded engine the clock can be moved forward, in step with the engine. */
  @Bean
  @ConditionalOnProperty(name = EmbeddedRuntimeEnvironment.EMBEDDED_ENGINE, havingValue = "true")
  ShiftableClock shiftableClock() {
    return ShiftableClock.systemUtc();
  }

  /** Against a real cluster time is real time. */
  @Bean
  @ConditionalOnProperty(
      name = EmbeddedRuntimeEnvironment.EMBEDDED_ENGINE,
      havingValue = "false",
      matchIfMissing = true)
  Clock systemClock() {
    return Clock.systemUTC();
  }
}
