package org.guestjourney.messaging.providers.twilio;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Twilio account behind SMS and WhatsApp. Nothing here has a secret default: without an account
 * SID and auth token (from the environment, {@code GUEST_JOURNEY_TWILIO_ACCOUNTSID} and {@code
 * GUEST_JOURNEY_TWILIO_AUTHTOKEN}) both channels say they are unavailable and never call Twilio,
 * and the webhooks accept nothing.
 *
 * @param accountSid the account ({@code AC...})
 * @param authToken the account's auth token: authenticates our calls and signs Twilio's webhooks
 * @param smsFrom the SMS sender, an E.164 number such as {@code +393331234567}
 * @param whatsappFrom the WhatsApp sender, an E.164 number (sent as {@code whatsapp:+...})
 * @param messagingServiceSid a Messaging Service ({@code MG...}) that picks the SMS sender, used
 *     instead of {@code smsFrom} when that is not set
 * @param apiBaseUrl where Twilio's REST API is; only a local imitation (tests, demos) changes it
 * @param publicBaseUrl how Twilio reaches this app, e.g. {@code https://guests.example.com}: the
 *     base of the status callback and of the URL that webhook signatures are computed over ({@code
 *     application.yaml} falls back to {@code guest-journey.public-base-url}); no status callback is
 *     requested while it is a local address Twilio cannot reach
 * @param requestTimeout how long one call to Twilio may take; after that its outcome is unknown and
 *     the next attempt first looks for the message at Twilio
 * @param authTokens auth tokens of the Twilio accounts that properties have of their own, by
 *     account SID ({@code GUESTJOURNEY_TWILIO_AUTHTOKENS_<SID>})
 */
@ConfigurationProperties("guest-journey.twilio")
record TwilioProperties(
    String accountSid,
    String authToken,
    String smsFrom,
    String whatsappFrom,
    String messagingServiceSid,
    @DefaultValue(TwilioProperties.TWILIO_API) String apiBaseUrl,
    String publicBaseUrl,
    @DefaultValue("PT10S") Duration requestTimeout,
    java.util.Map<String, String> authTokens) {

  static final String TWILIO_API = "https://api.twilio.com";

  static final String NO_ACCOUNT =
      "SMS/WhatsApp disabled: no Twilio account configured"
          + " (GUEST_JOURNEY_TWILIO_ACCOUNTSID, GUEST_JOURNEY_TWILIO_AUTHTOKEN)";

  /** Why Twilio cannot be used at all, or empty when an account is configured. */
  Optional<String> unconfigured() {
    return present(accountSid) && present(authToken) ? Optional.empty() : Optional.of(NO_ACCOUNT);
  }

  /** The auth token of {@code accountSid}: the installation's account or a property's own. */
  Optional<String> tokenFor(String accountSid) {
    if (accountSid == null) {
      return Optional.empty();
    }
    if (accountSid.equalsIgnoreCase(accountSid()) && present(authToken)) {
      return Optional.of(authToken);
    }
    if (authTokens == null) {
      return Optional.empty();
    }
    return authTokens.entrySet().stream()
        .filter(e -> e.getKey().equalsIgnoreCase(accountSid.strip()) && present(e.getValue()))
        .map(java.util.Map.Entry::getValue)
        .findFirst();
  }

  /** The status callback URL, when Twilio can reach us. */
  Optional<String> statusCallbackUrl() {
    return publicBase()
        .filter(base -> !isLocal(base))
        .map(base -> base + TwilioWebhookController.STATUS_PATH);
  }

  /** {@code publicBaseUrl} without a trailing slash, when set. */
  Optional<String> publicBase() {
    return present(publicBaseUrl)
        ? Optional.of(publicBaseUrl.strip().replaceAll("/+$", ""))
        : Optional.empty();
  }

  private static boolean isLocal(String url) {
    String host = URI.create(url).getHost();
    return host == null
        || host.equals("localhost")
        || host.startsWith("127.")
        || host.equals("[::1]");
  }

  static boolean present(String value) {
    return value != null && !value.isBlank();
  }
}
