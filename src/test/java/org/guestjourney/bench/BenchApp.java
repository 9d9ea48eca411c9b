package org.guestjourney.bench;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.guestjourney.GuestJourneyApplication;
import org.guestjourney.support.ManagerSession;

/**
 * The app in a JVM of its own, started from its built jar ({@code -Dbench.jar}, by default {@code
 * target/guest-journey-*.jar}; the test class path when there is none, said so in the output), on
 * the embedded default: its own PostgreSQL and engine under {@code directory}. It can be killed
 * with {@code kill -9} and started again on the same data.
 */
final class BenchApp implements AutoCloseable {

  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private final List<String> command;
  private final Path log;
  private final int port;
  private final String launchedFrom;
  private final Path postgresDirectory;
  private Process process;
  private ManagerSession manager;

  BenchApp(Path directory, int smtpPort, int postgresPort, String heap, List<String> extra) {
    this.port = RawEngineCeiling.freePort();
    this.log = directory.resolve("app.log");
    this.postgresDirectory = directory.resolve("postgres").toAbsolutePath();
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx" + heap);
    // extra JVM options for a look inside, e.g. -Dbench.jvm-args=-XX:StartFlightRecording=...
    for (String arg : System.getProperty("bench.jvm-args", "").split(" ")) {
      if (!arg.isBlank()) {
        cmd.add(arg);
      }
    }
    Path jar = jar();
    if (jar != null) {
      cmd.add("-jar");
      cmd.add(jar.toString());
      launchedFrom = jar.getFileName().toString();
    } else {
      cmd.add("-cp");
      cmd.add(classPath());
      cmd.add(GuestJourneyApplication.class.getName());
      launchedFrom = "the test class path (no jar built: ./mvnw package -DskipTests first)";
    }
    cmd.add("--server.port=" + port);
    cmd.add("--guest-journey.runtime.embedded-engine-port=0");
    cmd.add(
        "--guest-journey.embedded-database.data-directory="
            + directory.resolve("postgres").toAbsolutePath());
    cmd.add("--guest-journey.embedded-database.port=" + postgresPort);
    cmd.add(
        "--guest-journey.embedded-database.server-config.shared_preload_libraries"
            + "=pg_stat_statements");
    cmd.add(
        "--guest-journey.runtime.engine.directory=" + directory.resolve("engine").toAbsolutePath());
    cmd.add("--camunda.client.request-timeout=PT60S");
    cmd.add("--spring.mail.host=127.0.0.1");
    cmd.add("--spring.mail.port=" + smtpPort);
    extra.forEach(e -> cmd.add("--" + e));
    this.command = List.copyOf(cmd);
  }

  String launchedFrom() {
    return launchedFrom;
  }

