package org.guestjourney.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.guestjourney.GuestJourneyApplication;

/**
 * The whole application in a JVM of its own, driven only through its HTTP API, so that it can be
 * killed with {@code kill -9} ({@link Process#destroyForcibly()} sends SIGKILL) at any moment and
 * started again. Its database is the test's PostgreSQL, which outlives it as a real one would; its
 * engine is the embedded one, which forgets everything and is restored from the database.
 */
final class AppProcess implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<String> arguments;
  private final Path log;
  private final HttpClient http = HttpClient.newHttpClient();
  private Process process;
  private int port;

  AppProcess(Path log, List<String> arguments) {
    this.log = log;
    this.arguments = List.copyOf(arguments);
  }

  /** Starts the app and waits until it answers its health check. */
  void start() throws Exception {
    port = freePort();
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.add("-Xmx768m");
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(GuestJourneyApplication.class.getName());
    command.add("--server.port=" + port);
    arguments.forEach(a -> command.add("--" + a));
    process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("The app stopped while starting; see " + log);
      }
      try {
        if (get("/actuator/health").path("status").asText().equals("UP")) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("The app did not start within 120 s; see " + log);
  }

  /** {@code kill -9}: no shutdown hook, no last commit, connections cut. */
  void kill() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
    }
  }

  boolean isAlive() {
    return process != null && process.isAlive();
  }

  JsonNode get(String path) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20)).build(),
            HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(response.body());
  }

  /** POSTs JSON; the answer's body, or an exception naming the status when it was not 2xx. */
  JsonNode post(String path, String json) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(uri(path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw new IOException("POST " + path + " answered " + response.statusCode());
    }
    return JSON.readTree(response.body());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  static int freePort() throws IOException {
    try (ServerSocket probe = new ServerSocket(0)) {
      return probe.getLocalPort();
    }
  }

  @Override
  public void close() throws InterruptedException {
    kill();
  }
}
