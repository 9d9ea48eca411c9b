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
  private final ManagerSession manager;

  private AppProcess(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
    this.manager = new ManagerSession(port);
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
                // the start-up deployment can take more than the default 10 s on a loaded machine
                "--camunda.client.request-timeout=PT60S",
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

  /** The app's HTTP port on 127.0.0.1. */
  public int port() {
    return port;
  }

  /** A GET as the demo manager, signed in through the sign-in form. */
  public HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return manager.send(manager.request(path).GET().build());
  }

  /** A JSON POST as the demo manager, signed in through the sign-in form. */
  public HttpResponse<String> postJson(String path, String json)
      throws IOException, InterruptedException {
    return manager.send(
        manager
            .request(path)
            .header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build());
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
