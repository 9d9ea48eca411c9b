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

  private static final java.util.regex.Pattern ACCOUNT_SID =
      java.util.regex.Pattern.compile("^AC[0-9a-fA-F]{32}$");
  private static final java.util.regex.Pattern SERVICE_SID =
      java.util.regex.Pattern.compile("^MG[0-9a-fA-F]{32}$");

  /**
   * Sets (or replaces) the property's own account and senders; nothing changes when a value is
   * wrong or the account's auth token is not in the environment.
   */
  void save(long propertyId, TwilioSenderApi.SenderSettings settings) {
    org.guestjourney.web.Violations v = new org.guestjourney.web.Violations();
    if (v.required(settings.accountSid(), "accountSid")) {
      String sid = settings.accountSid().strip();
      if (!ACCOUNT_SID.matcher(sid).matches()) {
        v.check(false, "accountSid", "must be AC followed by 32 hex digits");
      } else {
        v.check(
            properties.tokenFor(sid).isPresent(),
            "accountSid",
            "has no auth token in the environment (GUESTJOURNEY_TWILIO_AUTHTOKENS_" + sid + ")");
      }
    }
    checkNumber(v, settings.smsFrom(), "smsFrom");
    checkNumber(v, settings.whatsappFrom(), "whatsappFrom");
    if (present(settings.messagingServiceSid())) {
      v.check(
          SERVICE_SID.matcher(settings.messagingServiceSid().strip()).matches(),
          "messagingServiceSid",
          "must be MG followed by 32 hex digits");
    }
    v.check(
        present(settings.smsFrom())
            || present(settings.whatsappFrom())
            || present(settings.messagingServiceSid()),
        "smsFrom",
        "give at least one sender: smsFrom, whatsappFrom or messagingServiceSid");
    v.throwIfAny();
    TwilioSenderApi.SenderSettings s = settings;
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

  /** Whether the property has an account of its own (else it uses the installation's). */
  boolean hasOwn(long propertyId) {
    return jdbc.sql("select exists (select 1 from twilio_sender where property_id = ?)")
        .param(propertyId)
        .query(Boolean.class)
        .single();
  }

  /** Back to the installation's account. */
  void remove(long propertyId) {
    jdbc.sql("delete from twilio_sender where property_id = ?").param(propertyId).update();
  }

  private static void checkNumber(org.guestjourney.web.Violations v, String number, String field) {
    if (present(number)) {
      v.check(
          org.guestjourney.web.Violations.E164.matcher(number.strip()).matches(),
          field,
          "must be a phone number in international format, e.g. +393331234567");
    }
  }

  private static boolean present(String value) {
    return value != null && !value.isBlank();
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  private record Row(String accountSid, String smsFrom, String whatsappFrom, String serviceSid) {}
}
