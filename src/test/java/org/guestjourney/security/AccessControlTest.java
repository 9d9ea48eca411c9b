package org.guestjourney.security;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.springframework.boot.http.client.ClientHttpRequestFactorySettings.Redirects;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The API and the pages tried as an attacker would: without credentials, with a wrong or revoked
 * key, with a key of another property, with a read-only key, and as staff of a group that may not.
 */
class AccessControlTest extends JourneyIntegrationTest {

  @Autowired TestRestTemplate anonymous;
  @Autowired JdbcClient jdbc;
  @Autowired ApiKeyService keys;

  Property house;
  Property otherHouse;
  Booking booking;
  Booking otherBooking;

  @BeforeEach
  void twoHouses() {
    house = data.property("Europe/Rome", "en");
    otherHouse = data.property("Europe/Rome", "en");
    booking = data.bookArrivingIn(house, 20, data.uniqueEmail());
    otherBooking = data.bookArrivingIn(otherHouse, 20, data.uniqueEmail());
  }

  private static ResponseEntity<String> post(TestRestTemplate as, String url, Object body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return as.exchange(url, HttpMethod.POST, new HttpEntity<>(body, headers), String.class);
  }

  private static void assertProblem(ResponseEntity<String> answer, HttpStatus status) {
    assertThat(answer.getStatusCode()).isEqualTo(status);
    assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(answer.getBody()).contains("\"status\":" + status.value());
  }

  private long bookings() {
    return jdbc.sql("select count(*) from booking").query(Long.class).single();
  }

  private Map<String, Object> newBooking(Property property) {
    return Map.of(
        "propertyId",
        property.id(),
        "externalReference",
        "ATTACK-" + System.nanoTime(),
        "arrivalDate",
        booking.arrivalDate().toString(),
        "departureDate",
        booking.departureDate().toString(),
        "partySize",
        1,
        "guest",
        Map.of("fullName", "Victim", "email", data.uniqueEmail(), "preferredLanguage", "en"));
  }

  @Test
  void anonymousCallsToTheApiAreRefusedAsProblemsAndStoreNothing() {
    long before = bookings();
    for (String url :
        new String[] {
          "/api/bookings/" + booking.id(), "/api/properties", "/api/inquiries/1", "/api/time"
        }) {
      ResponseEntity<String> answer = anonymous.getForEntity(url, String.class);
      assertProblem(answer, HttpStatus.UNAUTHORIZED);
      assertThat(answer.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).isEqualTo("Bearer");
    }
    assertProblem(post(anonymous, "/api/bookings", newBooking(house)), HttpStatus.UNAUTHORIZED);
    assertProblem(
        post(anonymous, "/api/bookings/" + booking.id() + "/cancel", null),
        HttpStatus.UNAUTHORIZED);
    assertProblem(
        post(anonymous, "/api/time/advance", Map.of("by", "P1D")), HttpStatus.UNAUTHORIZED);
    assertThat(bookings()).isEqualTo(before);
    assertThat(data.reload(booking.id()).status()).isEqualTo(BookingStatus.CONFIRMED);
  }

  @Test
  void aWrongOrRevokedKeyAndHttpBasicAreRefused() {
    String token = data.writeKey(house);
    assertThat(
            SignedIn.withKey(anonymous, token)
                .getForEntity("/api/bookings/" + booking.id(), String.class)
                .getStatusCode())
        .isEqualTo(HttpStatus.OK);

    String wrong = token.substring(0, token.length() - 2) + "xx";
    assertProblem(
        SignedIn.withKey(anonymous, wrong)
            .getForEntity("/api/bookings/" + booking.id(), String.class),
        HttpStatus.UNAUTHORIZED);
    assertProblem(
        SignedIn.withKey(anonymous, "gjk_nothing_here")
            .getForEntity("/api/bookings/" + booking.id(), String.class),
        HttpStatus.UNAUTHORIZED);

    long id =
        keys.all().stream()
            .filter(k -> token.startsWith("gjk_" + k.prefix() + "_"))
            .findFirst()
            .orElseThrow()
            .id();
    keys.revoke(id, "manager");
    assertProblem(
        SignedIn.withKey(anonymous, token)
            .getForEntity("/api/bookings/" + booking.id(), String.class),
        HttpStatus.UNAUTHORIZED);

    // HTTP Basic with a real staff account is not a way in, neither to the API nor to the pages
    TestRestTemplate basic = anonymous.withBasicAuth("manager", "manager");
    assertProblem(
        basic.getForEntity("/api/bookings/" + booking.id(), String.class), HttpStatus.UNAUTHORIZED);
    ResponseEntity<String> page =
        basic
            .withRedirects(Redirects.DONT_FOLLOW)
            .getForEntity("/bookings/" + booking.id(), String.class);
    assertThat(page.getStatusCode()).isEqualTo(HttpStatus.FOUND);
    assertThat(page.getHeaders().getLocation().getPath()).isEqualTo("/login");
  }

