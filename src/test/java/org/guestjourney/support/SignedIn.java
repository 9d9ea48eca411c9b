package org.guestjourney.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.http.client.ClientHttpRequestFactorySettings.Redirects;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.util.LinkedMultiValueMap;

/**
 * HTTP clients as the app's callers are: a staff member signed in through the form (session cookie
 * and CSRF token, as a browser), or an integration with an API key (bearer token).
 */
public final class SignedIn {

  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  private SignedIn() {}

  /** A signed-in browser's session: its cookie ({@code JSESSIONID=...}) and CSRF token. */
  public record Session(String cookie, String csrfToken) {}

  /** Signs in with the sign-in form; the answer's client carries the session and CSRF token. */
  public static TestRestTemplate as(TestRestTemplate anonymous, String username, String password) {
    Session session = session(anonymous, username, password);
    return withCookie(anonymous, session.cookie(), session.csrfToken());
  }

  /** Signs in with the sign-in form and returns the session. */
  public static Session session(TestRestTemplate anonymous, String username, String password) {
    String cookie = signIn(anonymous, username, password, null);
    assertThat(cookie).as(username + " signs in").isNotNull();
    ResponseEntity<String> page =
        withCookie(anonymous, cookie, null).getForEntity("/login", String.class);
    Matcher csrf = CSRF.matcher(page.getBody());
    assertThat(csrf.find()).as("the sign-in page carries a CSRF token").isTrue();
    return new Session(cookie, csrf.group(1));
  }

  /** A demo account, whose password is its name (frontdesk, housekeeping, manager). */
  public static TestRestTemplate as(TestRestTemplate anonymous, String username) {
    return as(anonymous, username, username);
  }

  /**
   * Posts the sign-in form (from {@code forwardedFor}'s address when not null); the new session
   * cookie when signed in, null when refused.
   */
  public static String signIn(
      TestRestTemplate anonymous, String username, String password, String forwardedFor) {
    HttpHeaders pageHeaders = new HttpHeaders();
    if (forwardedFor != null) {
      pageHeaders.add("X-Forwarded-For", forwardedFor);
    }
    ResponseEntity<String> login =
        anonymous.exchange(
            "/login",
            org.springframework.http.HttpMethod.GET,
            new HttpEntity<>(pageHeaders),
            String.class);
    String cookie = login.getHeaders().getFirst(HttpHeaders.SET_COOKIE).split(";")[0];
    Matcher csrf = CSRF.matcher(login.getBody());
    assertThat(csrf.find()).isTrue();
    LinkedMultiValueMap<String, String> form = new LinkedMultiValueMap<>();
    form.add("username", username);
    form.add("password", password);
    form.add("_csrf", csrf.group(1));
    HttpHeaders headers = new HttpHeaders(pageHeaders);
    headers.add(HttpHeaders.COOKIE, cookie);
    headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    ResponseEntity<String> answer =
        anonymous
            .withRedirects(Redirects.DONT_FOLLOW)
            .postForEntity("/login", new HttpEntity<>(form, headers), String.class);
    String location = String.valueOf(answer.getHeaders().getLocation());
    if (location.contains("/login")) {
      return null;
    }
    return answer.getHeaders().getFirst(HttpHeaders.SET_COOKIE).split(";")[0];
  }

  /** An integration calling with {@code token} as its bearer token. */
  public static TestRestTemplate withKey(TestRestTemplate anonymous, String token) {
    return with(
        anonymous,
        (request, body, execution) -> {
          request.getHeaders().setBearerAuth(token);
          return execution.execute(request, body);
        });
  }

  private static TestRestTemplate withCookie(
      TestRestTemplate anonymous, String cookie, String csrfToken) {
    return with(
        anonymous,
        (request, body, execution) -> {
          if (!request.getHeaders().containsKey(HttpHeaders.COOKIE)) {
            request.getHeaders().add(HttpHeaders.COOKIE, cookie);
          }
          if (csrfToken != null) {
            request.getHeaders().add("X-CSRF-TOKEN", csrfToken);
          }
          return execution.execute(request, body);
        });
  }

  private static TestRestTemplate with(
      TestRestTemplate anonymous, ClientHttpRequestInterceptor interceptor) {
    return new TestRestTemplate(
        new RestTemplateBuilder()
            .messageConverters(anonymous.getRestTemplate().getMessageConverters())
            .rootUri(anonymous.getRootUri())
            .additionalInterceptors(interceptor));
  }
}
