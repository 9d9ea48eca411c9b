package org.guestjourney.messaging.email;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import org.guestjourney.web.ApiController;
import org.guestjourney.web.FieldViolation;
import org.guestjourney.web.InvalidRequestException;
import org.guestjourney.web.Violations;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;

/**
 * Bounces and spam complaints from the mail provider, in one provider-neutral shape (a relay or the
 * provider's own webhook mapping turns SES/SNS, Postmark or SendGrid events into it). The caller
 * authenticates with {@code Authorization: Bearer <guest-journey.mail.webhook-token>}; without a
 * configured token the endpoint accepts nothing. A batch is checked whole before anything is
 * recorded.
 */
@ApiController
class MailFeedbackWebhook {

  static final String PATH = "/webhooks/mail/events";

  private final MailFeedbackService feedback;
  private final String token;
  private final com.fasterxml.jackson.databind.ObjectMapper json;

  MailFeedbackWebhook(
      MailFeedbackService feedback,
      @Value("${guest-journey.mail.webhook-token:}") String token,
      com.fasterxml.jackson.databind.ObjectMapper json) {
    this.feedback = feedback;
    this.token = token;
    this.json = json;
  }

  /** One event as the provider (or relay) posts it. */
  record Event(
      String id,
      String type,
      String email,
      String messageId,
      Boolean permanent,
      @org.guestjourney.web.MultiLine String detail) {}

  record Batch(String provider, List<Event> events) {}

  record Outcome(int recorded, int repeated) {}

  @PostMapping(PATH)
  ResponseEntity<?> receive(
      @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
      @RequestBody(required = false) byte[] body) {
    if (token == null || token.isBlank()) {
      return problem(HttpStatus.SERVICE_UNAVAILABLE, "Mail feedback is not configured");
    }
    if (authorization == null
        || !MessageDigest.isEqual(
            authorization.getBytes(StandardCharsets.UTF_8),
            ("Bearer " + token).getBytes(StandardCharsets.UTF_8))) {
      return problem(HttpStatus.UNAUTHORIZED, "Missing or wrong token");
    }
    // only now, with the caller known, is the body read
    Batch batch;
    try {
      batch = body == null || body.length == 0 ? null : json.readValue(body, Batch.class);
    } catch (java.io.IOException e) {
      return problem(HttpStatus.BAD_REQUEST, "The request body is not a batch of events as JSON");
    }
    List<MailFeedbackService.Report> reports = check(batch);
    int recorded = 0;
    for (MailFeedbackService.Report r : reports) {
      if (feedback.record(r)) {
        recorded++;
      }
    }
    return ResponseEntity.ok(new Outcome(recorded, reports.size() - recorded));
  }

  private static List<MailFeedbackService.Report> check(Batch batch) {
    if (batch == null || batch.events() == null || batch.events().isEmpty()) {
      throw new InvalidRequestException(List.of(new FieldViolation("events", "must not be empty")));
    }
    Violations v = new Violations();
    org.guestjourney.web.ControlCharacters.check(batch, v);
    v.required(batch.provider(), "provider");
    List<MailFeedbackService.Report> reports = new ArrayList<>();
    for (int i = 0; i < batch.events().size(); i++) {
      Event e = batch.events().get(i);
      String at = "events[" + i + "].";
      if (e == null) {
        v.check(false, "events[" + i + "]", "must be an event, not null");
        continue;
      }
      v.required(e.id(), at + "id");
      v.check(
          "bounce".equals(e.type()) || "complaint".equals(e.type()),
          at + "type",
          "must be bounce or complaint");
      if (v.required(e.email(), at + "email")) {
        v.check(
            Violations.EMAIL.matcher(e.email().strip()).matches(),
            at + "email",
            "is not an e-mail address");
      }
      v.maxLength(e.detail(), 1000, at + "detail");
      if (v.isEmpty()) {
        reports.add(
            new MailFeedbackService.Report(
                batch.provider(),
                batch.provider() + ":" + e.id(),
                "complaint".equals(e.type())
                    ? MailFeedbackService.Kind.COMPLAINT
                    : MailFeedbackService.Kind.BOUNCE,
                e.email().strip(),
                e.messageId(),
                e.permanent() == null || e.permanent(),
                e.detail()));
      }
    }
    v.throwIfAny();
    return reports;
  }

  private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
    ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
    return ResponseEntity.status(status)
        .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
        .body(body);
  }
}
