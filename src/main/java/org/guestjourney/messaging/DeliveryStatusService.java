package org.guestjourney.messaging;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Delivery receipts from providers (status callbacks). Duplicates and callbacks arriving out of
 * order are harmless: a status is recorded only if it moves the message forward.
 */
@Service
public class DeliveryStatusService {

  private static final Logger log = LoggerFactory.getLogger(DeliveryStatusService.class);

  private final JdbcClient jdbc;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  DeliveryStatusService(JdbcClient jdbc, ApplicationEventPublisher events, Clock clock) {
    this.jdbc = jdbc;
    this.events = events;
    this.clock = clock;
  }

  /** What happened to a receipt: applied, ignored as stale or duplicate, or unknown message. */
  public enum Outcome {
    APPLIED,
    IGNORED,
    UNKNOWN_MESSAGE
  }

  @Transactional
  public Outcome record(String providerMessageId, ProviderStatus status, String errorCode) {
    Optional<Row> row =
        jdbc.sql(
                "select id, provider_status, channel from message_delivery where provider_message_id = ? for update")
            .param(providerMessageId)
            .query((rs, n) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3)))
            .optional();
    if (row.isEmpty()) {
      log.info("Receipt for unknown message {} ignored", providerMessageId);
      return Outcome.UNKNOWN_MESSAGE;
    }
    ProviderStatus current =
        row.get().status() == null ? null : ProviderStatus.valueOf(row.get().status());
    if (current != null && !current.canMoveTo(status)) {
      return Outcome.IGNORED;
    }
    var now = clock.instant();
    jdbc.sql(
            "update message_delivery set provider_status = ?, provider_error = ?, updated_at = ? where id = ?")
        .params(status.name(), errorCode, Timestamp.from(now), row.get().id())
        .update();
    jdbc.sql(
            "insert into message_delivery_event (delivery_id, state, reason, occurred_at) values (?, 'SENT', ?, ?)")
        .params(
            row.get().id(),
            "Provider reports "
                + status.name().toLowerCase()
                + (errorCode == null ? "" : " (error " + errorCode + ")"),
            Timestamp.from(now))
        .update();
    if (ChannelType.WHATSAPP.name().equals(row.get().channel())
        && (status == ProviderStatus.UNDELIVERED || status == ProviderStatus.FAILED)) {
      events.publishEvent(new WhatsAppFallback.NotDelivered(row.get().id(), status, errorCode));
    }
    return Outcome.APPLIED;
  }

  private record Row(long id, String status, String channel) {}
}
