package org.guestjourney.clock;

import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.guestjourney.runtime.EmbeddedRuntimeEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
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
  private static final Duration SETTLE_RECHECK = Duration.ofMillis(500);
  private static final Duration SETTLE_POLL = Duration.ofMillis(250);
  private static final Logger log = LoggerFactory.getLogger(TimeMachine.class);

  private final ZeebeTestEngine engine;
  private final ShiftableClock clock;
  private final JdbcClient jdbc;
  private final List<PlannedMoments> plannedMoments;
  private final List<DueWork> dueWork;
  private final Duration settleWithin;
  private final Duration settleAtMost;

  TimeMachine(
      ZeebeTestEngine engine,
      ShiftableClock clock,
      JdbcClient jdbc,
      List<PlannedMoments> plannedMoments,
      List<DueWork> dueWork,
      @Value("${guest-journey.time-machine.settle-within:PT20S}") Duration settleWithin,
      @Value("${guest-journey.time-machine.settle-at-most:PT10M}") Duration settleAtMost) {
    this.engine = engine;
    this.clock = clock;
    this.jdbc = jdbc;
    this.plannedMoments = plannedMoments;
    this.dueWork = dueWork;
    this.settleWithin = settleWithin;
    this.settleAtMost = settleAtMost;
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
   * after every planned moment and lets the engine and workers act, as they would in real time; at
   * each stop and at the end it waits until what fell due is done ({@link #settle}).
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
      settle(now);
    }
    Instant before = clock.instant();
    Duration rest = Duration.between(before, target);
    if (!rest.isNegative() && !rest.isZero()) {
      jump(rest);
      settle(before);
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
   * Waits until what fell due after {@code since} is done: the engine is idle, no due timer is
   * still waiting (its message not recorded yet) and no message is being sent. Bounded: it gives up
   * when nothing progressed (the engine idle and nothing more done) for {@code
   * guest-journey.time-machine.settle-within} (20 s), or after {@code
   * guest-journey.time-machine.settle-at-most} (10 minutes) in all, and says so in the log; while
   * things get done (a burst of messages draining) it keeps waiting.
   */
  public void settle(Instant since) throws InterruptedException {
    long started = System.nanoTime();
    long lastProgress = started;
    long least = Long.MAX_VALUE;
    idle();
    Instant now = clock.instant();
    List<DueWork.Unfinished> work = dueWork.stream().map(w -> w.unfinished(since, now)).toList();
    while (true) {
      boolean busy = !idle();
      long unfinished = remaining(work);
      if (unfinished == 0) {
        // what the engine is about to hand out: one more look after a moment
        Thread.sleep(SETTLE_RECHECK.toMillis());
        busy = !idle();
        unfinished = remaining(work);
        if (unfinished == 0) {
          return;
        }
      }
      long t = System.nanoTime();
      if (unfinished < least || busy) {
        least = Math.min(least, unfinished);
        lastProgress = t;
      }
      if (t - lastProgress > settleWithin.toNanos() || t - started > settleAtMost.toNanos()) {
        log.warn(
            "After moving time, {} things due are still not done ({} without progress, {} in"
                + " all); moving on",
            unfinished,
            Duration.ofNanos(t - lastProgress).withNanos(0),
            Duration.ofNanos(t - started).withNanos(0));
        return;
      }
      Thread.sleep(SETTLE_POLL.toMillis());
    }
  }

  private static long remaining(List<DueWork.Unfinished> work) {
    return work.stream().mapToLong(DueWork.Unfinished::remaining).sum();
  }

  /** Waits up to a second for the engine to be idle; false if it stayed busy (progress). */
  private boolean idle() throws InterruptedException {
    try {
      engine.waitForIdleState(Duration.ofSeconds(1));
      return true;
    } catch (java.util.concurrent.TimeoutException busy) {
      return false;
    }
  }

  public Instant now() {
    return clock.instant();
  }

  public Duration offset() {
    return clock.offset();
  }
}
