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
    List<String> formErrors = new ArrayList<>();
    int formsSent = 0;
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
    calls.add(new Call(api, HttpMethod.POST, "/api/keys"));
    calls.add(new Call(manager, HttpMethod.POST, "/api/keys"));
    calls.add(new Call(anonymous, HttpMethod.POST, "/webhooks/twilio/inbound"));
    for (String id :
        new String[] {String.valueOf(booking.id()), "abc", "-1", "99999999999999999999"}) {
      calls.add(new Call(api, HttpMethod.POST, "/api/bookings/" + id + "/cancel"));
      calls.add(new Call(api, HttpMethod.GET, "/api/properties/" + id));
      calls.add(new Call(api, HttpMethod.GET, "/api/properties/" + id + "/settings"));
      calls.add(new Call(manager, HttpMethod.GET, "/api/keys/" + id));
      calls.add(new Call(manager, HttpMethod.POST, "/tasks/" + id + "/complete"));
      calls.add(new Call(anonymous, HttpMethod.POST, "/unsubscribe/" + id));
    }
    // the staff pages' forms, posted with malformed form bodies; actions that would change
    // someone else's account, key or guest only get ids that cannot exist
    List<String> pageForms = new ArrayList<>();
    for (String id : new String[] {String.valueOf(booking.id()), "abc", "99999999999999999999"}) {
      pageForms.add("/bookings/" + id + "/complaints");
      pageForms.add("/bookings/" + id + "/conversation");
      pageForms.add("/bookings/" + id + "/automation/pause");
      pageForms.add("/messages/" + id + "/edit");
      pageForms.add("/properties/" + id + "/settings");
      pageForms.add("/properties/" + id + "/twilio");
      pageForms.add("/feedback/" + id + "/class");
      pageForms.add("/privacy/properties/" + id + "/retention");
    }
    for (String id : new String[] {"abc", "-1", "99999999999999999999"}) {
      pageForms.add("/access/keys/" + id + "/revoke");
      pageForms.add("/access/staff/" + id + "/disable");
      pageForms.add("/messages/" + id + "/send-now");
      pageForms.add("/privacy/guests/" + id + "/erase");
      pageForms.add("/tasks/" + id + "/claim");
    }
    pageForms.addAll(
        List.of("/access/keys", "/access/staff", "/time/advance", "/account/password"));
    List<String> formBodies =
        List.of(
            "",
            "%",
            "=&=&%zz=%",
            "name=%00&scope=ADMIN&properties=some&property=x&requestsPerMinute=1e99",
            "subject=a%0D%0ABcc:%20x&text=%00&by=P99999999D&back=%0D%0ASet-Cookie:%20a",
            "months=abc&username=%09&password=&role=OWNER&property=-1&class=%FF%FE",
            "reply=" + "x".repeat(5000) + "&message=%E2%80%A8&category=%00&confirm=nope");
    for (String url : pageForms) {
      for (String body : formBodies) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        ResponseEntity<String> answer =
            manager.exchange(url, HttpMethod.POST, new HttpEntity<>(body, headers), String.class);
        formsSent++;
        if (answer.getStatusCode().is5xxServerError()) {
          formErrors.add("POST " + url + " form " + body + " -> " + answer.getStatusCode().value());
        }
      }
    }

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
    assertThat(formsSent).isGreaterThanOrEqualTo(100);
    assertThat(serverErrors).isEmpty();
    assertThat(formErrors).isEmpty();
  }
}
