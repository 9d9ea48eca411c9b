package org.guestjourney.runtime;

import io.camunda.zeebe.process.test.engine.RocksDbEngineFactory.RocksDbEngine;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the durable engine log bounded (ADR 0021): every {@code interval} it deletes the log
 * segments whose records all lie below the position the engine last processed (its state holds what
 * they said). Does nothing when the engine's log is in memory.
 */
final class EngineLogCompaction implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EngineLogCompaction.class);

  private final ScheduledExecutorService executor;

  private EngineLogCompaction(ScheduledExecutorService executor) {
    this.executor = executor;
  }

  static EngineLogCompaction start(RocksDbEngine engine, Path scratch, Duration interval) {
    if (engine.durableLog().isEmpty()) {
      return new EngineLogCompaction(null);
    }
    ScheduledExecutorService executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "engine-log-compaction");
              thread.setDaemon(true);
              return thread;
            });
    long millis = interval.toMillis();
    executor.scheduleWithFixedDelay(
        () -> {
          try {
            int deleted = engine.compactLog(scratch);
            if (deleted > 0) {
              log.info(
                  "Engine log compacted: {} segment(s) deleted, {} bytes left",
                  deleted,
                  engine.durableLog().map(l -> l.sizeOnDisk()).orElse(0L));
            }
          } catch (Exception e) {
            log.warn("Engine log compaction failed; it is tried again in {}", interval, e);
          }
        },
        millis,
        millis,
        TimeUnit.MILLISECONDS);
    return new EngineLogCompaction(executor);
  }

  @Override
  public void close() throws InterruptedException {
    if (executor != null) {
      executor.shutdownNow();
      executor.awaitTermination(30, TimeUnit.SECONDS);
    }
  }
}
