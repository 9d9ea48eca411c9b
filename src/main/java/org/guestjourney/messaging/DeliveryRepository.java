package org.guestjourney.messaging;

import static org.guestjourney.persistence.JdbcTime.instant;
import static org.guestjourney.persistence.JdbcTime.ts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.guestjourney.privacy.ContactCipher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Delivery records and their history. Every state change and its history event are one SQL
 * statement (a data-modifying {@code with}): either both are stored or neither, and a change whose
 * condition no longer holds (another worker, a cancellation or a date change got there first) is a
 * no-op that writes no event. The outcome of a send is fenced by its attempt number: only the
 * attempt that holds the claim can record it (ADR 0040).
 */
@Repository
class DeliveryRepository {

  private static final Logger log = LoggerFactory.getLogger(DeliveryRepository.class);
  private static final Duration DATABASE_RETRY = Duration.ofMillis(500);

  private final JdbcClient jdbc;
  private final MessagingProperties settings;
  private final ContactCipher cipher;

  DeliveryRepository(JdbcClient jdbc, MessagingProperties settings, ContactCipher cipher) {
    this.jdbc = jdbc;
    this.settings = settings;
    this.cipher = cipher;
  }

  /** Inserts the planned message unless one with the same key exists; true if inserted. */
  boolean insertIfAbsent(long bookingId, PlannedMessage planned, ChannelType channel, Instant now) {
    DeliveryState state =
        planned.skipReason() == null ? DeliveryState.SCHEDULED : DeliveryState.SKIPPED;
    return jdbc.sql(
                """
                with d as (
                  insert into message_delivery (booking_id, step, step_label, purpose,
                    waits_for_quiet_hours, idempotency_key, channel,
                    planned_at, state, reason, created_at, updated_at)
                  values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                  on conflict (idempotency_key) do nothing
                  returning id, state)
                insert into message_delivery_event (delivery_id, state, reason, occurred_at)
                select id, state, ?::text, ?::timestamptz from d
                """)
            .params(
                bookingId,
                planned.step().code(),
                planned.step().label(),
                planned.step().purpose().code(),
                planned.step().waitsForQuietHours(),
                planned.idempotencyKey(),
                channel.name(),
                ts(planned.plannedAt()),
                state.name(),
                planned.skipReason(),
                ts(now),
                ts(now),
                state == DeliveryState.SCHEDULED ? "Planned" : planned.skipReason(),
                ts(now))
            .update()
        == 1;
  }

  /** Like {@link #insertIfAbsent} for a message of an inquiry (no booking). */
  boolean insertIfAbsentForInquiry(
      long inquiryId, PlannedMessage planned, ChannelType channel, Instant now) {
    return jdbc.sql(
                """
                with d as (
                  insert into message_delivery (inquiry_id, step, idempotency_key, channel,
                    planned_at, state, reason, created_at, updated_at)
                  values (?, ?, ?, ?, ?, 'SCHEDULED', null, ?, ?)
                  on conflict (idempotency_key) do nothing
                  returning id)
                insert into message_delivery_event (delivery_id, state, reason, occurred_at)
                select id, 'SCHEDULED', 'Planned', ?::timestamptz from d
                """)
            .params(
                inquiryId,
                planned.step().code(),
                planned.idempotencyKey(),
                channel.name(),
                ts(planned.plannedAt()),
                ts(now),
                ts(now),
                ts(now))
            .update()
        == 1;
  }

  List<MessageDelivery> findByInquiry(long inquiryId) {
    return jdbc.sql("select * from message_delivery where inquiry_id = ? order by planned_at, id")
        .param(inquiryId)
        .query(this::map)
        .list();
  }

  Optional<MessageDelivery> findByKey(String key) {
    return jdbc.sql("select * from message_delivery where idempotency_key = ?")
        .param(key)
        .query(this::map)
        .optional();
  }

  Optional<MessageDelivery> findById(long id) {
    return jdbc.sql("select * from message_delivery where id = ?")
        .param(id)
        .query(this::map)
        .optional();
  }

  List<MessageDelivery> findByBooking(long bookingId) {
    return jdbc.sql("select * from message_delivery where booking_id = ? order by planned_at, id")
        .param(bookingId)
        .query(this::map)
        .list();
  }

  List<DeliveryEvent> history(long deliveryId) {
    return jdbc.sql(
            "select state, reason, occurred_at from message_delivery_event where delivery_id = ? order by id")
        .param(deliveryId)
        .query(
            (rs, n) ->
                new DeliveryEvent(
                    DeliveryState.valueOf(rs.getString("state")),
                    rs.getString("reason"),
                    rs.getTimestamp("occurred_at").toInstant()))
        .list();
  }

