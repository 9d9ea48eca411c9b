package org.guestjourney.messaging.providers.twilio;

import java.util.List;
import org.guestjourney.property.SettingsSection;
import org.springframework.stereotype.Component;

/** The SMS and WhatsApp block of a property's settings page: which Twilio account and senders. */
@Component
class TwilioSettingsSection implements SettingsSection {

  private final TwilioAccounts accounts;
  private final TwilioSmsChannel sms;
  private final TwilioWhatsAppChannel whatsapp;

  TwilioSettingsSection(
      TwilioAccounts accounts, TwilioSmsChannel sms, TwilioWhatsAppChannel whatsapp) {
    this.accounts = accounts;
    this.sms = sms;
    this.whatsapp = whatsapp;
  }

  @Override
  public Section sectionFor(long propertyId) {
    TwilioAccounts.Resolution r = accounts.forProperty(propertyId);
    TwilioAccount a = r.account();
    boolean own = accounts.hasOwn(propertyId);
    return new Section(
        "SMS and WhatsApp",
        "Through Twilio. A house may send from an account of its own: its auth token goes in the"
            + " app's environment (GUESTJOURNEY_TWILIO_AUTHTOKENS_<account SID>), never here.",
        List.of(
            new Line(
                "Account",
                a == null
                    ? r.whyNot()
                    : a.accountSid() + (own ? " (this house's own)" : " (the installation's)")),
            new Line("SMS", status(a, sms.unavailableReason(propertyId), from(a, true))),
            new Line(
                "WhatsApp", status(a, whatsapp.unavailableReason(propertyId), from(a, false)))),
        "/properties/" + propertyId + "/twilio",
        List.of(
            new Field("accountSid", "Account SID", own && a != null ? a.accountSid() : "", "AC…"),
            new Field("smsFrom", "SMS sender number", own && a != null ? a.smsFrom() : "", "+39…"),
            new Field(
                "whatsappFrom",
                "WhatsApp sender number",
                own && a != null ? a.whatsappFrom() : "",
                "+39…"),
            new Field(
                "messagingServiceSid",
                "or a Messaging Service for SMS",
                own && a != null ? a.messagingServiceSid() : "",
                "MG…")));
  }

  /** "on, from …", or why not (only "off" when the account line says why already). */
  private static String status(
      TwilioAccount a, java.util.Optional<String> unavailable, String from) {
    if (a == null) {
      return "off";
    }
    return unavailable.orElse("on, from " + from);
  }

  private static String from(TwilioAccount a, boolean sms) {
    if (a == null) {
      return "";
    }
    if (!sms) {
      return a.whatsappFrom();
    }
    return a.smsFrom() != null ? a.smsFrom() : "Messaging Service " + a.messagingServiceSid();
  }
}
