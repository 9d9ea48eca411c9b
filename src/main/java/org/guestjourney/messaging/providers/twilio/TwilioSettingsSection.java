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

  private final org.guestjourney.web.StaffWords words;

  TwilioSettingsSection(
      TwilioAccounts accounts,
      TwilioSmsChannel sms,
      TwilioWhatsAppChannel whatsapp,
      org.guestjourney.web.StaffWords words) {
    this.words = words;
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
        words.say("twilio.title"),
        words.say("twilio.help"),
        List.of(
            new Line(
                words.say("twilio.account"),
                a == null
                    ? words.reason(r.whyNot())
                    : a.accountSid()
                        + " "
                        + words.say(own ? "twilio.account.own" : "twilio.account.installation")),
            new Line(
                words.say("twilio.sms"),
                status(a, sms.unavailableReason(propertyId), from(a, true))),
            new Line(
                "WhatsApp", status(a, whatsapp.unavailableReason(propertyId), from(a, false)))),
        "/properties/" + propertyId + "/twilio",
        List.of(
            new Field(
                "accountSid",
                words.say("twilio.field.account"),
                own && a != null ? a.accountSid() : "",
                "AC…"),
            new Field(
                "smsFrom",
                words.say("twilio.field.sms"),
                own && a != null ? a.smsFrom() : "",
                "+39…"),
            new Field(
                "whatsappFrom",
                words.say("twilio.field.whatsapp"),
                own && a != null ? a.whatsappFrom() : "",
                "+39…"),
            new Field(
                "messagingServiceSid",
                words.say("twilio.field.service"),
                own && a != null ? a.messagingServiceSid() : "",
                "MG…")));
  }

  /** "on, from …", or why not (only "off" when the account line says why already). */
  private String status(TwilioAccount a, java.util.Optional<String> unavailable, String from) {
    if (a == null) {
      return words.say("twilio.off");
    }
    return unavailable.map(words::reason).orElse(words.say("twilio.on.from", from));
  }

  private String from(TwilioAccount a, boolean sms) {
    if (a == null) {
      return "";
    }
    if (!sms) {
      return a.whatsappFrom();
    }
    return a.smsFrom() != null ? a.smsFrom() : words.say("twilio.service", a.messagingServiceSid());
  }
}
