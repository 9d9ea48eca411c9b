package org.guestjourney.clock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** The system clock plus an offset that only grows: time can be moved forward, never back. */
public final class ShiftableClock extends Clock {

  private final Clock base;
  private volatile Duration offset = Duration.ZERO;

  public ShiftableClock(Clock base) {
    this.base = base;
  }

  public static ShiftableClock systemUtc() {
    return new ShiftableClock(Clock.systemUTC());
  }

  public Duration offset() {
    return offset;
  }

  synchronized void setOffset(Duration newOffset) {
    if (newOffset.isNegative()) {
      throw new IllegalArgumentException("The clock cannot be set behind real time");
    }
    this.offset = newOffset;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("The application clock is always UTC");
  }

  @Override
  public Instant instant() {
    return base.instant().plus(offset);
  }
}
