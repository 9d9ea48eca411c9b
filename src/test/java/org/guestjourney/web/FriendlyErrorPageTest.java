package org.guestjourney.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.guestjourney.support.JourneyIntegrationTest;
import org.guestjourney.support.SignedIn;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * A bad link or a page not for one's role shows a page in plain words, never Spring's "Whitelabel"
 * page or a stack trace; the API keeps answering problem details.
 */
class FriendlyErrorPageTest extends JourneyIntegrationTest {

  @Autowired TestRestTemplate http;

  static ResponseEntity<String> page(TestRestTemplate client, String path) {
    HttpHeaders headers = new HttpHeaders();
    headers.setAccept(List.of(MediaType.TEXT_HTML));
    return client.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
  }

  @Test
  void aBadLinkShowsAPageInPlainWords() {
    ResponseEntity<String> answer = page(SignedIn.as(http, "frontdesk"), "/no-such-page/42");
    assertThat(answer.getStatusCode().value()).isEqualTo(404);
    assertThat(answer.getHeaders().getContentType().toString()).startsWith("text/html");
    assertThat(answer.getBody())
        .contains("This page does not exist")
        .contains("href=\"/tasks\"")
        .doesNotContain("Whitelabel")
        .doesNotContain("Exception")
        .doesNotContain("trace");
  }

  @Test
  void aPageNotForOnesRoleSaysSo() {
    ResponseEntity<String> answer = page(SignedIn.as(http, "housekeeping"), "/kpis");
    assertThat(answer.getStatusCode().value()).isEqualTo(403);
    assertThat(answer.getBody())
        .contains("This page is not for your account")
        .doesNotContain("Whitelabel");
  }

  @Test
  void theApiStillAnswersProblemDetails() {
    HttpHeaders headers = new HttpHeaders();
    headers.setAccept(List.of(MediaType.APPLICATION_JSON));
    ResponseEntity<String> answer =
        SignedIn.as(http, "manager")
            .exchange(
                "/api/bookings/999999999", HttpMethod.GET, new HttpEntity<>(headers), String.class);
    assertThat(answer.getStatusCode().value()).isEqualTo(404);
    assertThat(answer.getHeaders().getContentType().toString())
        .startsWith("application/problem+json");
    assertThat(answer.getBody()).doesNotContain("<html");
  }
}
