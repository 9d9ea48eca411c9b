package org.guestjourney.messaging.email;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.guestjourney.messaging.ChannelType;
import org.guestjourney.messaging.DeliveryStatusService;
import org.guestjourney.messaging.OptOuts;
import org.guestjourney.messaging.ProviderStatus;
import org.guestjourney.privacy.ContactCipher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the mail provider tells us after a message left: it bounced, or the guest marked it as spam.
 * A permanent bounce and a spam complaint stop e-mail to that address (the journey page then says
 * why and the guest's other channels take over); a temporary bounce is only recorded. The message
 * it concerns, found by its Message-ID, shows the outcome in its history. The same event reported
 * twice is recorded once.
 */
@Service
public class MailFeedbackService {

  private final JdbcClient jdbc;
  private final OptOuts optOuts;
  private final DeliveryStatusService receipts;
  private final Clock clock;
  private final ContactCipher cipher;

  MailFeedbackService(
      JdbcClient jdbc,
      OptOuts optOuts,
      DeliveryStatusService receipts,
      Clock clock,
      ContactCipher cipher) {
    this.jdbc = jdbc;
    this.cipher = cipher;
    this.optOuts = optOuts;
    this.receipts = receipts;
    this.clock = clock;
  }

  public enum Kind {
    BOUNCE,
    COMPLAINT
  }

  /**
   * One report of the provider.
   *
   * @param eventId the provider's id of the report (repeats carry the same)
   * @param messageId the Message-ID header of our e-mail, when the provider gives it back
   * @param permanent for bounces: whether the address cannot receive mail at all
   */
  public record Report(
      String provider,
      String eventId,
      Kind kind,
      String address,
      String messageId,
      boolean permanent,
      String detail) {}

  /** Whether the report was new (false: a repeat, nothing changed). */
  @Transactional
  public boolean record(Report report) {
    Instant now = clock.instant();
    Optional<Long> delivery =
        report.messageId() == null
            ? Optional.empty()
            : jdbc.sql(
                    "select id from message_delivery where provider_message_id = ? and channel = 'EMAIL'")
                .param(normaliseId(report.messageId()))
                .query(Long.class)
                .optional();
    int inserted =
        jdbc.sql(
                """
                insert into mail_feedback (kind, address, address_index, message_id, delivery_id,
                  permanent, detail, provider, event_id, received_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (event_id) do nothing
                """)
            .params(
                report.kind().name(),
                cipher.encrypt(report.address().strip().toLowerCase()),
                cipher.index(report.address()),
                report.messageId(),
                delivery.orElse(null),
                report.permanent(),
                report.detail(),
                report.provider(),
                report.eventId(),
                Timestamp.from(now))
            .update();
    if (inserted == 0) {
      return false;
    }
    String detail = report.detail() == null ? "" : report.detail().strip();
    if (report.kind() == Kind.COMPLAINT) {
      optOuts.record(report.address(), ChannelType.EMAIL, true, OptOuts.SPAM, now);
    } else if (report.permanent()) {
      optOuts.record(
          report.address(),
          ChannelType.EMAIL,
          true,
          OptOuts.BOUNCED + " " + (detail.isEmpty() ? "reported by " + report.provider() : detail),
          now);
    }
    if (report.messageId() != null) {
      receipts.record(
          normaliseId(report.messageId()),
          report.kind() == Kind.COMPLAINT ? ProviderStatus.COMPLAINED : ProviderStatus.BOUNCED,
          detail.isEmpty() ? null : detail.length() > 200 ? detail.substring(0, 200) : detail);
    }
    return true;
  }

  /** Message-IDs come back with or without their angle brackets. */
  static String normaliseId(String messageId) {
    String id = messageId.strip();
    return id.startsWith("<") ? id : "<" + id + ">";
  }
}
