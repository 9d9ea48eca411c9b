package org.guestjourney.outbox;

import java.time.Duration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Writes engine commands in the caller's transaction; the dispatcher sends them after commit. */
@Component
public class EngineOutbox {

  /** A message published to the engine (name, correlation key, id, time to live). */
  public static final String PUBLISH_MESSAGE = "publish-message";

  private final JdbcClient jdbc;
  private final OutboxDispatcher dispatcher;

  EngineOutbox(JdbcClient jdbc, OutboxDispatcher dispatcher) {
    this.jdbc = jdbc;
    this.dispatcher = dispatcher;
  }

  /** An entry for the {@link OutboxHandler} of {@code kind}, about a booking. */
  @Transactional(propagation = Propagation.MANDATORY)
  public void add(String kind, long bookingId) {
    jdbc.sql("insert into engine_outbox (kind, booking_id) values (?, ?)")
        .params(kind, bookingId)
        .update();
    wakeDispatcherAfterCommit();
  }

  /**
   * An entry for the {@link OutboxHandler} of {@code kind}, about {@code subjectId} (a guest
   * request, an inquiry, a conversation) and, where there is one, its booking.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public void add(String kind, Long bookingId, long subjectId) {
    jdbc.sql("insert into engine_outbox (kind, booking_id, subject_id) values (?, ?, ?)")
        .params(kind, bookingId, subjectId)
        .update();
    wakeDispatcherAfterCommit();
  }

  /**
   * A message to publish. Adding the same {@code messageId} again adds nothing: it is one message.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public void publishMessage(
      String messageName,
      String correlationKey,
      String messageId,
      Duration timeToLive,
      Long bookingId) {
    jdbc.sql(
            """
            insert into engine_outbox
              (kind, booking_id, message_name, correlation_key, message_id, time_to_live_ms)
            values (?, ?, ?, ?, ?, ?)
            on conflict (message_id) do nothing
            """)
        .params(
            PUBLISH_MESSAGE,
            bookingId,
            messageName,
            correlationKey,
            messageId,
            timeToLive.toMillis())
        .update();
    wakeDispatcherAfterCommit();
  }

  private void wakeDispatcherAfterCommit() {
    TransactionSynchronizationManager.registerSynchronization(
        new TransactionSynchronization() {
          @Override
          public void afterCommit() {
            dispatcher.wake(); // a signal only: the request thread does not wait for the send
          }
        });
  }
}
