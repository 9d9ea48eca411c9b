package org.guestjourney.messaging.providers.twilio;

import com.twilio.security.RequestValidator;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.guestjourney.messaging.ChannelType;
import org.guestjourney.messaging.DeliveryStatusService;
import org.guestjourney.messaging.InboundMessageService;
import org.guestjourney.messaging.ProviderStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What Twilio calls: delivery receipts for the messages we sent, and what guests write back. A
 * request counts only if its {@code X-Twilio-Signature} is Twilio's HMAC, made with our auth token,
 * of the URL Twilio called ({@code guest-journey.twilio.public-base-url} plus path and query) and
 * the form parameters; anything else is answered 401 before a single parameter is used. These
 * endpoints need no login and no CSRF token: the signature is their authentication.
 */
@RestController
class TwilioWebhookController {

  static final String STATUS_PATH = "/webhooks/twilio/status";
  static final String INBOUND_PATH = "/webhooks/twilio/inbound";
  static final String SIGNATURE = "X-Twilio-Signature";
  static final MediaType TWIML = new MediaType("text", "xml", StandardCharsets.UTF_8);

  private static final Logger log = LoggerFactory.getLogger(TwilioWebhookController.class);

  /** Twilio's message statuses that move a delivery on; the others are not ours to record. */
  static final Map<String, ProviderStatus> STATUSES =
      Map.of(
          "accepted", ProviderStatus.QUEUED,
          "queued", ProviderStatus.QUEUED,
          "sending", ProviderStatus.QUEUED,
          "sent", ProviderStatus.SENT,
          "delivered", ProviderStatus.DELIVERED,
          "undelivered", ProviderStatus.UNDELIVERED,
          "failed", ProviderStatus.FAILED,
          "read", ProviderStatus.READ);

  private final TwilioProperties properties;
  private final DeliveryStatusService deliveries;
  private final InboundMessageService inbound;

  TwilioWebhookController(
      TwilioProperties properties,
      DeliveryStatusService deliveries,
      InboundMessageService inbound) {
    this.properties = properties;
    this.deliveries = deliveries;
    this.inbound = inbound;
  }

  /** A delivery receipt. Repeated or late receipts are harmless: statuses only move forward. */
  @PostMapping(STATUS_PATH)
  ResponseEntity<Void> status(HttpServletRequest request) {
    Optional<Map<String, String>> params = signedParameters(request);
    if (params.isEmpty()) {
      return ResponseEntity.status(refusal()).build();
    }
    String sid = params.get().get("MessageSid");
    String reported = params.get().get("MessageStatus");
    if (sid == null || reported == null) {
      // signed, but not a status callback: nothing to record, and nothing to retry
      return ResponseEntity.badRequest().build();
    }
    ProviderStatus status = STATUSES.get(reported);
    if (status != null) {
      String errorCode = params.get().get("ErrorCode");
      deliveries.record(sid, status, errorCode == null || errorCode.isBlank() ? null : errorCode);
    }
    return ResponseEntity.noContent().build();
  }

  /**
   * A guest's message. Opt-out and opt-in keywords are recorded by {@link InboundMessageService};
   * its answer, if any (HELP), goes back to the guest as TwiML.
   */
  @PostMapping(INBOUND_PATH)
  ResponseEntity<String> inbound(HttpServletRequest request) {
    Optional<Map<String, String>> params = signedParameters(request);
    if (params.isEmpty()) {
      return ResponseEntity.status(refusal()).build();
    }
    String from = params.get().get("From");
    String sid = params.get().get("MessageSid");
    if (from == null || sid == null) {
      return ResponseEntity.badRequest().build();
    }
    ChannelType channel =
        from.startsWith(TwilioWhatsAppChannel.PREFIX) ? ChannelType.WHATSAPP : ChannelType.SMS;
    InboundMessageService.Result result =
        inbound.receive(channel, from, params.get().get("To"), params.get().get("Body"), sid);
    String twiml =
        result
            .answer()
            .map(answer -> "<Response><Message>" + xml(answer) + "</Message></Response>")
            .orElse("<Response/>");
    return ResponseEntity.ok().contentType(TWIML).body(twiml);
  }

  /** The form parameters, if Twilio signed them; empty when the request must be refused. */
  private Optional<Map<String, String>> signedParameters(HttpServletRequest request) {
    if (!accepting()) {
      log.warn(
          "Twilio webhook {} refused: {}", request.getRequestURI(), TwilioProperties.NO_ACCOUNT);
      return Optional.empty();
    }
    String signature = request.getHeader(SIGNATURE);
    Map<String, String> params = formParameters(request);
    // signed with the auth token of the account it concerns: the installation's or a property's
    Optional<String> token =
        properties
            .tokenFor(params.get("AccountSid"))
            .or(
                () ->
                    Optional.ofNullable(properties.authToken()).filter(TwilioProperties::present));
    if (signature == null
        || token.isEmpty()
        || !new RequestValidator(token.get()).validate(calledUrl(request), params, signature)) {
      log.warn("Twilio webhook {} refused: missing or wrong signature", request.getRequestURI());
      return Optional.empty();
    }
    return Optional.of(params);
  }

  private HttpStatus refusal() {
    return accepting() ? HttpStatus.UNAUTHORIZED : HttpStatus.SERVICE_UNAVAILABLE;
  }

  /** Whether any account's token is known, so that a signature can be checked at all. */
  private boolean accepting() {
    return properties.unconfigured().isEmpty()
        || (properties.authTokens() != null
            && properties.authTokens().values().stream().anyMatch(TwilioProperties::present));
  }

  /**
   * The URL as Twilio called it: the configured public base (this app usually sits behind a proxy
   * that terminates TLS) plus path and query; the URL as this server saw it when none is set.
   */
  private String calledUrl(HttpServletRequest request) {
    String query = request.getQueryString() == null ? "" : "?" + request.getQueryString();
    return properties
            .publicBase()
            .map(base -> base + request.getRequestURI())
            .orElseGet(() -> request.getRequestURL().toString())
        + query;
  }

  /**
   * The POST body's parameters. The servlet API mixes them with the query string's, which lead;
   * Twilio signs only the body's.
   */
  static Map<String, String> formParameters(HttpServletRequest request) {
    Map<String, Integer> inQuery = new HashMap<>();
    if (request.getQueryString() != null) {
      for (String pair : request.getQueryString().split("&")) {
        String name = URLDecoder.decode(pair.split("=", 2)[0], StandardCharsets.UTF_8);
        inQuery.merge(name, 1, Integer::sum);
      }
    }
    Map<String, String> form = new HashMap<>();
    request
        .getParameterMap()
        .forEach(
            (name, values) -> {
              int skip = inQuery.getOrDefault(name, 0);
              if (values.length > skip) {
                form.put(name, values[skip]);
              }
            });
    return form;
  }

  static String xml(String text) {
    StringBuilder escaped = new StringBuilder(text.length() + 16);
    for (char c : text.toCharArray()) {
      switch (c) {
        case '&' -> escaped.append("&amp;");
        case '<' -> escaped.append("&lt;");
        case '>' -> escaped.append("&gt;");
        case '"' -> escaped.append("&quot;");
        case '\'' -> escaped.append("&apos;");
        default -> {
          if (c >= 0x20 || c == '\n' || c == '\r' || c == '\t') {
            escaped.append(c); // other control characters are not allowed in XML at all
          }
        }
      }
    }
    return escaped.toString();
  }
}
