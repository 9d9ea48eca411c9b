package org.guestjourney.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.guestjourney.booking.Booking;
import org.guestjourney.messaging.MessageDelivery;
import org.guestjourney.messaging.MessageStep;
import org.guestjourney.property.Property;
import org.guestjourney.support.JourneyIntegrationTest;
import org.guestjourney.support.PageForms;
import org.guestjourney.support.SignedIn;
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
 * Newlines only where they make sense: one request per kind of single-line field (name, e-mail,
 * phone, reference, code, URL, subject) with a line break, a tab or another control character is
 * refused naming the field and stores nothing; multi-line texts keep their lines.
 */
class NewlinePolicyTest extends JourneyIntegrationTest {

  @Autowired TestRestTemplate anonymous;
  @Autowired JdbcClient jdbc;

  Property house;
  TestRestTemplate api;

  @BeforeEach
  void house() {
    house = data.property("Europe/Rome", "en");
    api = SignedIn.withKey(anonymous, data.writeKey());
  }

  private static ResponseEntity<String> post(TestRestTemplate as, String url, Object body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return as.exchange(url, HttpMethod.POST, new HttpEntity<>(body, headers), String.class);
  }

  private static void assertRefused(ResponseEntity<String> answer, String field) {
    assertThat(answer.getStatusCode()).as(field).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(answer.getBody()).as(field).contains("\"field\":\"" + field + "\"");
  }

  private long rows(String table) {
    return jdbc.sql("select count(*) from " + table).query(Long.class).single();
  }

  private Map<String, Object> booking(
      Map<String, Object> guestChanges, Map<String, Object> changes) {
    Map<String, Object> guest = new HashMap<>();
    guest.put("fullName", "Lena Berger");
    guest.put("email", "lena@example.com");
    guest.put("phone", "+393331234567");
    guest.put("preferredLanguage", "en");
    guest.putAll(guestChanges);
    Map<String, Object> body = new HashMap<>();
    body.put("propertyId", house.id());
    body.put("externalReference", "NL-" + System.nanoTime());
    body.put("sourceChannel", "direct");
    LocalDate arrival = LocalDate.ofInstant(engine.now(), house.timeZone()).plusDays(30);
    body.put("arrivalDate", arrival.toString());
    body.put("departureDate", arrival.plusDays(2).toString());
    body.put("partySize", 2);
    body.put("guest", guest);
    body.putAll(changes);
    return body;
  }

  private Map<String, Object> property(Map<String, Object> changes) {
    Map<String, Object> body = new HashMap<>();
    body.put("code", "nl-" + System.nanoTime());
    body.put("name", "Casa Newline");
    body.put("timeZone", "Europe/Rome");
    body.put("defaultLanguage", "en");
    body.putAll(changes);
    return body;
  }

  @Test
  void singleLineFieldsOfTheApiRefuseLineBreaksTabsAndControlCharacters() {
    long bookings = rows("booking");
    long guests = rows("guest");
    long properties = rows("property");

    assertRefused(
        post(api, "/api/bookings", booking(Map.of("fullName", "Lena\nBerger"), Map.of())),
        "guest.fullName");
    assertRefused(
        post(
            api,
            "/api/bookings",
            booking(Map.of("email", "lena@example.com\r\nBcc: all@example.com"), Map.of())),
        "guest.email");
    assertRefused(
        post(api, "/api/bookings", booking(Map.of("phone", "+39333\t1234567"), Map.of())),
        "guest.phone");
    assertRefused(
        post(api, "/api/bookings", booking(Map.of(), Map.of("externalReference", "R-1\n"))),
        "externalReference");
    assertRefused(
        post(api, "/api/bookings", booking(Map.of("fullName", "Lena\u2028Berger"), Map.of())),
        "guest.fullName");
    assertRefused(
        post(api, "/api/bookings", booking(Map.of("fullName", "Lena\u0085Berger"), Map.of())),
        "guest.fullName");
    assertRefused(post(api, "/api/properties", property(Map.of("code", "casa\nverde"))), "code");
    assertRefused(post(api, "/api/properties", property(Map.of("name", "Casa\tVerde"))), "name");
    assertRefused(
        post(
            api,
            "/api/properties",
            property(Map.of("houseManualUrl", "https://example.com/\r\nmanual"))),
        "houseManualUrl");
    assertRefused(
        post(api, "/api/properties", property(Map.of("contactEmail", "desk@example.com\n"))),
        "contactEmail");
    // a multi-line text still refuses NUL and the like
    assertRefused(
        post(
            api,
            "/api/bookings",
            booking(Map.of(), Map.of("specialRequests", "late\u0000arrival"))),
        "specialRequests");

    assertThat(rows("booking")).isEqualTo(bookings);
    assertThat(rows("guest")).isEqualTo(guests);
    assertThat(rows("property")).isEqualTo(properties);
  }

  @Test
  void multiLineTextsKeepTheirLines() {
    ResponseEntity<String> booked =
        post(
            api,
            "/api/bookings",
            booking(
                Map.of(), Map.of("specialRequests", "Late arrival\nVegetarian breakfast\tplease")));
    assertThat(booked.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(booked.getBody()).contains("Late arrival\\nVegetarian breakfast\\tplease");

    ResponseEntity<String> registered =
        post(
            api,
            "/api/properties",
            property(
                Map.of(
                    "directions",
                    "Take the A1.\r\nExit Firenze Sud.",
                    "address",
                    "Via Roma 1\n50100 Firenze")));
    assertThat(registered.getStatusCode()).isEqualTo(HttpStatus.CREATED);

    ResponseEntity<String> asked =
        post(
            api,
            "/api/inquiries",
            Map.of(
                "propertyId", house.id(),
                "fullName", "Lena Berger",
                "email", "lena@example.com",
                "preferredLanguage", "en",
                "message", "Do you have parking?\nWe arrive by car."));
    assertThat(asked.getStatusCode()).isEqualTo(HttpStatus.CREATED);
  }

  @Test
  void pageFormsRefuseALineBreakInASubjectButKeepItInTheText() throws Exception {
    Booking booking = data.bookArrivingIn(house, 20, data.uniqueEmail());
    MessageDelivery guide = data.message(booking.id(), MessageStep.CHECK_IN_GUIDE);
    String page = "/messages/" + guide.id();
    TestRestTemplate frontDesk = SignedIn.as(anonymous, "frontdesk");

    ResponseEntity<String> refused =
        PageForms.submit(
            frontDesk,
            page,
            page + "/edit",
            Map.of("subject", "Your arrival\r\nBcc: all@example.com", "text", "Hello"));
    assertRefused(refused, "subject");
    assertThat(data.message(booking.id(), MessageStep.CHECK_IN_GUIDE).editedBy()).isNull();

    ResponseEntity<String> kept =
        PageForms.submit(
            frontDesk,
            page,
            page + "/edit",
            Map.of("subject", "Your arrival", "text", "Hello!\nThe gate code is 4711."));
    assertThat(kept.getStatusCode()).isEqualTo(HttpStatus.FOUND);
    assertThat(data.message(booking.id(), MessageStep.CHECK_IN_GUIDE).editedBody())
        .isEqualTo("Hello!\nThe gate code is 4711.");
    assertThat(InputLimitFilter.textAreas())
        .contains("text", "description")
        .doesNotContain("subject");
  }
}