  @Test
  void aKeyOfAnotherPropertyNeitherSeesNorChangesItsBookings() {
    TestRestTemplate api = SignedIn.withKey(anonymous, data.writeKey(house));
    long before = bookings();

    assertProblem(
        api.getForEntity("/api/bookings/" + otherBooking.id(), String.class), HttpStatus.NOT_FOUND);
    assertProblem(
        post(api, "/api/bookings/" + otherBooking.id() + "/cancel", null), HttpStatus.NOT_FOUND);
    ResponseEntity<String> elsewhere = post(api, "/api/bookings", newBooking(otherHouse));
    assertProblem(elsewhere, HttpStatus.BAD_REQUEST);
    assertThat(elsewhere.getBody()).contains("propertyId").contains("is not a known property");
    assertProblem(
        post(
            api,
            "/api/bookings/" + otherBooking.id() + "/requests",
            Map.of("category", "towels", "description", "more")),
        HttpStatus.NOT_FOUND);
    assertProblem(
        api.getForEntity("/api/properties/" + otherHouse.id(), String.class), HttpStatus.NOT_FOUND);
    assertProblem(
        post(api, "/api/properties", Map.of("code", "evil-" + System.nanoTime())),
        HttpStatus.FORBIDDEN);
    HttpHeaders json = new HttpHeaders();
    json.setAccept(java.util.List.of(MediaType.APPLICATION_JSON));
    assertThat(
            api.exchange("/api/properties", HttpMethod.GET, new HttpEntity<>(json), String.class)
                .getBody())
        .contains("\"id\":" + house.id())
        .doesNotContain("\"id\":" + otherHouse.id() + ",");

    assertThat(bookings()).isEqualTo(before);
    assertThat(data.reload(otherBooking.id()).status()).isEqualTo(BookingStatus.CONFIRMED);
    assertThat(api.getForEntity("/api/bookings/" + booking.id(), String.class).getStatusCode())
        .isEqualTo(HttpStatus.OK);
  }

  @Test
  void aKeyOverItsRateLimitGets429WithRetryAfter() throws Exception {
    String token =
        keys.create("limited", ApiKey.Scope.READ, false, java.util.Set.of(house.id()), 3, "test")
            .token();
    // a plain client: Apache's (behind TestRestTemplate) waits out a 429's Retry-After and retries
    java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
    java.net.http.HttpRequest call =
        java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(anonymous.getRootUri() + "/api/bookings/" + booking.id()))
            .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
            .build();
    List<java.net.http.HttpResponse<String>> answers = new java.util.ArrayList<>();
    for (int i = 0; i < 8; i++) {
      answers.add(client.send(call, java.net.http.HttpResponse.BodyHandlers.ofString()));
    }
    assertThat(answers.subList(0, 3)).allMatch(a -> a.statusCode() == 200);
    // eight calls span at most two minute windows, so one of them holds a fourth call
    java.net.http.HttpResponse<String> refused =
        answers.stream().filter(a -> a.statusCode() == 429).findFirst().orElseThrow();
    assertThat(refused.headers().firstValue(HttpHeaders.CONTENT_TYPE))
        .contains(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    assertThat(
            Integer.parseInt(refused.headers().firstValue(HttpHeaders.RETRY_AFTER).orElseThrow()))
        .isBetween(1, 61);
  }

  @Test
  void aReadOnlyKeyReadsButDoesNotWrite() {
    TestRestTemplate api = SignedIn.withKey(anonymous, data.apiKey(ApiKey.Scope.READ, house));
    assertThat(api.getForEntity("/api/bookings/" + booking.id(), String.class).getStatusCode())
        .isEqualTo(HttpStatus.OK);
    assertProblem(
        post(api, "/api/bookings/" + booking.id() + "/cancel", null), HttpStatus.FORBIDDEN);
    assertProblem(post(api, "/api/bookings", newBooking(house)), HttpStatus.FORBIDDEN);
    assertThat(data.reload(booking.id()).status()).isEqualTo(BookingStatus.CONFIRMED);
  }

