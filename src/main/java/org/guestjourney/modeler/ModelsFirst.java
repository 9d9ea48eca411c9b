package org.guestjourney.modeler;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Puts the journey models into the engine before anything can reach it: before the web server opens
 * its port (phase {@code Integer.MAX_VALUE - 2048}) and before the engine outbox sends (phase
 * {@code Integer.MAX_VALUE - 1000}).
 *
 * <p>Zeebe does not correlate a message published before its process was deployed to that process's
 * message start event. A booking taken, or an outbox entry left from before a restart, sent to an
 * engine that has not got its models yet (its first start, the in-memory log, a reset cluster)
 * would start no journey and nothing would say so. Deploying at {@code ApplicationStartedEvent}, as
 * before, came after both.
 */
@Component
class ModelsFirst implements SmartLifecycle {

  /** Before the web server and the engine outbox. */
  static final int PHASE = Integer.MAX_VALUE - 4096;

  private final JourneyModels models;
  private volatile boolean running;

  ModelsFirst(JourneyModels models) {
    this.models = models;
  }

  @Override
  public void start() {
    try {
      models.deployPackagedModels();
    } catch (IOException e) {
      throw new UncheckedIOException("The packaged journey models could not be read", e);
    }
    running = true;
  }

  @Override
  public void stop() {
    running = false;
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return PHASE;
  }
}
