package org.guestjourney.booking;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.guestjourney.messaging.DeliveryState;
import org.guestjourney.messaging.MessageStep;
import org.guestjourney.property.Property;
import org.guestjourney.support.JourneyIntegrationTest;
import org.guestjourney.support.TestMailServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The booking intake API over HTTP: what it accepts, what it refuses and that refusals store
 * nothing.
 */
class BookingApiTest extends JourneyIntegrationTest {

  @Autowired TestRestTemplate anonymous;
  TestRestTemplate http;
  @Autowired JdbcClient jdbc;
  @Autowired ObjectMapper json;

  Property property;
  LocalDate arrival;

  @BeforeEach
  void property() {
    property = data.property("Europe/Rome", "en", "zh-CN");
    http = org.guestjourney.support.SignedIn.withKey(anonymous, data.writeKey(property));
    arrival = LocalDate.ofInstant(engine.now(), property.timeZone()).plusDays(20);
  }

  Map<String, Object> validBooking(String reference) {
    Map<String, Object> guest = new java.util.HashMap<>();
    guest.put("fullName", "Lena Berger");
    guest.put("email", data.uniqueEmail());
    guest.put("phone", "+436641234567");
    guest.put("preferredLanguage", "en");
    Map<String, Object> body = new java.util.HashMap<>();
    body.put("propertyId", property.id());
    body.put("externalReference", reference);
    body.put("sourceChannel", "booking.com");
    body.put("arrivalDate", arrival.toString());
    body.put("departureDate", arrival.plusDays(3).toString());
    body.put("partySize", 2);
    body.put("guest", guest);
    return body;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> guestOf(Map<String, Object> body) {
    return (Map<String, Object>) body.get("guest");
  }

  ResponseEntity<String> post(Object body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return http.exchange(
        "/api/bookings", HttpMethod.POST, new HttpEntity<>(body, headers), String.class);
  }

  /**
   * Rows a booking request can store synchronously: the booking and its guest. (Messages are only
   * ever planned for a stored booking, asynchronously, so they are left out of the count.)
   */
  long stored() {
    return jdbc.sql("select (select count(*) from booking) + (select count(*) from guest)")
        .query(Long.class)
        .single();
  }

  /** Posts the body and checks: 400, problem+json, the named fields, and nothing stored. */
  List<String> rejected(Object body) throws Exception {
    long before = stored();
    ResponseEntity<String> response = post(body);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.getHeaders().getContentType())
        .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    JsonNode problem = json.readTree(response.getBody());
    assertThat(problem.get("status").asInt()).isEqualTo(400);
    assertThat(problem.get("detail").asText()).contains("nothing was stored");
    List<String> fields = new ArrayList<>();
    problem.get("errors").forEach(e -> fields.add(e.get("field").asText()));
    assertThat(stored()).as("nothing stored").isEqualTo(before);
    return fields;
  }

  @Test
  void acceptsAValidBookingAndStartsItsJourney() throws Exception {
    ResponseEntity<String> response = post(validBooking("BK-OK-1"));
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    JsonNode booking = json.readTree(response.getBody());
    assertThat(response.getHeaders().getLocation())
        .hasToString("/api/bookings/" + booking.get("id").asLong());
    assertThat(booking.get("status").asText()).isEqualTo("CONFIRMED");
    data.journeyOf(booking.get("id").asLong());
    data.awaitState(
        booking.get("id").asLong(), MessageStep.BOOKING_CONFIRMATION, DeliveryState.SENT);
  }

  @Test
  void theSameExternalReferenceTwiceIsOneBookingWithOneJourney() throws Exception {
    Map<String, Object> body = validBooking("BK-DUP-1");
    String email = (String) guestOf(body).get("email");
    ResponseEntity<String> first = post(body);
    ResponseEntity<String> second = post(body);

    assertThat(first.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(second.getStatusCode()).isEqualTo(HttpStatus.OK);
    long id = json.readTree(first.getBody()).get("id").asLong();
    assertThat(json.readTree(second.getBody()).get("id").asLong()).isEqualTo(id);
    assertThat(
            jdbc.sql("select count(*) from booking where external_reference = 'BK-DUP-1'")
                .query(Long.class)
                .single())
        .isEqualTo(1);
    data.awaitState(id, MessageStep.BOOKING_CONFIRMATION, DeliveryState.SENT);
    org.awaitility.Awaitility.await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(4))
        .until(() -> TestMailServer.to(email).size() == 1);
  }

