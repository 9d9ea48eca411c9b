package org.guestjourney.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An HTTP client signed in through the sign-in form as the embedded default's demo manager, for
 * tests that drive the app in its own JVM: every request carries the session cookie and the
 * session's CSRF token.
 */
public final class ManagerSession {

  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  private final String base;
  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(2))
          .cookieHandler(new CookieManager())
          .build();
  private String csrfToken;

  public ManagerSession(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  /** A request to {@code path} as the manager; add the method and body, then {@link #send}. */
  public HttpRequest.Builder request(String path) throws IOException, InterruptedException {
    return HttpRequest.newBuilder(URI.create(base + path))
        .timeout(Duration.ofSeconds(30))
        .header("X-CSRF-TOKEN", signedIn());
  }

  public HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** Signs in once; the demo accounts are seeded just after the web server opens, so it retries. */
  private synchronized String signedIn() throws IOException, InterruptedException {
    if (csrfToken != null) {
      return csrfToken;
    }
    // fewer attempts than the five failures that would lock the account
    for (int attempt = 1; ; attempt++) {
      String form = csrf(send(loginPage()).body());
      HttpResponse<String> answer =
          send(
              HttpRequest.newBuilder(URI.create(base + "/login"))
                  .timeout(Duration.ofSeconds(30))
                  .header("content-type", "application/x-www-form-urlencoded")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "username=manager&password=manager&_csrf="
                              + URLEncoder.encode(form, StandardCharsets.UTF_8)))
                  .build());
      String location = answer.headers().firstValue("location").orElse("");
      if (!location.contains("error")) {
        break;
      }
      if (attempt == 4) {
        throw new IllegalStateException("The demo manager could not sign in: " + location);
      }
      // on a loaded machine the accounts can come a minute after the web server: wait longer
      // each time (10, 20, 30 s) instead of trying more often
      Thread.sleep(10_000L * attempt);
    }
    csrfToken = csrf(send(loginPage()).body());
    return csrfToken;
  }

  private HttpRequest loginPage() {
    return HttpRequest.newBuilder(URI.create(base + "/login"))
        .timeout(Duration.ofSeconds(30))
        .GET()
        .build();
  }

  private static String csrf(String page) {
    Matcher m = CSRF.matcher(page);
    if (!m.find()) {
      throw new IllegalStateException("No CSRF token on the sign-in page");
    }
    return m.group(1);
  }
}
