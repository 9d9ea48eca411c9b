package org.guestjourney.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
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

  /**
   * Starts the app and waits until it has started (journeys deployed) and answers its health check;
   * a start that fails (e.g. the deployment timed out on a loaded machine) is tried once more.
   */
  void start() throws Exception {
    try {
      startOnce();
    } catch (IllegalStateException failed) {
      startOnce();
    }
  }

  private void startOnce() throws Exception {
    port = freePort();
    manager = null; // a new process: sign in again
    Files.writeString(
        log,
        "--- start " + Instant.now() + "\n",
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
    long before = Files.size(log);
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.add("-Xmx768m");
    command.add("-cp");
    command.add(classPath());
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
      if (!process.isAlive()
          || Files.readString(log).substring((int) before).contains("Application run failed")) {
        process.destroyForcibly();
        throw new IllegalStateException("The app stopped while starting; see " + log);
      }
      // the web server answers before the journeys are deployed: the log says when all is up
      if (Files.readString(log)
              .substring((int) before)
              .contains("Started " + GuestJourneyApplication.class.getSimpleName())
          && health().equals("UP")) {
        return;
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
    HttpResponse<String> response = manager().send(manager().request(path).GET().build());
    return JSON.readTree(response.body());
  }

  /** POSTs JSON; the answer's body, or an exception naming the status when it was not 2xx. */
  JsonNode post(String path, String json) throws IOException, InterruptedException {
    HttpResponse<String> response =
        manager()
            .send(
                manager()
                    .request(path)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json))
                    .build());
    if (response.statusCode() / 100 != 2) {
      throw new IOException("POST " + path + " answered " + response.statusCode());
    }
    return JSON.readTree(response.body());
  }

  private org.guestjourney.support.ManagerSession manager;

  /** The health check is open: no sign-in while the app starts. */
  private String health() throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(uri("/actuator/health")).timeout(Duration.ofSeconds(20)).build(),
            HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(response.body()).path("status").asText();
  }

  /** The API needs a key or a staff session: the demo manager's, for this run of the app. */
  private synchronized org.guestjourney.support.ManagerSession manager() {
    if (manager == null) {
      manager = new org.guestjourney.support.ManagerSession(port);
    }
    return manager;
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  /**
   * The test's class path, each entry once and without Surefire's own launcher jar (whose manifest
   * names the same entries again: the journeys would be deployed twice and refused).
   */
  private static String classPath() {
    return new LinkedHashSet<>(
            List.of(System.getProperty("java.class.path").split(File.pathSeparator)))
        .stream()
            .filter(entry -> !entry.contains("surefirebooter"))
            .collect(Collectors.joining(File.pathSeparator));
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