  /** Starts the app; returns the seconds until its health was UP and it had started. */
  double start(Duration within) throws Exception {
    Files.writeString(log, "--- start\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    long before = Files.size(log);
    long t0 = System.nanoTime();
    process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    manager = new ManagerSession(port);
    long deadline = t0 + within.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("The app exited while starting; see " + log);
      }
      String output = Files.readString(log).substring((int) before);
      if (output.contains("Started " + GuestJourneyApplication.class.getSimpleName())
          && "UP".equals(health())) {
        return (System.nanoTime() - t0) / 1e9;
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("The app did not start within " + within + "; see " + log);
  }

  private String health() {
    try {
      HttpResponse<String> r =
          HTTP.send(
              HttpRequest.newBuilder(uri("/actuator/health"))
                  .timeout(Duration.ofSeconds(10))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      Matcher m = Pattern.compile("\"status\"\\s*:\\s*\"(\\w+)\"").matcher(r.body());
      return m.find() ? m.group(1) : "";
    } catch (IOException | InterruptedException notYet) {
      return "";
    }
  }

  long pid() {
    return process.pid();
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  HttpClient http() {
    return HTTP;
  }

  /** A JSON POST as the demo manager; the answer's body, or an exception when it was not 2xx. */
  String managerPost(String path, String json, Duration timeout) throws Exception {
    HttpResponse<String> r =
        manager.send(
            manager
                .request(path)
                .timeout(timeout)
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build());
    if (r.statusCode() / 100 != 2) {
      throw new IllegalStateException("POST " + path + " answered " + r.statusCode() + r.body());
    }
    return r.body();
  }

  String managerGet(String path) throws Exception {
    return manager.send(manager.request(path).GET().build()).body();
  }

  /** {@code kill -9}: no shutdown hook runs; the embedded PostgreSQL is left behind. */
  void kill() throws Exception {
    // a flight recording started by -Dbench.jvm-args would die with the process: dump it first
    String recording = System.getProperty("bench.jfr-dump");
    if (recording != null && !recording.isBlank()) {
      String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
      System.out.println(run(jcmd, Long.toString(pid()), "JFR.dump", "filename=" + recording));
    }
    process.destroyForcibly();
    process.waitFor(60, TimeUnit.SECONDS);
  }

  /** The resident set of the app's JVM and, separately, of its embedded PostgreSQL, in MiB. */
  long[] rssMiB() {
    return new long[] {
      rss(process.pid()), postgresProcesses().stream().mapToLong(BenchApp::rss).sum()
    };
  }

  /**
   * CPU time (user + system) used so far, in milliseconds: {@code [0]} the app's JVM, {@code [1]}
   * its embedded PostgreSQL (the postmaster, its live backends and the backends that ended).
   */
  long[] cpuMillis() {
    List<Long> postgres = postgresProcesses();
    long postgresMillis = 0;
    for (int i = 0; i < postgres.size(); i++) {
      // the postmaster (first) also counts the backends that ended
      postgresMillis += cpuMillisOf(postgres.get(i), i == 0);
    }
    return new long[] {cpuMillisOf(process.pid(), false), postgresMillis};
  }

  /**
   * The embedded PostgreSQL's processes, the postmaster first and then its backends: it runs
   * detached from the app. None when its pid file is not there.
   */
  private List<Long> postgresProcesses() {
    try {
      long postmaster =
          Long.parseLong(
              Files.readAllLines(postgresDirectory.resolve("postmaster.pid")).getFirst().strip());
      List<Long> pids = new ArrayList<>();
      pids.add(postmaster);
      ProcessHandle.of(postmaster).stream()
          .flatMap(ProcessHandle::descendants)
          .forEach(p -> pids.add(p.pid()));
      return pids;
    } catch (IOException | RuntimeException unknown) {
      return List.of();
    }
  }

  /** The benchmark's own JVM (load generator, SMTP sink and, in its phase, the raw engine). */
  static long ownCpuMillis() {
    return cpuMillisOf(ProcessHandle.current().pid(), false);
  }

  /** Clock ticks per second of /proc/[pid]/stat: 100 on Linux unless the kernel was built odd. */
  private static final long TICKS_PER_SECOND = 100;

  private static long cpuMillisOf(long pid, boolean withEndedChildren) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      // fields after the command name (which may hold spaces): state is field 3
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
      if (withEndedChildren) {
        ticks += Long.parseLong(f[13]) + Long.parseLong(f[14]); // cutime, cstime
      }
      return ticks * 1000 / TICKS_PER_SECOND;
    } catch (IOException | RuntimeException gone) {
      return 0;
    }
  }

  private static long rss(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
        }
      }
    } catch (IOException gone) {
      // the process ended meanwhile
    }
    return 0;
  }

  /** Heap in use right after a full collection ({@code jcmd GC.run}), in MiB. */
  long heapAfterGcMiB() throws Exception {
    String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
    run(jcmd, Long.toString(pid()), "GC.run");
    String info = run(jcmd, Long.toString(pid()), "GC.heap_info");
    Matcher m = Pattern.compile("used (\\d+)K").matcher(info);
    return m.find() ? Long.parseLong(m.group(1)) / 1024 : -1;
  }

  private static String run(String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    p.waitFor(60, TimeUnit.SECONDS);
    return out;
  }

  private static Path jar() {
    String configured = System.getProperty("bench.jar");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured).toAbsolutePath();
    }
    File[] jars =
        new File("target")
            .listFiles(
                f ->
                    f.getName().startsWith("guest-journey-")
                        && f.getName().endsWith(".jar")
                        && !f.getName().endsWith("-plain.jar"));
    return jars == null || jars.length == 0 ? null : jars[0].toPath().toAbsolutePath();
  }

  private static String classPath() {
    return new LinkedHashSet<>(
            List.of(System.getProperty("java.class.path").split(File.pathSeparator)))
        .stream()
            .filter(entry -> !entry.contains("surefirebooter"))
            .collect(Collectors.joining(File.pathSeparator));
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }
}