  @Test
  void rejectsAnInvalidEmail() throws Exception {
    Map<String, Object> body = validBooking("BK-E");
    guestOf(body).put("email", "lena.berger@nowhere");
    assertThat(rejected(body)).containsExactly("guest.email");
  }

  @Test
  void rejectsAPhoneNumberNotInE164() throws Exception {
    Map<String, Object> body = validBooking("BK-P");
    guestOf(body).put("phone", "0664 123 4567");
    assertThat(rejected(body)).containsExactly("guest.phone");
  }

  @Test
  void rejectsADepartureNotAfterArrival() throws Exception {
    Map<String, Object> body = validBooking("BK-D");
    body.put("departureDate", arrival.toString());
    assertThat(rejected(body)).containsExactly("departureDate");
  }

  @Test
  void rejectsAnUnknownProperty() throws Exception {
    Map<String, Object> body = validBooking("BK-U");
    body.put("propertyId", 987654321L);
    assertThat(rejected(body)).containsExactly("propertyId");
  }

  @Test
  void rejectsAnUnknownLanguage() throws Exception {
    Map<String, Object> body = validBooking("BK-L");
    guestOf(body).put("preferredLanguage", "klingon");
    assertThat(rejected(body)).containsExactly("guest.preferredLanguage");
  }

  @Test
  void rejectsAnArrivalInThePast() throws Exception {
    Map<String, Object> body = validBooking("BK-PAST");
    body.put("arrivalDate", arrival.minusYears(1).toString());
    body.put("departureDate", arrival.minusYears(1).plusDays(2).toString());
    assertThat(rejected(body)).containsExactly("arrivalDate");
  }

  @Test
  void namesEveryBadFieldAtOnce() throws Exception {
    Map<String, Object> body = validBooking("BK-MANY");
    body.remove("externalReference");
    guestOf(body).put("email", "not-an-email");
    guestOf(body).put("phone", "12345");
    guestOf(body).put("preferredLanguage", "xx");
    body.put("departureDate", arrival.minusDays(1).toString());
    assertThat(rejected(body))
        .containsExactlyInAnyOrder(
            "externalReference",
            "departureDate",
            "guest.email",
            "guest.phone",
            "guest.preferredLanguage");
  }

  @Test
  void namesADateThatIsNotADate() throws Exception {
    Map<String, Object> body = validBooking("BK-FORM");
    body.put("arrivalDate", "next friday");
    assertThat(rejected(body)).containsExactly("arrivalDate");
  }

  @Test
  void refusesADateChangeToImpossibleDatesAndKeepsTheBooking() throws Exception {
    long id = json.readTree(post(validBooking("BK-CHG")).getBody()).get("id").asLong();
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    ResponseEntity<String> response =
        http.exchange(
            "/api/bookings/" + id + "/dates",
            HttpMethod.PATCH,
            new HttpEntity<>(
                Map.of(
                    "arrivalDate",
                    arrival.plusDays(5).toString(),
                    "departureDate",
                    arrival.plusDays(4).toString()),
                headers),
            String.class);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(json.readTree(response.getBody()).get("errors").get(0).get("field").asText())
        .isEqualTo("departureDate");
    assertThat(data.reload(id).arrivalDate()).isEqualTo(arrival);
    assertThat(data.reload(id).revision()).isEqualTo(1);
  }

  @Test
  void answersNotFoundForAnUnknownBookingAndConflictForChangingACancelledOne() throws Exception {
    ResponseEntity<String> missing =
        http.postForEntity("/api/bookings/99999999/cancel", null, String.class);
    assertThat(missing.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(missing.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);

    long id = json.readTree(post(validBooking("BK-CXL")).getBody()).get("id").asLong();
    assertThat(
            http.postForEntity("/api/bookings/" + id + "/cancel", null, String.class)
                .getStatusCode())
        .isEqualTo(HttpStatus.OK);
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    ResponseEntity<String> change =
        http.exchange(
            "/api/bookings/" + id + "/dates",
            HttpMethod.PATCH,
            new HttpEntity<>(
                Map.of(
                    "arrivalDate",
                    arrival.plusDays(1).toString(),
                    "departureDate",
                    arrival.plusDays(3).toString()),
                headers),
            String.class);
    assertThat(change.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(change.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
  }
}
