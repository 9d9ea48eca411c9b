package org.guestjourney.studio;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.guestjourney.messaging.MessageTexts;
import org.guestjourney.messaging.MessageTexts.MessageText;
import org.guestjourney.web.ApiController;
import org.guestjourney.web.NotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;

/**
 * The message editor's JSON (managers, session and CSRF): a house's own text of a message in one
 * language, saving it (problem+json naming the field at fault; nothing stored then) and previewing
 * a text on a real booking with the SMS's length.
 */
@ApiController
class StudioMessageApi {

  private static final String PATH =
      "/studio/api/messages/{propertyId}/{key:[a-z0-9][a-z0-9-]{0,80}}/{language:[a-zA-Z-]{2,10}}";

  private final StudioMessages messages;

  StudioMessageApi(StudioMessages messages) {
    this.messages = messages;
  }

  record PreviewRequest(
      String emailSubject,
      @org.guestjourney.web.MultiLine String emailBody,
      @org.guestjourney.web.MultiLine String smsText,
      Long bookingId,
      String channel) {}

  /**
   * "Send a test to me": the draft text, filled in with a booking, to the manager's own address.
   */
  @PostMapping(PATH + "/test")
  Map<String, Object> sendTest(
      @PathVariable long propertyId,
      @PathVariable String key,
      @PathVariable String language,
      @RequestBody PreviewRequest request,
      Authentication who) {
    StudioMessages.TestSent sent =
        messages.sendTest(
            propertyId,
            key,
            language,
            new MessageText(request.emailSubject(), request.emailBody(), request.smsText()),
            request.bookingId(),
            request.channel(),
            who.getName());
    return Map.of(
        "sent", true,
        "channel", sent.channel().name(),
        "recipient", sent.recipient(),
        "bookingId", sent.bookingId(),
        "test", true);
  }

  @ExceptionHandler(StudioMessages.NoOwnAddressException.class)
  ResponseEntity<ProblemDetail> noOwnAddress(StudioMessages.NoOwnAddressException e) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_ENTITY, e.getMessage());
    problem.setTitle("No address of your own");
    problem.setType(URI.create("/problems/no-own-address"));
    problem.setProperty("field", e.field());
    problem.setProperty(
        "errors", java.util.List.of(Map.of("field", e.field(), "message", e.getMessage())));
    return ResponseEntity.status(HttpStatus.UNPROCESSABLE_ENTITY)
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem);
  }

  @ExceptionHandler(StudioMessages.TestNotSentException.class)
  ResponseEntity<ProblemDetail> notSent(StudioMessages.TestNotSentException e) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.BAD_GATEWAY, "The test could not be sent: " + e.getMessage());
    problem.setTitle("Test not sent");
    return ResponseEntity.status(HttpStatus.BAD_GATEWAY)
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem);
  }

  @GetMapping(PATH)
  Map<String, Object> get(
      @PathVariable long propertyId, @PathVariable String key, @PathVariable String language) {
    Map<String, Object> answer = new HashMap<>();
    answer.put("text", messages.own(propertyId, key, language).orElse(null));
    answer.put(
        "variables",
        MessageTexts.variables().stream()
            .map(v -> Map.of("name", v.name(), "meaning", v.meaning()))
            .toList());
    answer.put("languages", messages.coverage(messages.property(propertyId), key));
    return answer;
  }

  @PutMapping(PATH)
  Map<String, Object> save(
      @PathVariable long propertyId,
      @PathVariable String key,
      @PathVariable String language,
      @RequestBody MessageText text,
      Authentication who) {
    messages.save(propertyId, key, language, text, who.getName());
    return Map.of(
        "saved", true, "languages", messages.coverage(messages.property(propertyId), key));
  }

  @DeleteMapping(PATH)
  ResponseEntity<Void> remove(
      @PathVariable long propertyId, @PathVariable String key, @PathVariable String language) {
    messages.remove(propertyId, key, language);
    return ResponseEntity.noContent().build();
  }

  @PostMapping(PATH + "/preview")
  StudioMessages.Preview preview(
      @PathVariable long propertyId,
      @PathVariable String key,
      @PathVariable String language,
      @RequestBody PreviewRequest request) {
    return messages
        .preview(
            propertyId,
            key,
            language,
            new MessageText(request.emailSubject(), request.emailBody(), request.smsText()),
            request.bookingId())
        .orElseThrow(
            () -> new NotFoundException("No booking of this house to preview the message with"));
  }
}
