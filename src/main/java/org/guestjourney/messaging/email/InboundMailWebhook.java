package org.guestjourney.messaging.email;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.guestjourney.messaging.InboundMessageService;
import org.guestjourney.messaging.InboundMessageService.InboundEmail;
import org.guestjourney.messaging.ReplyAddresses;
import org.guestjourney.web.ApiController;
import org.guestjourney.web.Violations;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;

/**
 * Guests' e-mail replies, as an inbound-mail provider posts them: Postmark's inbound JSON (other
 * providers' parsed-mail webhooks map onto the same few fields). The provider authenticates with
 * the inbound token ({@code guest-journey.mail.inbound-token}) as a bearer token or as the password
 * of HTTP Basic credentials in the webhook URL ({@code https://inbound:<token>@…}); without a
 * configured token nothing is accepted. The reply token in the address it was sent to says which
 * booking it belongs to (ADR 0061); an e-mail naming no booking is kept, unmatched, for a person.
 */
@ApiController
class InboundMailWebhook {

  static final String PATH = "/webhooks/mail/inbound";

  private final InboundMessageService inbound;
  private final ReplyAddresses addresses;
  private final ObjectMapper json;
  private final String token;

  InboundMailWebhook(
      InboundMessageService inbound,
      ReplyAddresses addresses,
      ObjectMapper json,
      @Value("${guest-journey.mail.inbound-token:}") String token) {
    this.inbound = inbound;
    this.addresses = addresses;
    this.json = json;
    this.token = token;
  }

  /** An address as Postmark lists it. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Address(@JsonProperty("Email") String email, @JsonProperty("Name") String name) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Header(@JsonProperty("Name") String name, @JsonProperty("Value") String value) {}

  /** The fields of Postmark's inbound JSON this app reads; the others are ignored. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Mail(
      @JsonProperty("MessageID") String providerId,
      @JsonProperty("From") String from,
      @JsonProperty("FromFull") Address fromFull,
      @JsonProperty("To") String to,
      @JsonProperty("ToFull") List<Address> toFull,
      @JsonProperty("CcFull") List<Address> ccFull,
      @JsonProperty("OriginalRecipient") String originalRecipient,
      @JsonProperty("Subject") String subject,
      @JsonProperty("TextBody") String textBody,
      @JsonProperty("HtmlBody") String htmlBody,
      @JsonProperty("Headers") List<Header> headers) {}

  record Outcome(boolean stored, boolean matched) {}

  @PostMapping(PATH)
  ResponseEntity<?> receive(
      @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
      @RequestBody(required = false) byte[] body) {
    if (token == null || token.isBlank()) {
      return problem(HttpStatus.SERVICE_UNAVAILABLE, "Inbound e-mail is not configured");
    }
    if (!authorised(authorization)) {
      return problem(HttpStatus.UNAUTHORIZED, "Missing or wrong token");
    }
    Mail mail;
    try {
      mail = body == null || body.length == 0 ? null : json.readValue(body, Mail.class);
    } catch (java.io.IOException e) {
      return problem(HttpStatus.BAD_REQUEST, "The request body is not an inbound e-mail as JSON");
    }
    Violations v = new Violations();
    if (mail == null) {
      v.check(false, "From", "must not be empty");
      v.throwIfAny();
    }
    String from = sender(mail).orElse(null);
    if (v.required(from, "From")) {
      v.check(Violations.EMAIL.matcher(from).matches(), "From", "is not an e-mail address");
    }
    String messageId = messageId(mail).orElse(null);
    if (v.required(messageId, "MessageID")) {
      v.maxLength(messageId, 500, "MessageID");
    }
    List<String> recipients = recipients(mail);
    v.check(!recipients.isEmpty(), "To", "must name the address the e-mail was sent to");
    v.throwIfAny();

    // the recipient that names a booking wins; else the first house address; else none of ours
    Optional<ReplyAddresses.Target> target =
        recipients.stream()
            .map(addresses::resolve)
            .flatMap(Optional::stream)
            .filter(t -> t.bookingId() != null)
            .findFirst()
            .or(
                () ->
                    recipients.stream()
                        .map(addresses::resolve)
                        .flatMap(Optional::stream)
                        .findFirst());
    String to =
        recipients.stream()
            .filter(r -> addresses.resolve(r).isPresent())
            .findFirst()
            .orElse(recipients.getFirst());
    String subject = mail.subject() == null ? "" : mail.subject().strip();
    subject =
        subject.replaceAll("\\p{Cntrl}", " ").length() > 200
            ? subject.substring(0, 200) + " …"
            : subject.replaceAll("\\p{Cntrl}", " ");
    boolean stored =
        inbound.receiveEmail(
            new InboundEmail(
                messageId,
                from,
                to.length() > 254 ? to.substring(0, 254) : to,
                subject,
                ReplyText.of(mail.textBody(), mail.htmlBody()),
                target.map(ReplyAddresses.Target::propertyId).orElse(null),
                target.map(ReplyAddresses.Target::bookingId).orElse(null)));
    return ResponseEntity.ok(
        new Outcome(stored, target.map(t -> t.bookingId() != null).orElse(false)));
  }

  private boolean authorised(String authorization) {
    if (authorization == null) {
      return false;
    }
    String presented = null;
    if (authorization.startsWith("Bearer ")) {
      presented = authorization.substring(7);
    } else if (authorization.startsWith("Basic ")) {
      try {
        String pair =
            new String(
                Base64.getDecoder().decode(authorization.substring(6).strip()),
                StandardCharsets.UTF_8);
        presented = pair.contains(":") ? pair.substring(pair.indexOf(':') + 1) : null;
      } catch (IllegalArgumentException e) {
        return false;
      }
    }
    return presented != null
        && MessageDigest.isEqual(
            presented.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
  }

  private static Optional<String> sender(Mail mail) {
    if (mail.fromFull() != null && mail.fromFull().email() != null) {
      return Optional.of(mail.fromFull().email().strip());
    }
    return parse(mail.from()).stream().findFirst();
  }

  /** The e-mail's own Message-ID (the same e-mail posted twice carries the same). */
  private static Optional<String> messageId(Mail mail) {
    if (mail.headers() != null) {
      for (Header h : mail.headers()) {
        if (h != null
            && "Message-ID".equalsIgnoreCase(h.name())
            && h.value() != null
            && !h.value().isBlank()) {
          return Optional.of(h.value().strip());
        }
      }
    }
    return Optional.ofNullable(mail.providerId())
        .filter(id -> !id.isBlank())
        .map(id -> "postmark:" + id.strip());
  }

  /** Every address the e-mail was sent to, the one the provider received it for first. */
  private static List<String> recipients(Mail mail) {
    List<String> all = new ArrayList<>();
    if (mail.originalRecipient() != null && !mail.originalRecipient().isBlank()) {
      all.add(mail.originalRecipient().strip());
    }
    for (List<Address> list : java.util.Arrays.asList(mail.toFull(), mail.ccFull())) {
      if (list != null) {
        list.stream()
            .filter(a -> a != null && a.email() != null && !a.email().isBlank())
            .forEach(a -> all.add(a.email().strip()));
      }
    }
    all.addAll(parse(mail.to()));
    return all.stream().distinct().toList();
  }

  private static List<String> parse(String addresses) {
    if (addresses == null || addresses.isBlank()) {
      return List.of();
    }
    try {
      return java.util.Arrays.stream(InternetAddress.parse(addresses, false))
          .map(InternetAddress::getAddress)
          .filter(a -> a != null && !a.isBlank())
          .toList();
    } catch (AddressException e) {
      return List.of();
    }
  }

  private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
    ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
  }
}
