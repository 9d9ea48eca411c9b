package org.guestjourney.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.guestjourney.booking.Booking;
import org.guestjourney.property.Property;
import org.guestjourney.support.JourneyIntegrationTest;
import org.guestjourney.support.SignedIn;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.http.client.ClientHttpRequestFactorySettings.Redirects;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Malformed requests across every endpoint: refused with 4xx, never answered with a 5xx. */
class MalformedRequestsTest extends JourneyIntegrationTest {

  @Autowired TestRestTemplate anonymous;

  private static final List<String> BODIES =
      List.of(
          "",
          "null",
          "[]",
          "{",
          "{\"a\":",
          "123",
          "\"text\"",
          "{\"propertyId\":\"x\",\"bookingId\":\"x\"}",
          "{\"propertyId\":-1,\"bookingId\":-1,\"arrivalDate\":\"2026-02-30\"}",
          "{\"propertyId\":1e999999,\"partySize\":99999999999999999999}",
          "{\"events\":[null],\"guest\":null,\"languages\":[null]}",
          "{\"by\":\"P99999999D\",\"expectedArrival\":\"25:99\",\"arrivalDate\":\"+9999999-01-01\"}",
          "{\"name\":\"\\u0000\",\"description\":\"\\u0000\",\"category\":\"\\u0000\"}",
          "{\"guest\":{\"fullName\":[1,2],\"email\":{}}}",
          "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]");

  @Test
  void hundredsOfMalformedRequestsGetNoServerError() {
    Property house = data.property("Europe/Rome", "en");
    Booking booking = data.bookArrivingIn(house, 15, data.uniqueEmail());
    TestRestTemplate api =
        SignedIn.withKey(anonymous, data.writeKey()).withRedirects(Redirects.DONT_FOLLOW);
    TestRestTemplate manager =
        SignedIn.as(anonymous, "manager").withRedirects(Redirects.DONT_FOLLOW);

    record Call(TestRestTemplate as, HttpMethod method, String url) {}
    List<Call> calls = new ArrayList<>();
    for (String id : new String[] {String.valueOf(booking.id()), "abc", "99999999999999999999"}) {
      calls.add(new Call(api, HttpMethod.PATCH, "/api/bookings/" + id + "/dates"));
      calls.add(new Call(api, HttpMethod.PUT, "/api/bookings/" + id + "/arrival-time"));
      calls.add(new Call(api, HttpMethod.POST, "/api/bookings/" + id + "/requests"));
      calls.add(new Call(api, HttpMethod.GET, "/api/bookings/" + id));
      calls.add(new Call(api, HttpMethod.GET, "/api/inquiries/" + id));
      calls.add(new Call(api, HttpMethod.GET, "/api/complaints/" + id));
      calls.add(new Call(manager, HttpMethod.GET, "/bookings/" + id));
      calls.add(new Call(manager, HttpMethod.GET, "/messages/" + id));
      calls.add(new Call(manager, HttpMethod.GET, "/tasks/" + id));
      calls.add(new Call(manager, HttpMethod.GET, "/kpis?property=" + id + "&from=" + id));
      calls.add(new Call(manager, HttpMethod.GET, "/feedback?property=" + id + "&type=" + id));
      calls.add(new Call(manager, HttpMethod.GET, "/audit?property=" + id + "&from=" + id));
      calls.add(new Call(manager, HttpMethod.GET, "/privacy/guests/" + id + "/export"));
      calls.add(new Call(manager, HttpMethod.PUT, "/api/properties/" + id + "/settings"));
      calls.add(new Call(manager, HttpMethod.PUT, "/api/properties/" + id + "/twilio"));
    }
    calls.add(new Call(api, HttpMethod.POST, "/api/bookings"));
    calls.add(new Call(api, HttpMethod.POST, "/api/complaints"));
    calls.add(new Call(api, HttpMethod.POST, "/api/inquiries"));
    calls.add(new Call(api, HttpMethod.POST, "/api/properties"));
    calls.add(new Call(manager, HttpMethod.POST, "/api/time/advance"));
    calls.add(new Call(anonymous, HttpMethod.POST, "/webhooks/mail/events"));
    calls.add(new Call(anonymous, HttpMethod.POST, "/webhooks/twilio/status"));
    calls.add(new Call(anonymous, HttpMethod.POST, "/survey/not-a-token/answers"));
    calls.add(new Call(anonymous, HttpMethod.POST, "/survey/not-a-token/draft"));
    calls.add(new Call(anonymous, HttpMethod.GET, "/unsubscribe/%00"));

    List<String> serverErrors = new ArrayList<>();
    int sent = 0;
    for (Call call : calls) {
      boolean bodyless = call.method() == HttpMethod.GET;
      for (String body : bodyless ? List.of("") : BODIES) {
        for (MediaType type :
            bodyless || !body.equals("{")
                ? List.of(MediaType.APPLICATION_JSON)
                : List.of(MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN)) {
          HttpHeaders headers = new HttpHeaders();
          headers.setContentType(type);
          if (call.url().startsWith("/webhooks/mail")) {
            headers.setBearerAuth(MAIL_WEBHOOK_TOKEN);
          }
          ResponseEntity<String> answer =
              call.as()
                  .exchange(
                      call.url(),
                      call.method(),
                      new HttpEntity<>(bodyless ? null : body, headers),
                      String.class);
          sent++;
          // Twilio is not configured in this context: its webhooks answer 503 "not available" on
          // purpose (no signature can be checked), whatever the body
          boolean unconfiguredProvider =
              call.url().startsWith("/webhooks/twilio") && answer.getStatusCode().value() == 503;
          if (answer.getStatusCode().is5xxServerError() && !unconfiguredProvider) {
            serverErrors.add(
                call.method()
                    + " "
                    + call.url()
                    + " "
                    + type
                    + " "
                    + body
                    + " -> "
                    + answer.getStatusCode().value());
          }
        }
      }
    }
    assertThat(sent).isGreaterThanOrEqualTo(100);
    assertThat(serverErrors).isEmpty();
  }
}
