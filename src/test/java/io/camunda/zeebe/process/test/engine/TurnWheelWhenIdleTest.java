package io.camunda.zeebe.process.test.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.process.test.engine.RocksDbEngineFactory.TurnWheelWhenIdle;
import io.camunda.zeebe.scheduler.ActorJob;
import io.camunda.zeebe.scheduler.ActorTimerQueue;
import io.camunda.zeebe.scheduler.TimerSubscription;
import io.camunda.zeebe.scheduler.clock.ActorClock;
import io.camunda.zeebe.scheduler.clock.ControlledActorClock;
import java.util.concurrent.TimeUnit;
import org.agrona.concurrent.NoOpIdleStrategy;
import org.junit.jupiter.api.Test;

/**
 * An actor thread's timer wheel looks at one of its 32 spokes per pass of the thread's loop, so a
 * timer that fell due while the thread paused waited for up to 32 more pauses. The embedded
 * engine's threads turn the wheel once round after every pause (ADR 0082).
 */
class TurnWheelWhenIdleTest {

  private static final long START = 1_000_000L;

  @Test
  void aTimerThatFellDueDuringAPauseExpiresRightAfterIt() {
    ControlledActorClock clock = at(START);
    ActorTimerQueue wheel = new ActorTimerQueue(clock);
    // 5 ms ahead: on the fifth spoke, while the wheel stands on the first
    Timer guide = new Timer(START + 5);
    wheel.schedule(guide, clock);
    clock.setCurrentTime(START + 100);
    clock.update();

    // the thread's own pass looks at one spoke and moves on by one: the timer stays
    wheel.processExpiredTimers(clock);
    assertThat(guide.expiredAt).as("expired by one pass of the loop").isZero();

    new TurnWheelWhenIdle(new NoOpIdleStrategy(), wheel, clock).idle();

    assertThat(guide.expiredAt).isEqualTo(START + 100);
  }

  @Test
  void aTimerNotYetDueStaysAfterThePause() {
    ControlledActorClock clock = at(START);
    ActorTimerQueue wheel = new ActorTimerQueue(clock);
    Timer later = new Timer(START + 5_000);
    wheel.schedule(later, clock);
    clock.setCurrentTime(START + 100);

    new TurnWheelWhenIdle(new NoOpIdleStrategy(), wheel, clock).idle();

    assertThat(later.expiredAt).isZero();
    clock.setCurrentTime(START + 5_000);
    new TurnWheelWhenIdle(new NoOpIdleStrategy(), wheel, clock).idle();
    assertThat(later.expiredAt).isEqualTo(START + 5_000);
  }

  private static ControlledActorClock at(long millis) {
    ControlledActorClock clock = new ControlledActorClock();
    clock.setCurrentTime(millis);
    clock.update();
    return clock;
  }

  /** A timer that notes when the wheel let it expire. */
  private static final class Timer implements TimerSubscription {
    private final long deadline;
    private long timerId;
    long expiredAt;

    Timer(long deadline) {
      this.deadline = deadline;
    }

    @Override
    public long getDeadline(ActorClock clock) {
      return deadline;
    }

    @Override
    public void onTimerExpired(TimeUnit unit, long now) {
      expiredAt = unit.toMillis(now);
    }

    @Override
    public long getTimerId() {
      return timerId;
    }

    @Override
    public void setTimerId(long id) {
      timerId = id;
    }

    @Override
    public long getTimerExpiredAt() {
      return expiredAt;
    }

    @Override
    public boolean poll() {
      return expiredAt > 0;
    }

    @Override
    public ActorJob getJob() {
      return null;
    }

    @Override
    public boolean isRecurring() {
      return false;
    }

    @Override
    public void onJobCompleted() {}

    @Override
    public void cancel() {}

    @Override
    public void submit() {}

    @Override
    public void run() {}
  }
}
