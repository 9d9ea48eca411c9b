package org.guestjourney.studio;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.mail.internet.MimeMessage;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.guestjourney.booking.Booking;
import org.guestjourney.booking.BookingRequest;
import org.guestjourney.messaging.DeliveryState;
import org.guestjourney.messaging.MessageStep;
import org.guestjourney.property.Property;
import org.guestjourney.support.JourneyIntegrationTest;
import org.guestjourney.support.Mails;
import org.guestjourney.support.SignedIn;
import org.guestjourney.support.TestMailServer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * A manager writes the house's own text of a message in the studio: only listed variables, a
 * preview on a real booking with the SMS's length and encoding, a warning for a language without
 * text; the next message uses it, and nothing a guest or manager typed is rendered unescaped.
 */
class StudioMessagesTest extends JourneyIntegrationTest {

  @Autowired TestRestTemplate anonymous;
  @Autowired ObjectMapper json;

  @Test
  void theHousesOwnConfirmationGoesOutWithItsVariablesEscaped() throws Exception {
    Property property = data.property("Europe/Rome", "en");
    String path = "/studio/api/messages/" + property.id() + "/booking-confirmation/en";
    ResponseEntity<String> saved =
        manager()
            .exchange(
                path,
                HttpMethod.PUT,
                entity(
                    text(
                        "{{guest.name}}, see you on {{booking.arrivalDate}}",
                        "Dear {{guest.name}},\n\nCheck-in from {{property.checkInTime}}. <b>Bring"
                            + " sunscreen</b>",
                        null)),
                String.class);
    assertThat(saved.getStatusCode()).isEqualTo(HttpStatus.OK);

    String email = data.uniqueEmail();
    LocalDate arrival = LocalDate.ofInstant(engine.now(), property.timeZone()).plusDays(20);
    BookingRequest request = data.request(property, arrival, 2, email, "en");
    request =
        new BookingRequest(
            request.propertyId(),
            request.externalReference(),
            request.sourceChannel(),
            request.arrivalDate(),
            request.departureDate(),
            request.room(),
            request.partySize(),
            request.specialRequests(),
            new BookingRequest.GuestDetails(
                "Mia <script>x()</script> Rossi",
                request.guest().email(),
                request.guest().phone(),
                "en"));
    Booking booking = data.book(request);
    data.awaitState(booking.id(), MessageStep.BOOKING_CONFIRMATION, DeliveryState.SENT);
    MimeMessage mail = TestMailServer.to(email).get(0);
    assertThat(mail.getSubject())
        .isEqualTo("Mia <script>x()</script> Rossi, see you on " + arrival);
    String body = Mails.body(mail);
    assertThat(body)
        .contains("Dear Mia &lt;script&gt;x()&lt;/script&gt; Rossi,")
        .contains("Check-in from 15:00. &lt;b&gt;Bring sunscreen&lt;/b&gt;")
        .doesNotContain("<script>")
        .doesNotContain("<b>Bring");
  }

  @Test
  void onlyListedVariablesAreAcceptedAndNothingIsStoredOtherwise() throws Exception {
    Property property = data.property("Europe/Rome", "en");
    String path = "/studio/api/messages/" + property.id() + "/welcome/en";
    ResponseEntity<String> refused =
        manager()
            .exchange(
                path,
                HttpMethod.PUT,
                entity(text("Welcome", "Your password: {{guest.password}}", "Hi {{guest.nme}}")),
                String.class);
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(refused.getHeaders().getContentType().toString())
        .startsWith("application/problem+json");
    JsonNode errors = json.readTree(refused.getBody()).path("errors");
    assertThat(errors.findValuesAsText("field")).containsExactlyInAnyOrder("emailBody", "smsText");
    assertThat(errors.toString()).contains("{{guest.password}}");
    JsonNode stored = json.readTree(manager().getForObject(path, String.class));
    assertThat(stored.hasNonNull("text")).as("nothing stored: " + stored).isFalse();
    assertThat(stored.path("variables").toString()).contains("guest.name");

    ResponseEntity<String> subjectOnly =
        manager().exchange(path, HttpMethod.PUT, entity(text("Hello", null, null)), String.class);
    assertThat(subjectOnly.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(subjectOnly.getBody()).contains("\"field\":\"emailBody\"");
  }

  @Test
  void previewsOnARealBookingWithTheSmsLengthAndWarnsOfAMissingLanguage() throws Exception {
    Property property = data.property("Europe/Rome", "en", "zh-CN");
    String email = data.uniqueEmail();
    LocalDate arrival = LocalDate.ofInstant(engine.now(), property.timeZone()).plusDays(20);
    Booking booking = data.book(data.request(property, arrival, 2, email, "en"));

    String path = "/studio/api/messages/" + property.id() + "/local-tips/en";
    Map<String, Object> draft =
        text(null, null, "Hi {{guest.name}}, dinner tips for {{property.name}}");
    draft.put("bookingId", booking.id());
    JsonNode preview =
        json.readTree(manager().postForObject(path + "/preview", entity(draft), String.class));
    assertThat(preview.path("bookingId").asLong()).isEqualTo(booking.id());
    assertThat(preview.path("sms").asText())
        .startsWith("Hi ")
        .endsWith(", dinner tips for " + property.name());
    assertThat(preview.path("smsLength").path("encoding").asText()).isEqualTo("GSM-7");
    assertThat(preview.path("smsLength").path("segments").asInt()).isEqualTo(1);

    draft.put("smsText", "Ci vediamo domani ☀ {{property.name}}");
    JsonNode ucs2 =
        json.readTree(manager().postForObject(path + "/preview", entity(draft), String.class));
    assertThat(ucs2.path("smsLength").path("encoding").asText()).isEqualTo("UCS-2");

    // a new message with an English text only: Chinese is missing, and the pages say so
    draft.remove("bookingId");
    assertThat(
            manager().exchange(path, HttpMethod.PUT, entity(draft), String.class).getStatusCode())
        .isEqualTo(HttpStatus.OK);
    String list = manager().getForObject("/studio/messages/" + property.id(), String.class);
    assertThat(list).contains("data-message=\"local-tips\"").contains("data-missing=\"zh-CN\"");
    String editor =
        manager()
            .getForObject("/studio/messages/" + property.id() + "/local-tips/en", String.class);
    assertThat(editor)
        .contains("data-testid=\"missing-language\"")
        .contains("No text in zh-CN")
        .contains("{{guest.name}}");

    assertThat(
            SignedIn.as(anonymous, "frontdesk")
                .getForEntity("/studio/messages/" + property.id(), String.class)
                .getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
  }

  private static Map<String, Object> text(String subject, String body, String sms) {
    Map<String, Object> text = new HashMap<>();
    text.put("emailSubject", subject);
    text.put("emailBody", body);
    text.put("smsText", sms);
    return text;
  }

  private static HttpEntity<Map<String, Object>> entity(Map<String, Object> body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    headers.setAccept(List.of(MediaType.APPLICATION_JSON));
    return new HttpEntity<>(body, headers);
  }

  private TestRestTemplate manager() {
    return SignedIn.as(anonymous, "manager");
  }
}
