package org.guestjourney.outbox;

import io.camunda.client.CamundaClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Sends what the outbox holds to the engine, on one thread per replica plus a bounded pool for the
 * engine calls. A batch is claimed in one short statement ({@code FOR UPDATE SKIP LOCKED}, so
 * replicas never claim the same row, and a lease instead of a held lock); the engine is called with
 * no database connection held; a sent command is deleted, a failed one waits with backoff.
 */
@Component
public class OutboxDispatcher implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);

  private final JdbcClient jdbc;
  private final CamundaClient client;
  private final OutboxProperties properties;
  private final ObjectProvider<OutboxHandler> handlerBeans;
  private final Semaphore wakeUp = new Semaphore(0);
  private volatile Map<String, OutboxHandler> handlers;
  private volatile boolean running;
  private volatile boolean paused;
  private Thread loop;
  private ExecutorService senders;

  OutboxDispatcher(
      JdbcClient jdbc,
      CamundaClient client,
      OutboxProperties properties,
      ObjectProvider<OutboxHandler> handlerBeans) {
    this.jdbc = jdbc;
    this.client = client;
    this.properties = properties;
    this.handlerBeans = handlerBeans;
  }

  /** Something was written: look now instead of at the next poll. */
  void wake() {
    wakeUp.release();
  }

  @Override
  public void start() {
    handlers =
        handlerBeans.stream().collect(Collectors.toMap(OutboxHandler::kind, Function.identity()));
    senders =
        Executors.newFixedThreadPool(
            properties.concurrency(), Thread.ofPlatform().name("outbox-send-", 0).factory());
    running = true;
    loop = Thread.ofPlatform().name("outbox-dispatcher").daemon().start(this::run);
  }

  @Override
  public void stop() {
    running = false;
    wake();
    try {
      if (loop != null) {
        loop.join(Duration.ofSeconds(10));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    senders.shutdownNow();
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /**
   * After the journey models are in the engine ({@code modeler.ModelsFirst}, phase {@code
   * Integer.MAX_VALUE - 4096}) and after the web server (phase {@code Integer.MAX_VALUE - 2048});
   * stopped first.
   */
  @Override
  public int getPhase() {
    return Integer.MAX_VALUE - 1000;
  }

  /** For tests: hold the commands in the outbox until {@link #resume()}. */
  void pause() {
    paused = true;
  }

  void resume() {
    paused = false;
    wake();
  }

  private void run() {
    while (running) {
      try {
        wakeUp.tryAcquire(properties.pollEvery().toMillis(), TimeUnit.MILLISECONDS);
        wakeUp.drainPermits();
        while (running && !paused && dispatchBatch() == properties.batchSize()) {
          // a full batch: there may be more
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        log.warn("Engine outbox: could not read pending commands: {}", e.getMessage());
      }
    }
  }

  /** Claims up to a batch, sends it, and returns how many were claimed. */
  int dispatchBatch() throws InterruptedException {
    List<OutboxEntry> batch = claim(properties.batchSize());
    List<Future<?>> sends =
        batch.stream().<Future<?>>map(e -> senders.submit(() -> sendOne(e))).toList();
    for (Future<?> send : sends) {
      try {
        send.get();
      } catch (java.util.concurrent.ExecutionException e) {
        log.warn("Engine outbox: unexpected failure", e.getCause());
      }
    }
    return batch.size();
  }

  /** One statement, no transaction held: rows locked by another replica are skipped. */
  List<OutboxEntry> claim(int limit) {
    return jdbc
        .sql(
            """
            update engine_outbox o
               set attempts = o.attempts + 1,
                   next_attempt_at = now() + make_interval(secs => :lease)
             where o.id in (select id from engine_outbox
                             where next_attempt_at <= now()
                             order by id limit :limit
                             for update skip locked)
            returning o.*
            """)
        .param("lease", properties.lease().toSeconds())
        .param("limit", limit)
        .query(
            (rs, n) ->
                new OutboxEntry(
                    rs.getLong("id"),
                    rs.getString("kind"),
                    rs.getObject("booking_id", Long.class),
                    rs.getString("message_name"),
                    rs.getString("correlation_key"),
                    rs.getString("message_id"),
                    rs.getObject("time_to_live_ms") == null
                        ? null
                        : Duration.ofMillis(rs.getLong("time_to_live_ms")),
                    rs.getObject("subject_id", Long.class),
                    rs.getInt("attempts")))
        .list()
        .stream()
        .sorted(java.util.Comparator.comparingLong(OutboxEntry::id))
        .toList();
  }

  private void sendOne(OutboxEntry entry) {
    try {
      if (EngineOutbox.PUBLISH_MESSAGE.equals(entry.kind())) {
        publish(entry);
      } else {
        OutboxHandler handler = handlers.get(entry.kind());
        if (handler == null) {
          throw new IllegalStateException("no handler for outbox entries of kind " + entry.kind());
        }
        handler.send(entry);
      }
      jdbc.sql("delete from engine_outbox where id = ?").param(entry.id()).update();
    } catch (RuntimeException e) {
      Duration wait = backoff(entry.attempts());
      log.warn(
          "Engine command {} ({} of booking {}) failed on attempt {}; retrying in {}: {}",
          entry.id(),
          entry.messageName() != null ? entry.messageName() : entry.kind(),
          entry.bookingId(),
          entry.attempts(),
          wait,
          e.getMessage());
      jdbc.sql(
              """
              update engine_outbox
                 set next_attempt_at = now() + make_interval(secs => ?), last_error = ?
               where id = ?
              """)
          .params(wait.toMillis() / 1000.0, String.valueOf(e.getMessage()), entry.id())
          .update();
    }
  }

  private void publish(OutboxEntry entry) {
    EngineMessages.publishOnce(
        client,
        entry.messageName(),
        entry.correlationKey(),
        entry.messageId(),
        entry.timeToLive(),
        Map.of());
  }

  Duration backoff(int attempts) {
    Duration wait = properties.retryBackoff().multipliedBy(1L << Math.min(attempts - 1, 20));
    return wait.compareTo(properties.maxBackoff()) > 0 ? properties.maxBackoff() : wait;
  }
}
