package org.guestjourney.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.guestjourney.booking.Booking;
import org.guestjourney.booking.BookingStatus;
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

/** Bad input that used to get through or break things: each refused with a clear 4xx. */
class InputHardeningTest extends JourneyIntegrationTest {

  @Autowired TestRestTemplate anonymous;
  @Autowired JdbcClient jdbc;
  @Autowired org.guestjourney.privacy.ContactCipher cipher;

  Property house;
  TestRestTemplate api;
  TestRestTemplate admin;

  @BeforeEach
  void house() {
    house = data.property("Europe/Rome", "en");
    api = SignedIn.withKey(anonymous, data.writeKey(house));
    admin = SignedIn.withKey(anonymous, data.writeKey());
  }

  private static ResponseEntity<String> send(
      TestRestTemplate as, HttpMethod method, String url, Object body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    headers.setAccept(List.of(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON));
    return as.exchange(url, method, new HttpEntity<>(body, headers), String.class);
  }

  private static void assertProblem(ResponseEntity<String> answer, HttpStatus status) {
    assertThat(answer.getStatusCode()).isEqualTo(status);
    assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
  }

  private Map<String, Object> booking(String reference, String name) {
    Map<String, Object> guest = new HashMap<>();
    guest.put("fullName", name);
    guest.put("email", "lena@example.com");
    guest.put("preferredLanguage", "en");
    Map<String, Object> body = new HashMap<>();
    body.put("propertyId", house.id());
    body.put("externalReference", reference);
    body.put("sourceChannel", "direct");
    java.time.LocalDate arrival =
        java.time.LocalDate.ofInstant(engine.now(), house.timeZone()).plusDays(30);
    body.put("arrivalDate", arrival.toString());
    body.put("departureDate", arrival.plusDays(2).toString());
    body.put("partySize", 2);
    body.put("guest", guest);
    return body;
  }

  private Map<String, Object> property(String code) {
    Map<String, Object> body = new HashMap<>();
    body.put("code", code);
    body.put("name", "Casa " + code);
    body.put("timeZone", "Europe/Rome");
    body.put("defaultLanguage", "en");
    body.put("keyHandover", "Key box left of the door");
    return body;
  }

  private long bookings() {
    return jdbc.sql("select count(*) from booking").query(Long.class).single();
  }

