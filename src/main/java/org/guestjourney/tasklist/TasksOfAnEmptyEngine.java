package org.guestjourney.tasklist;

import java.time.Clock;
import org.guestjourney.runtime.EmbeddedEngineStart;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * When the embedded engine starts knowing no process of an earlier run (a {@code .data/} from
 * before the durable engine log, ADR 0022, or the in-memory log of tests), the staff tasks still
 * open in the database belong to jobs that are gone: they are cancelled, and every task's job key
 * retired, before any job worker opens (the engine hands out the same keys again). Nothing is
 * rebuilt; the log says how many tasks went. Does nothing on a cluster or on a durable engine that
 * continues from its log.
 */
@Component
class TasksOfAnEmptyEngine implements SmartInitializingSingleton {

  private static final Logger log = LoggerFactory.getLogger(TasksOfAnEmptyEngine.class);

  private final ObjectProvider<EmbeddedEngineStart> engineStart;
  private final StaffTaskRepository tasks;
  private final Clock clock;

  TasksOfAnEmptyEngine(
      ObjectProvider<EmbeddedEngineStart> engineStart, StaffTaskRepository tasks, Clock clock) {
    this.engineStart = engineStart;
    this.tasks = tasks;
    this.clock = clock;
  }

  @Override
  public void afterSingletonsInstantiated() {
    EmbeddedEngineStart start = engineStart.getIfAvailable();
    if (start == null || !start.startedEmpty()) {
      return;
    }
    int cancelled = tasks.cancelAllOpenAndRetireJobKeys(clock.instant());
    if (cancelled > 0) {
      log.warn(
          "The embedded engine started without the processes of an earlier run (its directory has"
              + " no engine log): {} open staff task(s) of that run were cancelled. Journeys that"
              + " were running then do not continue; see ADR 0022.",
          cancelled);
    }
  }
}