  /**
   * Takes the message for sending and returns the attempt number that now holds it, the fencing
   * token {@link #markSent}, {@link #markFailed} and {@link #markRejected} must present. Succeeds
   * for one caller only: a message that is scheduled or failed (not refused for good), or whose
   * previous attempt's lease ran out without an outcome. In that last case the previous attempt may
   * have reached the provider (the app was killed, or the call outlived its lease); the history
   * says so.
   */
  OptionalInt claim(long id, Instant now, Instant leaseUntil) {
    Optional<Integer> attempt =
        jdbc.sql(
                """
                with prev as (
                  select id, state as was from message_delivery where id = ? for update),
                claimed as (
                  update message_delivery d
                     set state = 'SENDING', claimed_until = ?, attempts = d.attempts + 1,
                         updated_at = ?
                    from prev
                   where d.id = prev.id
                     and (d.state = 'SCHEDULED'
                          or (d.state = 'FAILED' and d.provider_error is null)
                          or (d.state = 'SENDING' and d.claimed_until < ?))
                  returning d.id, d.attempts, prev.was),
                e as (
                  insert into message_delivery_event (delivery_id, state, reason, occurred_at)
                  select id, 'SENDING',
                         case when was = 'SENDING'
                              then 'Sending again (attempt ' || attempts || '): attempt '
                                   || (attempts - 1) || ' ended without an outcome (the app'
                                   || ' stopped or its lease ran out while sending), so it may'
                                   || ' have reached the provider already'
                              else 'Sending' end,
                         ?::timestamptz
                    from claimed)
                select attempts from claimed
                """)
            .params(id, ts(leaseUntil), ts(now), ts(now), ts(now))
            .query(Integer.class)
            .optional();
    return attempt.map(OptionalInt::of).orElse(OptionalInt.empty());
  }

  /**
   * Until when another attempt holds the message for sending (its lease), if one still does: the
   * attempt of a replica that is sending it, or of a run that was killed while sending it.
   */
  Optional<Instant> heldUntil(long id, Instant now) {
    return jdbc.sql(
            """
            select claimed_until from message_delivery
             where id = ? and state = 'SENDING' and claimed_until >= ?
            """)
        .params(id, ts(now))
        .query((rs, n) -> instant(rs, "claimed_until"))
        .optional();
  }

  void recordContent(
      long id,
      ChannelType channel,
      String language,
      String recipient,
      String subject,
      String body) {
    jdbc.sql(
            """
            update message_delivery set channel = ?, language = ?, recipient = ?, subject = ?, body = ?
             where id = ?
            """)
        .params(
            channel.name(), language, cipher.encrypt(recipient), subject, cipher.encrypt(body), id)
        .update();
  }

  /**
   * The provider refused the message for good: it is not tried again. False, and nothing written,
   * when {@code attempt} no longer holds the message.
   */
  boolean markRejected(long id, int attempt, String code, String reason, Instant now) {
    return jdbc.sql(
                """
                with d as (
                  update message_delivery set state = 'FAILED', provider_error = ?, reason = ?,
                    claimed_until = null, updated_at = ?
                   where id = ? and state = 'SENDING' and attempts = ?
                  returning id, state, reason)
                insert into message_delivery_event (delivery_id, state, reason, occurred_at)
                select id, state, reason, ?::timestamptz from d
                """)
            .params(code, reason, ts(now), id, attempt, ts(now))
            .update()
        == 1;
  }

  /**
   * The message will never go: no channel reaches the guest, or its attempts ran out. It is marked
   * failed for good ({@code code} in {@code provider_error}, so it is never claimed again) and the
   * journey hands it to a person. False, and nothing written, when it went out, was settled, or is
   * being sent meanwhile.
   */
  boolean failForGood(long id, String code, String reason, Instant now) {
    return jdbc.sql(
                """
                with d as (
                  update message_delivery set state = 'FAILED', provider_error = ?, reason = ?,
                    claimed_until = null, updated_at = ?
                   where id = ? and state in ('SCHEDULED', 'FAILED') and provider_error is null
                  returning id, state, reason)
                insert into message_delivery_event (delivery_id, state, reason, occurred_at)
                select id, state, reason, ?::timestamptz from d
                """)
            .params(code, reason, ts(now), id, ts(now))
            .update()
        == 1;
  }