  @Test
  void aNulInAnyTextIsRefusedNamingTheFieldAndStoresNothing() {
    long before = bookings();
    ResponseEntity<String> answer =
        send(api, HttpMethod.POST, "/api/bookings", booking("NUL-1", "Anna\u0000Test"));
    assertProblem(answer, HttpStatus.BAD_REQUEST);
    assertThat(answer.getBody()).contains("guest.fullName").contains("control characters");
    assertThat(bookings()).isEqualTo(before);

    // and in a page's form field
    Booking stay = data.bookArrivingIn(house, 10, data.uniqueEmail());
    TestRestTemplate frontDesk = SignedIn.as(anonymous, "frontdesk");
    ResponseEntity<String> form =
        PageForms.submit(
            frontDesk,
            "/bookings/" + stay.id(),
            "/bookings/" + stay.id() + "/conversation",
            Map.of("text", "hello\u0000there"));
    assertThat(form.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(form.getBody()).contains("text");
  }

  @Test
  void propertyTextsAreBoundedAndTheHouseManualIsAWebAddress() {
    Map<String, Object> long_ = property("long-" + System.nanoTime());
    long_.put("keyHandover", "x".repeat(2001));
    ResponseEntity<String> tooLong = send(admin, HttpMethod.POST, "/api/properties", long_);
    assertProblem(tooLong, HttpStatus.BAD_REQUEST);
    assertThat(tooLong.getBody()).contains("keyHandover").contains("at most 2000");

    for (String url : new String[] {"javascript:alert(1)", "data:text/html,<script>x</script>"}) {
      Map<String, Object> body = property("url-" + System.nanoTime());
      body.put("houseManualUrl", url);
      ResponseEntity<String> refused = send(admin, HttpMethod.POST, "/api/properties", body);
      assertProblem(refused, HttpStatus.BAD_REQUEST);
      assertThat(refused.getBody()).contains("houseManualUrl");
    }
    Map<String, Object> fine = property("fine-" + System.nanoTime());
    fine.put("houseManualUrl", "https://casa.example/manual");
    assertThat(send(admin, HttpMethod.POST, "/api/properties", fine).getStatusCode())
        .isEqualTo(HttpStatus.CREATED);
  }

  @Test
  void aBodyOverTheSizeLimitIsRefusedBeforeItIsRead() {
    Map<String, Object> huge = property("huge-" + System.nanoTime());
    huge.put("localTips", "x".repeat(300 * 1024));
    ResponseEntity<String> answer = send(admin, HttpMethod.POST, "/api/properties", huge);
    assertProblem(answer, HttpStatus.PAYLOAD_TOO_LARGE);
  }

  @Test
  void theSameReferenceOrCodeWithOtherValuesIsAConflictNamingThem() {
    String reference = "IDEM-" + System.nanoTime();
    assertThat(
            send(api, HttpMethod.POST, "/api/bookings", booking(reference, "Lena Berger"))
                .getStatusCode())
        .isEqualTo(HttpStatus.CREATED);
    assertThat(
            send(api, HttpMethod.POST, "/api/bookings", booking(reference, "Lena Berger"))
                .getStatusCode())
        .as("the same request again stays idempotent")
        .isEqualTo(HttpStatus.OK);
    Map<String, Object> other = booking(reference, "Someone Else");
    other.put("partySize", 4);
    ResponseEntity<String> conflict = send(api, HttpMethod.POST, "/api/bookings", other);
    assertProblem(conflict, HttpStatus.CONFLICT);
    assertThat(conflict.getBody()).contains("guest.fullName").contains("partySize");
    assertThat(
            cipher.decrypt(
                jdbc.sql(
                        "select g.full_name from booking b join guest g on g.id = b.guest_id"
                            + " where b.external_reference = ?")
                    .param(reference)
                    .query(String.class)
                    .single()))
        .isEqualTo("Lena Berger");

    String code = "idem-" + System.nanoTime();
    assertThat(send(admin, HttpMethod.POST, "/api/properties", property(code)).getStatusCode())
        .isEqualTo(HttpStatus.CREATED);
    assertThat(send(admin, HttpMethod.POST, "/api/properties", property(code)).getStatusCode())
        .isEqualTo(HttpStatus.OK);
    Map<String, Object> renamed = property(code);
    renamed.put("name", "Payment Team");
    ResponseEntity<String> propertyConflict =
        send(admin, HttpMethod.POST, "/api/properties", renamed);
    assertProblem(propertyConflict, HttpStatus.CONFLICT);
    assertThat(propertyConflict.getBody()).contains("name");
  }

  @Test
  void anArrivalTimeOnACancelledBookingIsAConflict() {
    Booking stay = data.bookArrivingIn(house, 10, data.uniqueEmail());
    send(api, HttpMethod.POST, "/api/bookings/" + stay.id() + "/cancel", null);
    assertThat(data.reload(stay.id()).status()).isEqualTo(BookingStatus.CANCELLED);
    ResponseEntity<String> answer =
        send(
            api,
            HttpMethod.PUT,
            "/api/bookings/" + stay.id() + "/arrival-time",
            Map.of("expectedArrival", "18:30"));
    assertProblem(answer, HttpStatus.CONFLICT);
    assertThat(
            jdbc.sql("select expected_arrival_time from booking where id = ?")
                .param(stay.id())
                .query(String.class)
                .optional()
                .orElse(null))
        .isNull();
  }

  @Test
  void theMailWebhookChecksItsTokenBeforeReadingTheBodyAndRefusesANullEvent() {
    HttpHeaders forged = new HttpHeaders();
    forged.setContentType(MediaType.APPLICATION_JSON);
    forged.setBearerAuth("not-the-token");
    ResponseEntity<String> refused =
        anonymous.exchange(
            "/webhooks/mail/events",
            HttpMethod.POST,
            new HttpEntity<>("{ this is not json", forged),
            String.class);
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);

    HttpHeaders signed = new HttpHeaders();
    signed.setContentType(MediaType.APPLICATION_JSON);
    signed.setBearerAuth(MAIL_WEBHOOK_TOKEN);
    ResponseEntity<String> nullEvent =
        anonymous.exchange(
            "/webhooks/mail/events",
            HttpMethod.POST,
            new HttpEntity<>("{\"provider\":\"ses\",\"events\":[null]}", signed),
            String.class);
    assertProblem(nullEvent, HttpStatus.BAD_REQUEST);
    assertThat(nullEvent.getBody()).contains("events[0]");
    ResponseEntity<String> garbage =
        anonymous.exchange(
            "/webhooks/mail/events",
            HttpMethod.POST,
            new HttpEntity<>("{ this is not json", signed),
            String.class);
    assertProblem(garbage, HttpStatus.BAD_REQUEST);
  }

  @Test
  void aDateBeyondTheDatabasesRangeIsAFieldError() {
    Map<String, Object> far = booking("FAR-" + System.nanoTime(), "Lena Berger");
    far.put("arrivalDate", "+9999999-01-01");
    far.put("departureDate", "+9999999-01-03");
    ResponseEntity<String> answer = send(api, HttpMethod.POST, "/api/bookings", far);
    assertProblem(answer, HttpStatus.BAD_REQUEST);
    assertThat(answer.getBody()).contains("arrivalDate").contains("years ahead");
  }

  @Test
  void pagesAnswerClearlyForMissingThingsAndUnsafeReturnAddresses() {
    TestRestTemplate manager = SignedIn.as(anonymous, "manager");
    assertThat(
            PageForms.submit(manager, "/", "/bookings/999999999/automation/pause", Map.of())
                .getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    ResponseEntity<String> back =
        PageForms.submit(
            manager, "/", "/time/advance", Map.of("by", "PT1H", "back", "/x\r\nSet-Cookie: a=b"));
    // a return address is a single line: CR/LF is refused before any header is written
    assertThat(back.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(back.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(back.getBody()).contains("\"field\":\"back\"");
    assertThat(back.getHeaders().get(HttpHeaders.SET_COOKIE)).isNull();
  }
}
