package org.guestjourney.journey;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import org.guestjourney.booking.Booking;
import org.guestjourney.property.Property;
import org.guestjourney.security.ApiKey;
import org.guestjourney.support.JourneyIntegrationTest;
import org.guestjourney.support.SignedIn;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** A booking's whole-stay plan over the API: the deployed models' moments, and who may read it. */
class JourneyPlanApiTest extends JourneyIntegrationTest {

  @Autowired TestRestTemplate anonymous;
  @Autowired ObjectMapper json;

  @Test
  void thePlanGivesTheModelsMomentsAndWhatHappenedSoFar() throws Exception {
    Property property = data.property("Europe/Rome", LocalTime.of(10, 0), 3, "en");
    Booking booking = data.bookArrivingIn(property, 10, data.uniqueEmail());
    TestRestTemplate reader = SignedIn.withKey(anonymous, data.apiKey(ApiKey.Scope.READ, property));

    ResponseEntity<String> response =
        reader.getForEntity("/api/bookings/" + booking.id() + "/plan", String.class);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    JsonNode plan = json.readTree(response.getBody());
    JsonNode confirmation = step(plan, "booking-confirmation");
    assertThat(confirmation.path("state").asText()).isEqualTo("sent");
    assertThat(confirmation.path("sentAt").isNull()).isFalse();
    JsonNode guide = step(plan, "check-in-guide");
    assertThat(guide.path("state").asText()).isEqualTo("planned");
    assertThat(guide.path("journey").asText()).isEqualTo("pre-arrival");
    LocalDate arrival = booking.arrivalDate();
    Instant threeDaysBeforeAtTen =
        ZonedDateTime.of(arrival.minusDays(3), LocalTime.of(10, 0), property.timeZone())
            .toInstant();
    assertThat(Instant.parse(guide.path("at").asText())).isEqualTo(threeDaysBeforeAtTen);
    assertThat(Instant.parse(guide.path("at").asText()))
        .isEqualTo(
            data.plannedAt(booking.id(), org.guestjourney.messaging.MessageStep.CHECK_IN_GUIDE));
  }

  @Test
  void anotherHousesKeyAndNoKeyReadNothing() throws Exception {
    Property property = data.property("Europe/Rome", "en");
    Property other = data.property("Europe/Rome", "en");
    Booking booking = data.bookArrivingIn(property, 10, data.uniqueEmail());

    ResponseEntity<String> otherHouse =
        SignedIn.withKey(anonymous, data.apiKey(ApiKey.Scope.READ, other))
            .getForEntity("/api/bookings/" + booking.id() + "/plan", String.class);
    assertThat(otherHouse.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(otherHouse.getHeaders().getContentType())
        .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(otherHouse.getBody()).doesNotContain("check-in-guide");

    ResponseEntity<String> noKey =
        anonymous.getForEntity("/api/bookings/" + booking.id() + "/plan", String.class);
    assertThat(noKey.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  private static JsonNode step(JsonNode plan, String message) {
    for (JsonNode step : plan) {
      if (message.equals(step.path("message").asText())) {
        return step;
      }
    }
    throw new AssertionError("No " + message + " in " + plan);
  }
}
