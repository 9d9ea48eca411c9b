package org.guestjourney.clock;

import java.time.Instant;

/**
 * Tells the time machine what moving the clock made due and is not done yet, so that it waits for
 * it instead of moving on (a message skipped as stale because the engine was busy is a demo that
 * lies).
 */
public interface DueWork {

  /**
   * What fell due after {@code since} and not after {@code now} and is still waiting (its timer has
   * not fired, or its job has not run) or being done (a message being sent). Looked up once; the
   * time machine then asks {@link Unfinished#remaining()} again and again while it waits.
   */
  Unfinished unfinished(Instant since, Instant now);

  /** What is not done yet of one clock move. */
  @FunctionalInterface
  interface Unfinished {
    long remaining();
  }
}