  /** Moves a scheduled message's planned moment to {@code at} if it was planned earlier. */
  void notBefore(long id, Instant at) {
    jdbc.sql(
            "update message_delivery set planned_at = ? where id = ? and state = 'SCHEDULED'"
                + " and planned_at < ?")
        .params(ts(at), id, ts(at))
        .update();
  }

  /** Moves a message that must wait (quiet hours) to its new moment. */
  void defer(long id, Instant until, String reason, Instant now) {
    jdbc.sql(
            """
            with d as (
              update message_delivery set planned_at = ?, reason = ?, updated_at = ?
               where id = ? and state in ('SCHEDULED', 'FAILED') and planned_at < ?
              returning id, reason)
            insert into message_delivery_event (delivery_id, state, reason, occurred_at)
            select id, 'SCHEDULED', reason, ?::timestamptz from d
            """)
        .params(ts(until), reason, ts(now), id, ts(until), ts(now))
        .update();
  }

  /**
   * The provider accepted the message. False, and nothing written, when {@code attempt} no longer
   * holds the message: its lease ran out and a later attempt took it over (that attempt records the
   * outcome), or the message was settled meanwhile.
   */
  Optional<MessageDelivery> markSent(
      long id, int attempt, String providerMessageId, String detail, Instant now) {
    // the provider has the message: recording it is worth waiting for the database (a restart, a
    // fail-over), or it would be sent again. Past the lease too: the job stays with this worker
    // until its time-out, and the attempt number fences the record if another attempt took over
    Instant giveUpAt = Instant.now().plus(settings.recordSentPatience());
    while (true) {
      try {
        return recordSent(id, attempt, providerMessageId, detail, now);
      } catch (DataAccessException e) {
        if (!databaseAway(e) || Instant.now().isAfter(giveUpAt)) {
          throw e;
        }
        log.warn(
            "Message {} was sent; waiting for the database to record it: {}", id, e.getMessage());
        sleep(DATABASE_RETRY);
      }
    }
  }

  /** The message as recorded sent, or empty when {@code attempt} no longer holds it. */
  private Optional<MessageDelivery> recordSent(
      long id, int attempt, String providerMessageId, String detail, Instant now) {
    return jdbc.sql(
            """
            with d as (
              update message_delivery set state = 'SENT', provider_message_id = ?, reason = ?,
                sent_at = ?, claimed_until = null, updated_at = ?
               where id = ? and state = 'SENDING' and attempts = ?
              returning *),
            e as (
              insert into message_delivery_event (delivery_id, state, reason, occurred_at)
              select id, state, reason, ?::timestamptz from d)
            select * from d
            """)
        .params(providerMessageId, detail, ts(now), ts(now), id, attempt, ts(now))
        .query(this::map)
        .optional();
  }

  /**
   * The attempt failed in a way that may pass; the message may be claimed again. False, and nothing
   * written, when {@code attempt} no longer holds the message.
   */
  boolean markFailed(long id, int attempt, String reason, Instant now) {
    return jdbc.sql(
                """
                with d as (
                  update message_delivery set state = 'FAILED', reason = ?, claimed_until = null,
                    updated_at = ?
                   where id = ? and state = 'SENDING' and attempts = ?
                  returning id, state, reason)
                insert into message_delivery_event (delivery_id, state, reason, occurred_at)
                select id, state, reason, ?::timestamptz from d
                """)
            .params(reason, ts(now), id, attempt, ts(now))
            .update()
        == 1;
  }

  /** Skips a message that has not gone out; returns false if it already reached a final state. */
  boolean skip(long id, String reason, Instant now) {
    return finish(id, DeliveryState.SKIPPED, reason, now);
  }

  boolean cancel(long id, String reason, Instant now) {
    return finish(id, DeliveryState.CANCELLED, reason, now);
  }

  private boolean finish(long id, DeliveryState state, String reason, Instant now) {
    return jdbc.sql(
                """
                with d as (
                  update message_delivery set state = ?, reason = ?, claimed_until = null,
                    updated_at = ?
                   where id = ? and state in ('SCHEDULED', 'FAILED')
                  returning id, state, reason)
                insert into message_delivery_event (delivery_id, state, reason, occurred_at)
                select id, state, reason, ?::timestamptz from d
                """)
            .params(state.name(), reason, ts(now), id, ts(now))
            .update()
        == 1;
  }

  List<MessageDelivery> findOpenByBooking(long bookingId) {
    return jdbc.sql(
            "select * from message_delivery where booking_id = ? and state in ('SCHEDULED', 'FAILED') order by id")
        .param(bookingId)
        .query(this::map)
        .list();
  }

