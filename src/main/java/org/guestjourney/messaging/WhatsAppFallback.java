package org.guestjourney.messaging;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * WhatsApp is the guest's preferred channel but not a reliable one (no WhatsApp on that number, an
 * old phone, no data abroad). A WhatsApp message goes again by SMS when the provider reports it
 * undelivered or failed, or has not reported it delivered within the property's {@code
 * whatsapp_fallback_minutes}. Every instance of the app may run the check: only one of them plans
 * each fallback, and a fallback is sent at most once.
 */
@Component
class WhatsAppFallback {

  private static final Logger log = LoggerFactory.getLogger(WhatsAppFallback.class);
  private static final int MAX_ATTEMPTS = 5;

  private final DeliveryRepository deliveries;
  private final MessagingService messaging;
  private final MessagingProperties settings;
  private final Clock clock;

  WhatsAppFallback(
      DeliveryRepository deliveries,
      MessagingService messaging,
      MessagingProperties settings,
      Clock clock) {
    this.deliveries = deliveries;
    this.messaging = messaging;
    this.settings = settings;
    this.clock = clock;
  }

  /** The provider reported a WhatsApp message undelivered or failed. */
  record NotDelivered(long deliveryId, ProviderStatus status, String errorCode) {}

  /** Off the webhook's thread: Twilio should hear back at once, not after our SMS went out. */
  @org.springframework.scheduling.annotation.Async
  @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
  public void onReceipt(NotDelivered event) {
    deliveries
        .findById(event.deliveryId())
        .filter(d -> d.fallbackFor() == null)
        .filter(d -> d.sentAt() != null && !tooLate(d.sentAt()))
        .ifPresent(
            d ->
                fallBack(
                    d,
                    "WhatsApp reports the message "
                        + event.status().name().toLowerCase()
                        + (event.errorCode() == null ? "" : " (error " + event.errorCode() + ")")));
  }

  /** Messages WhatsApp has not delivered in time, and fallbacks whose last attempt failed. */
  @Scheduled(
      fixedDelayString = "${guest-journey.messaging.fallback-check-every:PT20S}",
      initialDelayString = "${guest-journey.messaging.fallback-check-every:PT20S}")
  void check() {
    Instant now = clock.instant();
    for (MessageDelivery d : deliveries.findWhatsAppAwaitingFallback(now.minus(window()), now)) {
      fallBack(
          d,
          "Not delivered by WhatsApp in time (provider status: "
              + (d.providerStatus() == null ? "none yet" : d.providerStatus().toLowerCase())
              + ")");
    }
    for (MessageDelivery d :
        deliveries.findFallbacksToRetry(now.minus(settings.retryBackoff()), MAX_ATTEMPTS)) {
      try {
        messaging.retryFallback(d);
      } catch (RuntimeException e) {
        log.info("SMS fallback {} not sent yet: {}", d.id(), e.getMessage());
      }
    }
  }

  private void fallBack(MessageDelivery original, String why) {
    try {
      messaging.sendFallback(original, why);
    } catch (RuntimeException e) {
      // recorded as failed on the fallback message; the next check tries it again
      log.info("SMS fallback for message {} not sent yet: {}", original.id(), e.getMessage());
    }
  }

  /** A fallback is worth sending only while the message is still current. */
  private boolean tooLate(Instant sentAt) {
    return sentAt.plus(window()).isBefore(clock.instant());
  }

  private Duration window() {
    return settings.staleAfter();
  }
}
