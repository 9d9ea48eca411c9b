package org.guestjourney.property;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.mail.internet.MimeMessage;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.guestjourney.booking.Booking;
import org.guestjourney.messaging.DeliveryState;
import org.guestjourney.messaging.MessageStep;
import org.guestjourney.messaging.MessagingService;
import org.guestjourney.support.JourneyIntegrationTest;
import org.guestjourney.support.Mails;
import org.guestjourney.support.PageForms;
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
 * A manager changes the house information (on the page or with the API) and the next message
 * rendered uses it, escaped; an invalid change names its fields and stores nothing.
 */
class HouseInformationTest extends JourneyIntegrationTest {

  @Autowired TestRestTemplate anonymous;
  @Autowired ObjectMapper json;
  @Autowired MessagingService messaging;

  @Test
  void theNextMessageTellsGuestsTheChangedHouseInformation() throws Exception {
    Property property = data.property("Europe/Rome", "en");
    Map<String, Object> house = house("16:30", "https://casa.example/manual");
    house.put("cancellationPolicy", "Free until <b>3</b> days before arrival");
    house.put("wifi", "CasaVerde <i>guests</i> / sole2026");

    ResponseEntity<String> put =
        manager()
            .exchange(
                "/api/properties/" + property.id() + "/house",
                HttpMethod.PUT,
                entity(house),
                String.class);
    assertThat(put.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(json.readTree(put.getBody()).path("checkInTime").asText()).isEqualTo("16:30:00");

    // the confirmation sent next carries the new terms, as text
    String email = data.uniqueEmail();
    LocalDate arrival = LocalDate.ofInstant(engine.now(), property.timeZone()).plusDays(20);
    Booking booking = data.book(data.request(property, arrival, 2, email, "en"));
    data.awaitState(booking.id(), MessageStep.BOOKING_CONFIRMATION, DeliveryState.SENT);
    MimeMessage confirmation = TestMailServer.to(email).get(0);
    String html = Mails.body(confirmation);
    assertThat(html)
        .contains("Free until &lt;b&gt;3&lt;/b&gt; days before arrival")
        .doesNotContain("<b>3</b>")
        .contains("16:30");

    // the welcome, rendered now, has the Wi-Fi (escaped) and the manual
    String welcome = messaging.preview(booking.id(), MessageStep.WELCOME, Map.of()).htmlBody();
    assertThat(welcome)
        .contains("CasaVerde &lt;i&gt;guests&lt;/i&gt; / sole2026")
        .contains("https://casa.example/manual");
  }

  @Test
  void anInvalidChangeNamesTheFieldsAndStoresNothing() throws Exception {
    Property property = data.property("Europe/Rome", "en");
    TestRestTemplate manager = manager();
    String before =
        manager.getForObject("/api/properties/" + property.id() + "/house", String.class);

    Map<String, Object> house = house(null, "javascript:alert(1)");
    house.put("address", "x".repeat(501));
    ResponseEntity<String> put =
        manager.exchange(
            "/api/properties/" + property.id() + "/house",
            HttpMethod.PUT,
            entity(house),
            String.class);

    assertThat(put.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(put.getHeaders().getContentType().toString()).startsWith("application/problem+json");
    List<String> fields = json.readTree(put.getBody()).path("errors").findValuesAsText("field");
    assertThat(fields).containsExactlyInAnyOrder("checkInTime", "houseManualUrl", "address");

    Map<String, Object> nul = house("15:00", null);
    nul.put("wifi", "net\u0000work");
    ResponseEntity<String> withNul =
        manager.exchange(
            "/api/properties/" + property.id() + "/house",
            HttpMethod.PUT,
            entity(nul),
            String.class);
    assertThat(withNul.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(json.readTree(withNul.getBody()).path("errors").findValuesAsText("field"))
        .containsExactly("wifi");
    assertThat(manager.getForObject("/api/properties/" + property.id() + "/house", String.class))
        .isEqualTo(before);

    // front desk may read but not change it
    TestRestTemplate frontDesk = SignedIn.as(anonymous, "frontdesk");
    assertThat(
            frontDesk
                .exchange(
                    "/api/properties/" + property.id() + "/house",
                    HttpMethod.PUT,
                    entity(house("15:00", null)),
                    String.class)
                .getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
  }

  @Test
  void theHousePageSavesAndShowsWhatTheManagerTyped() {
    Property property = data.property("Europe/Rome", "en");
    TestRestTemplate manager = manager();
    String page = "/properties/" + property.id() + "/house";
    Map<String, String> form = new HashMap<>();
    form.put("address", "Via Roma 1 <script>alert(1)</script>");
    form.put("keyHandover", "Lock box 4711 left of the door");
    form.put("checkInTime", "14:00");
    form.put("checkOutTime", "10:30");
    assertThat(PageForms.submitAndShow(manager, page, page, form))
        .contains("Saved. The next message sent uses it.")
        .contains("Lock box 4711 left of the door")
        .contains("Via Roma 1 &lt;script&gt;")
        .doesNotContain("<script>alert(1)</script>")
        .contains("value=\"14:00\"");

    form.put("checkInTime", "2pm");
    assertThat(PageForms.submitAndShow(manager, page, page, form))
        .contains("checkInTime must be a time such as 15:00");
    JsonNode stored =
        readTree(manager.getForObject("/api/properties/" + property.id() + "/house", String.class));
    assertThat(stored.path("checkInTime").asText()).isEqualTo("14:00:00");
  }

  private JsonNode readTree(String body) {
    try {
      return json.readTree(body);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static Map<String, Object> house(String checkIn, String manual) {
    Map<String, Object> house = new HashMap<>();
    house.put("address", "Via Roma 1, Firenze");
    house.put("directions", "Bus 12 to Piazza Roma");
    house.put("keyHandover", "Lock box by the door, code by SMS");
    house.put("wifi", null);
    house.put("houseManualUrl", manual);
    house.put("checkInTime", checkIn);
    house.put("checkOutTime", "10:00");
    house.put("cancellationPolicy", "Free until 7 days before arrival");
    house.put("deposit", "30% at booking");
    house.put("fees", "City tax EUR 2 per night");
    return house;
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
