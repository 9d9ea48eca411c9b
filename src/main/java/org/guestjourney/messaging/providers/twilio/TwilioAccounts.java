package org.guestjourney.messaging.providers.twilio;

import java.time.Clock;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Which Twilio account each property uses. A property's own account (set through {@link
 * TwilioSenderApi}) needs its auth token in the environment, under {@code
 * guest-journey.twilio.auth-tokens.<account SID>} ({@code GUESTJOURNEY_TWILIO_AUTHTOKENS_<SID>}):
 * tokens are never stored in the database. Without an own account a property uses the
 * installation's.
 */
@org.springframework.stereotype.Component
class TwilioAccounts {

  private final TwilioProperties properties;
  private final JdbcClient jdbc;
  private final Clock clock;

  /** Only the installation's account (no database), as in unit tests of the channels. */
  static TwilioAccounts installationOnly(TwilioProperties properties) {
    return new TwilioAccounts(properties, null, null);
  }

  @org.springframework.beans.factory.annotation.Autowired
  TwilioAccounts(TwilioProperties properties, JdbcClient jdbc, Clock clock) {
    this.properties = properties;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** A property's account, or why it has none that works. */
  record Resolution(TwilioAccount account, String whyNot) {}

  Resolution forProperty(Long propertyId) {
    Optional<Row> own =
        propertyId == null || jdbc == null
            ? Optional.empty()
            : jdbc.sql(
                    """
                    select account_sid, sms_from, whatsapp_from, messaging_service_sid
                      from twilio_sender where property_id = ?
                    """)
                .param(propertyId)
                .query(
                    (rs, n) ->
                        new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                .optional();
    if (own.isPresent()) {
      Row r = own.get();
      return properties
          .tokenFor(r.accountSid())
          .map(
              token ->
                  new Resolution(
                      new TwilioAccount(
                          r.accountSid(), token, r.smsFrom(), r.whatsappFrom(), r.serviceSid()),
                      null))
          .orElseGet(
              () ->
                  new Resolution(
                      null,
                      "SMS/WhatsApp disabled for this property: no auth token for its Twilio account "
                          + r.accountSid()
                          + " in the environment (GUESTJOURNEY_TWILIO_AUTHTOKENS_"
                          + r.accountSid()
                          + ")"));
    }
    if (properties.unconfigured().isPresent()) {
      return new Resolution(null, properties.unconfigured().get());
    }
    return new Resolution(
        new TwilioAccount(
            properties.accountSid(),
            properties.authToken(),
            properties.smsFrom(),
            properties.whatsappFrom(),
            properties.messagingServiceSid()),
        null);
  }

  /** Sets (or replaces) the property's own account and senders. */
  void save(long propertyId, TwilioSenderApi.SenderSettings s) {
    jdbc.sql(
            """
            insert into twilio_sender (property_id, account_sid, sms_from, whatsapp_from,
              messaging_service_sid, updated_at)
            values (?, ?, ?, ?, ?, ?)
            on conflict (property_id) do update set account_sid = excluded.account_sid,
              sms_from = excluded.sms_from, whatsapp_from = excluded.whatsapp_from,
              messaging_service_sid = excluded.messaging_service_sid,
              updated_at = excluded.updated_at
            """)
        .params(
            propertyId,
            s.accountSid().strip(),
            blankToNull(s.smsFrom()),
            blankToNull(s.whatsappFrom()),
            blankToNull(s.messagingServiceSid()),
            java.sql.Timestamp.from(clock.instant()))
        .update();
  }

  /** Back to the installation's account. */
  void remove(long propertyId) {
    jdbc.sql("delete from twilio_sender where property_id = ?").param(propertyId).update();
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  private record Row(String accountSid, String smsFrom, String whatsappFrom, String serviceSid) {}
}
