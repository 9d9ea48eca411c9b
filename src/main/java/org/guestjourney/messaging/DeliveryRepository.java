package org.guestjourney.messaging;

import static org.guestjourney.persistence.JdbcTime.instant;
import static org.guestjourney.persistence.JdbcTime.ts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Delivery records and their history. Every state change writes a history event. */
@Repository
class DeliveryRepository {

  private final JdbcClient jdbc;

  DeliveryRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Inserts the planned message unless one with the same key exists; true if inserted. */
  boolean insertIfAbsent(long bookingId, PlannedMessage planned, ChannelType channel, Instant now) {
    DeliveryState state =
        planned.skipReason() == null ? DeliveryState.SCHEDULED : DeliveryState.SKIPPED;
    Optional<Long> id =
        jdbc.sql(
                """
                insert into message_delivery (booking_id, step, step_label, purpose,
                  waits_for_quiet_hours, idempotency_key, channel,
                  planned_at, state, reason, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (idempotency_key) do nothing
                returning id
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
                ts(now))
            .query(Long.class)
            .optional();
    id.ifPresent(
        deliveryId ->
            event(
                deliveryId,
                state,
                state == DeliveryState.SCHEDULED ? "Planned" : planned.skipReason(),
                now));
    return id.isPresent();
  }

  /** Like {@link #insertIfAbsent} for a message of an inquiry (no booking). */
  boolean insertIfAbsentForInquiry(
      long inquiryId, PlannedMessage planned, ChannelType channel, Instant now) {
    Optional<Long> id =
        jdbc.sql(
                """
                insert into message_delivery (inquiry_id, step, idempotency_key, channel,
                  planned_at, state, reason, created_at, updated_at)
                values (?, ?, ?, ?, ?, 'SCHEDULED', null, ?, ?)
                on conflict (idempotency_key) do nothing
                returning id
                """)
            .params(
                inquiryId,
                planned.step().code(),
                planned.idempotencyKey(),
                channel.name(),
                ts(planned.plannedAt()),
                ts(now),
                ts(now))
            .query(Long.class)
            .optional();
    id.ifPresent(deliveryId -> event(deliveryId, DeliveryState.SCHEDULED, "Planned", now));
    return id.isPresent();
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
   * Takes the message for sending. Succeeds for one caller only: a message that is scheduled or
   * failed, or whose previous sender's lease ran out.
   */
  boolean claim(long id, Instant now, Instant leaseUntil) {
    int updated =
        jdbc.sql(
                """
                update message_delivery
                   set state = 'SENDING', claimed_until = ?, attempts = attempts + 1, updated_at = ?
                 where id = ?
                   and (state = 'SCHEDULED'
                        or (state = 'FAILED' and provider_error is null)
                        or (state = 'SENDING' and claimed_until < ?))
                """)
            .params(ts(leaseUntil), ts(now), id, ts(now))
            .update();
    if (updated == 1) {
      event(id, DeliveryState.SENDING, "Sending", now);
    }
    return updated == 1;
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
        .params(channel.name(), language, recipient, subject, body, id)
        .update();
  }

  /** The provider refused the message for good: it is not tried again. */
  void markRejected(long id, String code, String reason, Instant now) {
    jdbc.sql(
            """
            update message_delivery set state = 'FAILED', provider_error = ?, reason = ?,
              claimed_until = null, updated_at = ? where id = ? and state = 'SENDING'
            """)
        .params(code, reason, ts(now), id)
        .update();
    event(id, DeliveryState.FAILED, reason, now);
  }

  /** Moves a message that must wait (quiet hours) to its new moment. */
  /** Moves a scheduled message's planned moment to {@code at} if it was planned earlier. */
  void notBefore(long id, Instant at) {
    jdbc.sql(
            "update message_delivery set planned_at = ? where id = ? and state = 'SCHEDULED'"
                + " and planned_at < ?")
        .params(ts(at), id, ts(at))
        .update();
  }

  void defer(long id, Instant until, String reason, Instant now) {
    int updated =
        jdbc.sql(
                """
                update message_delivery set planned_at = ?, reason = ?, updated_at = ?
                 where id = ? and state in ('SCHEDULED', 'FAILED') and planned_at < ?
                """)
            .params(ts(until), reason, ts(now), id, ts(until))
            .update();
    if (updated == 1) {
      event(id, DeliveryState.SCHEDULED, reason, now);
    }
  }

  void markSent(long id, String providerMessageId, String detail, Instant now) {
    jdbc.sql(
            """
            update message_delivery set state = 'SENT', provider_message_id = ?, reason = ?,
              sent_at = ?, claimed_until = null, updated_at = ? where id = ? and state = 'SENDING'
            """)
        .params(providerMessageId, detail, ts(now), ts(now), id)
        .update();
    event(id, DeliveryState.SENT, detail, now);
  }

  void markFailed(long id, String reason, Instant now) {
    jdbc.sql(
            """
            update message_delivery set state = 'FAILED', reason = ?, claimed_until = null,
              updated_at = ? where id = ? and state = 'SENDING'
            """)
        .params(reason, ts(now), id)
        .update();
    event(id, DeliveryState.FAILED, reason, now);
  }

  /** Skips a message that has not gone out; returns false if it already reached a final state. */
  boolean skip(long id, String reason, Instant now) {
    return finish(id, DeliveryState.SKIPPED, reason, now);
  }

  boolean cancel(long id, String reason, Instant now) {
    return finish(id, DeliveryState.CANCELLED, reason, now);
  }

  private boolean finish(long id, DeliveryState state, String reason, Instant now) {
    int updated =
        jdbc.sql(
                """
                update message_delivery set state = ?, reason = ?, claimed_until = null, updated_at = ?
                 where id = ? and state in ('SCHEDULED', 'FAILED')
                """)
            .params(state.name(), reason, ts(now), id)
            .update();
    if (updated == 1) {
      event(id, state, reason, now);
    }
    return updated == 1;
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
    int updated =
        jdbc.sql(
                """
                update message_delivery set edited_subject = ?, edited_body = ?, edited_by = ?,
                  updated_at = ? where id = ? and state in ('SCHEDULED', 'FAILED')
                """)
            .params(subject, body, by, ts(now), id)
            .update();
    if (updated == 1) {
      event(id, DeliveryState.SCHEDULED, "Text edited by " + by, now);
    }
    return updated == 1;
  }

  /** Brings a message that has not gone out forward to {@code now}; false if it already went. */
  boolean bringForward(long id, String reason, Instant now) {
    int updated =
        jdbc.sql(
                """
                update message_delivery set planned_at = ?, reason = ?, updated_at = ?
                 where id = ? and state in ('SCHEDULED', 'FAILED')
                """)
            .params(ts(now), reason, ts(now), id)
            .update();
    if (updated == 1) {
      event(id, DeliveryState.SCHEDULED, reason, now);
    }
    return updated == 1;
  }

  /**
   * Plans {@code original} again on {@code channel}, due now, unless it was planned again already
   * (by this or another instance of the app); the new message's id, if this call planned it.
   */
  Optional<Long> insertFallback(MessageDelivery original, ChannelType channel, Instant now) {
    Optional<Long> id =
        jdbc.sql(
                """
                insert into message_delivery (booking_id, inquiry_id, step, step_label, purpose,
                  waits_for_quiet_hours, idempotency_key, channel,
                  planned_at, state, reason, edited_subject, edited_body, edited_by, fallback_for,
                  created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'SCHEDULED', ?, ?, ?, ?, ?, ?, ?)
                on conflict do nothing
                returning id
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
                original.body(),
                original.editedBy(),
                original.id(),
                ts(now),
                ts(now))
            .query(Long.class)
            .optional();
    id.ifPresent(
        deliveryId ->
            event(
                deliveryId,
                DeliveryState.SCHEDULED,
                "Planned as " + channel.label() + " fallback for message " + original.id(),
                now));
    return id;
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

  private void event(long deliveryId, DeliveryState state, String reason, Instant now) {
    jdbc.sql(
            "insert into message_delivery_event (delivery_id, state, reason, occurred_at) values (?, ?, ?, ?)")
        .params(deliveryId, state.name(), reason, ts(now))
        .update();
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
        rs.getString("recipient"),
        rs.getString("subject"),
        rs.getString("body"),
        rs.getString("provider_message_id"),
        rs.getString("provider_status"),
        rs.getString("provider_error"),
        instant(rs, "sent_at"),
        instant(rs, "updated_at"),
        rs.getString("edited_subject"),
        rs.getString("edited_body"),
        rs.getString("edited_by"),
        rs.getObject("fallback_for", Long.class));
  }
}
