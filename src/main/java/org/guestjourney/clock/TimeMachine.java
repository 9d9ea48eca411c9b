package org.guestjourney.clock;

import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.guestjourney.runtime.EmbeddedRuntimeEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Moves time forward in the embedded default: the engine's clock (timers fire) and the application
 * clock (send-time rules) move together, and the offset is stored so that a restart continues at
 * the same simulated moment.
 */
@Service
@ConditionalOnProperty(name = EmbeddedRuntimeEnvironment.EMBEDDED_ENGINE, havingValue = "true")
public class TimeMachine {

  public static final Duration MAX_STEP = Duration.ofDays(400);
  private static final Duration STOP_AFTER = Duration.ofSeconds(1);
  private static final int MAX_STOPS = 500;
  private static final Logger log = LoggerFactory.getLogger(TimeMachine.class);

  private final ZeebeTestEngine engine;
  private final ShiftableClock clock;
  private final JdbcClient jdbc;
  private final List<PlannedMoments> plannedMoments;

  TimeMachine(
      ZeebeTestEngine engine,
      ShiftableClock clock,
      JdbcClient jdbc,
      List<PlannedMoments> plannedMoments) {
    this.engine = engine;
    this.clock = clock;
    this.jdbc = jdbc;
    this.plannedMoments = plannedMoments;
    Duration stored =
        Duration.ofMillis(
            jdbc.sql("select offset_millis from app_clock where id = 1")
                .query(Long.class)
                .single());
    if (!stored.isZero()) {
      engine.increaseTime(stored);
      clock.setOffset(stored);
      log.info("Application and engine clocks resumed {} ahead of real time", stored);
    }
  }

  /**
   * Moves both clocks forward by {@code step} and returns the new "now". On the way it stops just
   * after every planned moment and lets the engine and workers act, as they would in real time.
   */
  public synchronized Instant advance(Duration step) throws InterruptedException {
    if (step.isNegative() || step.isZero()) {
      throw new IllegalArgumentException("Time only moves forward");
    }
    if (step.compareTo(MAX_STEP) > 0) {
      throw new IllegalArgumentException("Move time by at most " + MAX_STEP.toDays() + " days");
    }
    Instant target = clock.instant().plus(step);
    for (int stops = 0; stops < MAX_STOPS; stops++) {
      Instant now = clock.instant();
      Optional<Instant> next =
          plannedMoments.stream()
              .map(p -> p.nextBetween(now, target))
              .flatMap(Optional::stream)
              .min(Instant::compareTo);
      if (next.isEmpty()) {
        break;
      }
      Instant stop = next.get().plus(STOP_AFTER);
      if (!stop.isBefore(target)) {
        break;
      }
      jump(Duration.between(now, stop));
      settle();
    }
    Duration rest = Duration.between(clock.instant(), target);
    if (!rest.isNegative() && !rest.isZero()) {
      jump(rest);
    }
    return clock.instant();
  }

  /** Moves both clocks forward in one go, without stopping on the way. */
  @Transactional
  public synchronized Instant jump(Duration step) {
    if (step.isNegative() || step.isZero()) {
      throw new IllegalArgumentException("Time only moves forward");
    }
    Duration newOffset = clock.offset().plus(step);
    jdbc.sql("update app_clock set offset_millis = ? where id = 1")
        .param(newOffset.toMillis())
        .update();
    clock.setOffset(newOffset);
    engine.increaseTime(step);
    log.info("Time moved forward by {}; now {}", step, clock.instant());
    return clock.instant();
  }

  /**
   * Gives the engine and the workers a moment to act on what moving time triggered, so that a page
   * shown right after shows the result. Best effort: never waits more than a few seconds.
   */
  public void settle() throws InterruptedException {
    try {
      engine.waitForIdleState(Duration.ofSeconds(3));
      Thread.sleep(700);
      engine.waitForIdleState(Duration.ofSeconds(3));
    } catch (java.util.concurrent.TimeoutException e) {
      log.debug("Engine still busy after moving time; the page may need a refresh");
    }
  }

  public Instant now() {
    return clock.instant();
  }

  public Duration offset() {
    return clock.offset();
  }
}