  List<MessageDelivery> findByKeys(Collection<String> keys) {
    if (keys.isEmpty()) {
      return List.of();
    }
    return jdbc.sql("select * from message_delivery where idempotency_key in (:keys)")
        .param("keys", keys)
        .query(this::map)
        .list();
  }

  /** When the booking's latest message went out. */
  Optional<Instant> lastSentAt(long bookingId) {
    return jdbc.sql(
            "select max(sent_at) from message_delivery where booking_id = ? and state = 'SENT'")
        .param(bookingId)
        .query((rs, n) -> instant(rs, "max"))
        .optional()
        .filter(java.util.Objects::nonNull);
  }

  /**
   * How many messages went to the booking's guest in {@code [from, to)}; a message sent again on
   * another channel counts once.
   */
  int countSent(long bookingId, Instant from, Instant to) {
    return jdbc.sql(
            """
            select count(*) from message_delivery
             where booking_id = ? and state = 'SENT' and fallback_for is null
               and sent_at >= ? and sent_at < ?
            """)
        .params(bookingId, ts(from), ts(to))
        .query(Integer.class)
        .single();
  }

  /** How many messages went to the booking's guest in all (a fallback counts once). */
  int countSent(long bookingId) {
    return jdbc.sql(
            "select count(*) from message_delivery where booking_id = ? and state = 'SENT' and fallback_for is null")
        .param(bookingId)
        .query(Integer.class)
        .single();
  }

  /** Replaces the text of a message that has not gone out; false if it already went. */
  boolean edit(long id, String subject, String body, String by, Instant now) {
    return jdbc.sql(
                """
                with d as (
                  update message_delivery set edited_subject = ?, edited_body = ?, edited_by = ?,
                    updated_at = ? where id = ? and state in ('SCHEDULED', 'FAILED')
                  returning id)
                insert into message_delivery_event (delivery_id, state, reason, occurred_at)
                select id, 'SCHEDULED', ?::text, ?::timestamptz from d
                """)
            .params(subject, cipher.encrypt(body), by, ts(now), id, "Text edited by " + by, ts(now))
            .update()
        == 1;
  }

  /** Brings a message that has not gone out forward to {@code now}; false if it already went. */
  boolean bringForward(long id, String reason, Instant now) {
    return jdbc.sql(
                """
                with d as (
                  update message_delivery set planned_at = ?, reason = ?, updated_at = ?
                   where id = ? and state in ('SCHEDULED', 'FAILED')
                  returning id, reason)
                insert into message_delivery_event (delivery_id, state, reason, occurred_at)
                select id, 'SCHEDULED', reason, ?::timestamptz from d
                """)
            .params(ts(now), reason, ts(now), id, ts(now))
            .update()
        == 1;
  }

  /**
   * Plans {@code original} again on {@code channel}, due now, unless it was planned again already
   * (by this or another instance of the app); the new message's id, if this call planned it.
   */
  Optional<Long> insertFallback(MessageDelivery original, ChannelType channel, Instant now) {
    return jdbc.sql(
            """
            with d as (
              insert into message_delivery (booking_id, inquiry_id, step, step_label, purpose,
                waits_for_quiet_hours, idempotency_key, channel,
                planned_at, state, reason, edited_subject, edited_body, edited_by, fallback_for,
                created_at, updated_at)
              values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'SCHEDULED', ?, ?, ?, ?, ?, ?, ?)
              on conflict do nothing
              returning id),
            e as (
              insert into message_delivery_event (delivery_id, state, reason, occurred_at)
              select id, 'SCHEDULED', ?::text, ?::timestamptz from d)
            select id from d
            """)
        .params(
            original.bookingId(),
            original.inquiryId(),
            original.step().code(),
            original.step().label(),
            original.step().purpose().code(),
            original.step().waitsForQuietHours(),
            original.idempotencyKey() + "/" + channel.name().toLowerCase() + "-fallback",
            channel.name(),
            ts(now),
            "Stands in for message " + original.id(),
            original.subject(),
            cipher.encrypt(original.body()),
            original.editedBy(),
            original.id(),
            ts(now),
            ts(now),
            "Planned as " + channel.label() + " fallback for message " + original.id(),
            ts(now))
        .query(Long.class)
        .optional();
  }