  @Test
  void onlyManagersMoveTheClockOrChangeHowAHouseTalksToGuests() {
    for (String user : new String[] {"housekeeping", "frontdesk"}) {
      TestRestTemplate staff = SignedIn.as(anonymous, user);
      assertProblem(post(staff, "/api/time/advance", Map.of("by", "PT1H")), HttpStatus.FORBIDDEN);
      assertThat(
              PageForms.submit(staff, "/tasks", "/time/advance", Map.of("by", "PT1H", "back", "/"))
                  .getStatusCode())
          .isEqualTo(HttpStatus.FORBIDDEN);
      assertThat(staff.getForObject("frontdesk".equals(user) ? "/" : "/tasks", String.class))
          .doesNotContain("/time/advance");
      assertThat(staff.getForEntity("/access", String.class).getStatusCode())
          .isEqualTo(HttpStatus.FORBIDDEN);
      assertProblem(
          staff.exchange(
              "/api/properties/" + house.id() + "/twilio",
              HttpMethod.GET,
              HttpEntity.EMPTY,
              String.class),
          HttpStatus.FORBIDDEN);
    }
    // housekeeping does not write to guests' bookings, even from a signed-in session
    assertProblem(
        post(
            SignedIn.as(anonymous, "housekeeping"),
            "/api/bookings/" + booking.id() + "/cancel",
            null),
        HttpStatus.FORBIDDEN);
    assertThat(data.reload(booking.id()).status()).isEqualTo(BookingStatus.CONFIRMED);

    TestRestTemplate manager = SignedIn.as(anonymous, "manager");
    assertThat(manager.getForObject("/", String.class)).contains("/time/advance");
    assertThat(manager.getForEntity("/api/time", String.class).getStatusCode())
        .isEqualTo(HttpStatus.OK);
  }

  @Test
  void aSessionCallingTheApiNeedsItsCsrfToken() {
    SignedIn.Session session = SignedIn.session(anonymous, "frontdesk", "frontdesk");
    HttpHeaders headers = new HttpHeaders();
    headers.add(HttpHeaders.COOKIE, session.cookie());
    ResponseEntity<String> forged =
        anonymous.exchange(
            "/api/bookings/" + booking.id() + "/cancel",
            HttpMethod.POST,
            new HttpEntity<>(headers),
            String.class);
    assertProblem(forged, HttpStatus.FORBIDDEN);
    assertThat(data.reload(booking.id()).status()).isEqualTo(BookingStatus.CONFIRMED);
  }

  @Test
  void theSessionCookieIsSameSiteLaxAndSecureBehindATlsProxy() {
    HttpHeaders proxied = new HttpHeaders();
    proxied.add("X-Forwarded-Proto", "https");
    String behindProxy =
        anonymous
            .exchange("/login", HttpMethod.GET, new HttpEntity<>(proxied), String.class)
            .getHeaders()
            .getFirst(HttpHeaders.SET_COOKIE);
    assertThat(behindProxy).contains("SameSite=Lax").contains("Secure").contains("HttpOnly");
    String direct =
        anonymous
            .getForEntity("/login", String.class)
            .getHeaders()
            .getFirst(HttpHeaders.SET_COOKIE);
    assertThat(direct).contains("SameSite=Lax").doesNotContain("Secure");
  }

  @Test
  void aManagerCreatesAKeyThatIsShownOnceAndRevokesIt() {
    TestRestTemplate manager = SignedIn.as(anonymous, "manager");
    String shown =
        PageForms.submitAndShow(
            manager,
            "/access",
            "/access/keys",
            Map.of(
                "name",
                "Channel manager",
                "scope",
                "WRITE",
                "properties",
                "some",
                "property",
                String.valueOf(house.id())));
    java.util.regex.Matcher token =
        java.util.regex.Pattern.compile("data-testid=\"token\">(gjk_[^<]+)<").matcher(shown);
    assertThat(token.find()).as("the new key is shown").isTrue();
    assertThat(
            jdbc.sql("select count(*) from api_key where token_hash like ?")
                .param("%" + token.group(1) + "%")
                .query(Long.class)
                .single())
        .as("only a hash is stored")
        .isZero();
    assertThat(manager.getForObject("/access", String.class))
        .as("and only once")
        .contains("Channel manager")
        .doesNotContain(token.group(1));

    TestRestTemplate api = SignedIn.withKey(anonymous, token.group(1));
    assertThat(api.getForEntity("/api/bookings/" + booking.id(), String.class).getStatusCode())
        .isEqualTo(HttpStatus.OK);

    long id =
        keys.all().stream()
            .filter(k -> k.name().equals("Channel manager"))
            .findFirst()
            .orElseThrow()
            .id();
    PageForms.submit(manager, "/access", "/access/keys/" + id + "/revoke", Map.of());
    assertProblem(
        api.getForEntity("/api/bookings/" + booking.id(), String.class), HttpStatus.UNAUTHORIZED);
  }
}
