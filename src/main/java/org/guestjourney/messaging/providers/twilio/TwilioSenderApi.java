package org.guestjourney.messaging.providers.twilio;

import java.util.regex.Pattern;
import org.guestjourney.property.PropertyRepository;
import org.guestjourney.web.ApiController;
import org.guestjourney.web.NotFoundException;
import org.guestjourney.web.Violations;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;

/**
 * A property's own Twilio account and senders. The auth token is not part of the request: it comes
 * from the environment ({@code GUESTJOURNEY_TWILIO_AUTHTOKENS_<account SID>}), and a property is
 * only given an account whose token the app knows.
 */
@ApiController
class TwilioSenderApi {

  private static final Pattern ACCOUNT_SID = Pattern.compile("^AC[0-9a-fA-F]{32}$");
  private static final Pattern SERVICE_SID = Pattern.compile("^MG[0-9a-fA-F]{32}$");

  private final TwilioAccounts accounts;
  private final TwilioProperties properties;
  private final PropertyRepository propertyRepository;

  TwilioSenderApi(
      TwilioAccounts accounts, TwilioProperties properties, PropertyRepository propertyRepository) {
    this.accounts = accounts;
    this.properties = properties;
    this.propertyRepository = propertyRepository;
  }

  /** What a property sends SMS and WhatsApp from. */
  record SenderSettings(
      String accountSid, String smsFrom, String whatsappFrom, String messagingServiceSid) {}

  /** The account a property uses now, and whether SMS and WhatsApp can go. */
  record SenderStatus(
      String accountSid,
      String smsFrom,
      String whatsappFrom,
      String messagingServiceSid,
      String unavailable) {}

  @PutMapping("/api/properties/{propertyId}/twilio")
  ResponseEntity<SenderStatus> put(
      @PathVariable long propertyId, @RequestBody SenderSettings settings) {
    exists(propertyId);
    Violations v = new Violations();
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
    accounts.save(propertyId, settings);
    return ResponseEntity.ok(status(propertyId));
  }

  @GetMapping("/api/properties/{propertyId}/twilio")
  SenderStatus get(@PathVariable long propertyId) {
    exists(propertyId);
    return status(propertyId);
  }

  /** The property goes back to the installation's account. */
  @DeleteMapping("/api/properties/{propertyId}/twilio")
  ResponseEntity<Void> delete(@PathVariable long propertyId) {
    exists(propertyId);
    accounts.remove(propertyId);
    return ResponseEntity.noContent().build();
  }

  private SenderStatus status(long propertyId) {
    TwilioAccounts.Resolution r = accounts.forProperty(propertyId);
    TwilioAccount a = r.account();
    return a == null
        ? new SenderStatus(null, null, null, null, r.whyNot())
        : new SenderStatus(
            a.accountSid(), a.smsFrom(), a.whatsappFrom(), a.messagingServiceSid(), null);
  }

  private void exists(long propertyId) {
    if (propertyRepository.findById(propertyId).isEmpty()) {
      throw new NotFoundException("No property " + propertyId);
    }
  }

  private static void checkNumber(Violations v, String number, String field) {
    if (present(number)) {
      v.check(
          Violations.E164.matcher(number.strip()).matches(),
          field,
          "must be a phone number in international format, e.g. +393331234567");
    }
  }

  private static boolean present(String value) {
    return value != null && !value.isBlank();
  }
}