  /**
   * WhatsApp messages sent in {@code (since, until]} by a booking's journey that the provider has
   * not reported delivered or read, with no fallback yet, and whose property's fallback wait is
   * over at {@code now}.
   */
  List<MessageDelivery> findWhatsAppAwaitingFallback(Instant since, Instant now) {
    return jdbc.sql(
            """
            select d.* from message_delivery d
              join booking b on b.id = d.booking_id
              join property p on p.id = b.property_id
             where d.channel = 'WHATSAPP' and d.state = 'SENT' and d.fallback_for is null
               and (d.provider_status is null or d.provider_status not in ('DELIVERED', 'READ'))
               and d.sent_at > ?
               and d.sent_at <= ?::timestamptz - make_interval(mins => p.whatsapp_fallback_minutes)
               and not exists (select 1 from message_delivery f where f.fallback_for = d.id)
             order by d.sent_at
            """)
        .params(ts(since), ts(now))
        .query(this::map)
        .list();
  }

  /**
   * Fallback messages due for another try: their attempt failed for a reason that may pass, or the
   * instance that was sending them stopped before its lease ran out.
   */
  List<MessageDelivery> findFallbacksToRetry(Instant failedBefore, int maxAttempts) {
    return jdbc.sql(
            """
            select * from message_delivery
             where fallback_for is not null and provider_error is null and attempts < ?
               and ((state in ('FAILED', 'SCHEDULED') and updated_at < ?)
                    or (state = 'SENDING' and claimed_until < ?))
             order by id
            """)
        .params(maxAttempts, ts(failedBefore), ts(failedBefore))
        .query(this::map)
        .list();
  }

  /** Adds a line to the message's history without changing its state. */
  void note(long id, String reason, Instant now) {
    jdbc.sql(
            """
            insert into message_delivery_event (delivery_id, state, reason, occurred_at)
            select id, state, ?, ? from message_delivery where id = ?
            """)
        .params(reason, ts(now), id)
        .update();
  }

  Optional<Instant> nextPlannedBetween(Instant from, Instant until) {
    return jdbc.sql(
            """
            select min(planned_at) from message_delivery
             where state = 'SCHEDULED' and planned_at > ? and planned_at <= ?
            """)
        .params(ts(from), ts(until))
        .query((rs, n) -> instant(rs, "min"))
        .optional()
        .filter(java.util.Objects::nonNull);
  }

  /**
   * Messages due after {@code since} and not after {@code now} still scheduled, plus messages being
   * sent under a lease that still runs.
   */
  long countDueOrSending(Instant since, Instant now) {
    return jdbc.sql(
            """
            select count(*) from message_delivery
             where (state = 'SCHEDULED' and planned_at > ? and planned_at <= ?)
                or (state = 'SENDING' and claimed_until > ?)
            """)
        .params(ts(since), ts(now), ts(now))
        .query(Long.class)
        .single();
  }

  /** How many of {@code keys} have a message recorded. */
  long countRecorded(java.util.Collection<String> keys) {
    return jdbc.sql("select count(*) from message_delivery where idempotency_key = any(?)")
        .param(keys.toArray(String[]::new))
        .query(Long.class)
        .single();
  }

  /** The database could not be reached or went away mid-statement; it may be back soon. */
  static boolean databaseAway(DataAccessException e) {
    if (e instanceof TransientDataAccessException
        || e instanceof RecoverableDataAccessException
        || e instanceof DataAccessResourceFailureException) {
      return true;
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql
          && sql.getSQLState() != null
          && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
        return true; // connection exception, or the server shutting down
      }
    }
    return false;
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for the database", e);
    }
  }

  private MessageDelivery map(ResultSet rs, int row) throws SQLException {
    return new MessageDelivery(
        rs.getLong("id"),
        rs.getObject("booking_id", Long.class),
        rs.getObject("inquiry_id", Long.class),
        MessageStep.restore(
            rs.getString("step"),
            rs.getString("step_label"),
            rs.getString("purpose"),
            rs.getObject("waits_for_quiet_hours", Boolean.class)),
        rs.getString("idempotency_key"),
        ChannelType.valueOf(rs.getString("channel")),
        instant(rs, "planned_at"),
        DeliveryState.valueOf(rs.getString("state")),
        rs.getString("reason"),
        rs.getInt("attempts"),
        rs.getString("language"),
        cipher.decrypt(rs.getString("recipient")),
        rs.getString("subject"),
        cipher.decrypt(rs.getString("body")),
        rs.getString("provider_message_id"),
        rs.getString("provider_status"),
        rs.getString("provider_error"),
        instant(rs, "sent_at"),
        instant(rs, "updated_at"),
        rs.getString("edited_subject"),
        cipher.decrypt(rs.getString("edited_body")),
        rs.getString("edited_by"),
        rs.getObject("fallback_for", Long.class));
  }
}
