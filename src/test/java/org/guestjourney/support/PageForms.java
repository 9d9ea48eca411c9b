package org.guestjourney.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.http.client.ClientHttpRequestFactorySettings.Redirects;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/** Submits a page's form as a browser does: with the page's session and CSRF token. */
public final class PageForms {

  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  private PageForms() {}

  /**
   * Opens {@code page} and posts {@code fields} to {@code action} with the session and the CSRF
   * token the page gave; the answer's redirect is not followed.
   */
  public static ResponseEntity<String> submit(
      TestRestTemplate http, String page, String action, MultiValueMap<String, String> fields) {
    ResponseEntity<String> shown = http.getForEntity(page, String.class);
    String session = session(shown);
    Matcher csrf = CSRF.matcher(shown.getBody());
    assertThat(csrf.find()).as("the page's forms carry a CSRF token").isTrue();
    LinkedMultiValueMap<String, String> form = new LinkedMultiValueMap<>(fields);
    form.add("_csrf", csrf.group(1));
    HttpHeaders headers = new HttpHeaders();
    if (session != null) {
      headers.add(HttpHeaders.COOKIE, session);
    }
    headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    return http.withRedirects(Redirects.DONT_FOLLOW)
        .postForEntity(action, new HttpEntity<>(form, headers), String.class);
  }

  /** Like {@link #submit(TestRestTemplate, String, String, MultiValueMap)}, one value a field. */
  public static ResponseEntity<String> submit(
      TestRestTemplate http, String page, String action, java.util.Map<String, String> fields) {
    LinkedMultiValueMap<String, String> form = new LinkedMultiValueMap<>();
    fields.forEach(form::add);
    return submit(http, page, action, form);
  }

  /**
   * Like {@link #submit(TestRestTemplate, String, String, java.util.Map)}, then opens the page the
   * answer redirects to in the same session, as a browser would (flash messages included).
   */
  public static String submitAndShow(
      TestRestTemplate http, String page, String action, java.util.Map<String, String> fields) {
    ResponseEntity<String> shown = http.getForEntity(page, String.class);
    String session = session(shown);
    Matcher csrf = CSRF.matcher(shown.getBody());
    assertThat(csrf.find()).as("the page's forms carry a CSRF token").isTrue();
    LinkedMultiValueMap<String, String> form = new LinkedMultiValueMap<>();
    fields.forEach(form::add);
    form.add("_csrf", csrf.group(1));
    HttpHeaders headers = new HttpHeaders();
    if (session != null) {
      headers.add(HttpHeaders.COOKIE, session);
    }
    headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    ResponseEntity<String> answer =
        http.withRedirects(Redirects.DONT_FOLLOW)
            .postForEntity(action, new HttpEntity<>(form, headers), String.class);
    assertThat(answer.getStatusCode().is3xxRedirection()).as("the form redirects").isTrue();
    HttpHeaders again = new HttpHeaders();
    if (session != null) {
      again.add(HttpHeaders.COOKIE, session);
    }
    return http.exchange(
            answer.getHeaders().getLocation().getPath(),
            org.springframework.http.HttpMethod.GET,
            new HttpEntity<>(again),
            String.class)
        .getBody();
  }

  /**
   * The session cookie the page set, or null when the client already carries one (signed in with
   * {@link SignedIn}).
   */
  private static String session(ResponseEntity<String> shown) {
    String cookie = shown.getHeaders().getFirst(HttpHeaders.SET_COOKIE);
    return cookie == null ? null : cookie.split(";")[0];
  }

  /** The value of the hidden field {@code name} on {@code page}. */
  public static String hidden(String page, String name) {
    Matcher m = Pattern.compile("name=\"" + name + "\" value=\"([^\"]+)\"").matcher(page);
    assertThat(m.find()).as("the page has a hidden field " + name).isTrue();
    return m.group(1);
  }
}
