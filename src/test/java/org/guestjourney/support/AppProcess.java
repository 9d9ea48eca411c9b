package org.guestjourney.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.guestjourney.GuestJourneyApplication;

/**
 * The whole application started as a separate JVM (from the test classpath), for tests that kill it
 * the way an operating system or an operator does: {@code kill -9}, no shutdown hook runs. Its
 * output goes to {@code <data directory>-<n>.log}.
 */
public final class AppProcess implements AutoCloseable {

  private static final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final Process process;
  private final int port;
  private final Path log;

  private AppProcess(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /**
   * Starts the app on {@code dataDirectory} (the embedded PostgreSQL's data; the engine's directory
   * beside it) and waits until its health is UP.
   */
  public static AppProcess start(Path dataDirectory, int smtpPort, String name, String... extra)
      throws IOException, InterruptedException {
    int port = freePort();
    Path dir = dataDirectory.toAbsolutePath();
    Path log = dir.resolveSibling(dir.getFileName() + "-" + name + ".log");
    String classpath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-cp",
                classpath,
                GuestJourneyApplication.class.getName(),
                "--server.port=" + port,
                "--guest-journey.runtime.embedded-engine-port=0",
                "--guest-journey.embedded-database.data-directory=" + dir,
                "--guest-journey.runtime.engine.directory="
                    + dir.resolveSibling(dir.getFileName() + "-engine"),
                "--spring.mail.host=127.0.0.1",
                "--spring.mail.port=" + smtpPort));
    for (String e : extra) {
      command.add("--" + e);
    }
    Files.createDirectories(log.getParent());
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    AppProcess app = new AppProcess(process, port, log);
    app.awaitHealthy(Duration.ofMinutes(4));
    return app;
  }

  private void awaitHealthy(Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "The app exited with " + process.exitValue() + " while starting; see " + log);
      }
      try {
        HttpResponse<String> health = get("/actuator/health");
        if (health.statusCode() == 200 && health.body().contains("\"UP\"")) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException("The app did not become healthy in " + timeout + "; " + log);
  }

  public long pid() {
    return process.pid();
  }

  /** A GET as the demo manager, signed in through the sign-in form. */
  public HttpResponse<String> get(String path) throws IOException, InterruptedException {
    String csrf = signedIn();
    return session.send(
        HttpRequest.newBuilder(uri(path))
            .timeout(Duration.ofSeconds(30))
            .header("X-CSRF-TOKEN", csrf)
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** A JSON POST as the demo manager, signed in through the sign-in form. */
  public HttpResponse<String> postJson(String path, String json)
      throws IOException, InterruptedException {
    String csrf = signedIn();
    return session.send(
        HttpRequest.newBuilder(uri(path))
            .timeout(Duration.ofSeconds(30))
            .header("content-type", "application/json")
            .header("X-CSRF-TOKEN", csrf)
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static final java.util.regex.Pattern CSRF =
      java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  private final HttpClient session =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(2))
          .cookieHandler(new java.net.CookieManager())
          .build();
  private String csrfToken;

  /** Signs in once as the embedded default's demo manager; the session's CSRF token. */
  private synchronized String signedIn() throws IOException, InterruptedException {
    if (csrfToken != null) {
      return csrfToken;
    }
    // the demo accounts are seeded just after the web server opens: try a few times (fewer than
    // the five failures that would lock the account)
    for (int attempt = 1; ; attempt++) {
      String form = csrf(session.send(loginPage(), HttpResponse.BodyHandlers.ofString()).body());
      HttpResponse<String> answer =
          session.send(
              HttpRequest.newBuilder(uri("/login"))
                  .timeout(Duration.ofSeconds(30))
                  .header("content-type", "application/x-www-form-urlencoded")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "username=manager&password=manager&_csrf="
                              + java.net.URLEncoder.encode(
                                  form, java.nio.charset.StandardCharsets.UTF_8)))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      String location = answer.headers().firstValue("location").orElse("");
      if (!location.contains("error")) {
        break;
      }
      if (attempt == 4) {
        throw new IllegalStateException("The demo manager could not sign in: " + location);
      }
      Thread.sleep(5000);
    }
    csrfToken = csrf(session.send(loginPage(), HttpResponse.BodyHandlers.ofString()).body());
    return csrfToken;
  }

  private HttpRequest loginPage() {
    return HttpRequest.newBuilder(uri("/login")).timeout(Duration.ofSeconds(30)).GET().build();
  }

  private static String csrf(String page) {
    var m = CSRF.matcher(page);
    if (!m.find()) {
      throw new IllegalStateException("No CSRF token on the sign-in page");
    }
    return m.group(1);
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  /** {@code kill -9}: the JVM ends at once, no shutdown hook or bean destroy method runs. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  /** An ordinary stop (SIGTERM): Spring closes the app, the engine and the database. */
  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor();
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
