package org.guestjourney.messaging.providers.twilio;

import org.guestjourney.property.PropertyRepository;
import org.guestjourney.security.PropertyAccess;
import org.guestjourney.web.ApiController;
import org.guestjourney.web.NotFoundException;
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

  private final TwilioAccounts accounts;
  private final PropertyRepository propertyRepository;
  private final PropertyAccess access;

  TwilioSenderApi(
      TwilioAccounts accounts, PropertyRepository propertyRepository, PropertyAccess access) {
    this.accounts = accounts;
    this.propertyRepository = propertyRepository;
    this.access = access;
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
    if (propertyRepository.findById(propertyId).isEmpty() || !access.canRead(propertyId)) {
      throw new NotFoundException("No property " + propertyId);
    }
  }
}
