package org.guestjourney.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL runs as its own process, detached from the JVM. When the app dies without
 * stopping it ({@code kill -9}, a crash, a power-off of the JVM only), that server keeps running
 * and holds the data directory ({@code postmaster.pid}), and a new server on the same directory
 * refuses to start. Before starting, the app therefore stops such a leftover server: a smart
 * shutdown (SIGTERM: it waits for sessions, and those of a dead app are already gone), so the data
 * is left consistent; only a server that does not stop within the timeout is killed, and PostgreSQL
 * then recovers from its write-ahead log at the next start.
 */
final class LeftoverPostgres {

  private static final Logger log = LoggerFactory.getLogger(LeftoverPostgres.class);

  private LeftoverPostgres() {}

  /** Stops the server a previous run left on {@code dataDirectory}; true if there was one. */
  static boolean stop(Path dataDirectory, Duration timeout) throws IOException {
    Path dir = dataDirectory.toAbsolutePath().normalize();
    Optional<ProcessHandle> leftover = serverOf(dir);
    if (leftover.isEmpty()) {
      return false;
    }
    ProcessHandle server = leftover.get();
    log.warn(
        "The embedded PostgreSQL of a previous run (pid {}) still holds {}: the app did not stop"
            + " cleanly. Stopping that server before starting a new one.",
        server.pid(),
        dir);
    server.destroy();
    if (!awaitExit(server, timeout)) {
      log.warn("PostgreSQL pid {} did not stop within {}; killing it", server.pid(), timeout);
      server.destroyForcibly();
      if (!awaitExit(server, timeout)) {
        throw new IllegalStateException(
            "Could not stop the leftover PostgreSQL pid " + server.pid() + " on " + dir);
      }
    }
    log.info("Leftover PostgreSQL pid {} stopped; its data stays as it was", server.pid());
    return true;
  }

  /** The live PostgreSQL server named in the directory's {@code postmaster.pid}, if any. */
  static Optional<ProcessHandle> serverOf(Path dir) throws IOException {
    Path pidFile = dir.resolve("postmaster.pid");
    if (!Files.isRegularFile(pidFile)) {
      return Optional.empty();
    }
    List<String> lines = Files.readAllLines(pidFile);
    long pid;
    try {
      pid = Long.parseLong(lines.getFirst().trim());
    } catch (RuntimeException unreadable) {
      return Optional.empty(); // half-written: PostgreSQL treats it as stale itself
    }
    return ProcessHandle.of(pid)
        .filter(ProcessHandle::isAlive)
        .filter(p -> p.pid() != ProcessHandle.current().pid())
        .filter(p -> isPostgresOn(p, dir));
  }

  /**
   * Whether the process is a PostgreSQL server on {@code dir}, not an unrelated process that got
   * the recorded pid later. Where the system does not tell a process's command line, the name of
   * its program decides.
   */
  private static boolean isPostgresOn(ProcessHandle process, Path dir) {
    ProcessHandle.Info info = process.info();
    boolean postgres =
        info.command()
            .map(c -> Path.of(c).getFileName().toString().startsWith("postgres"))
            .orElse(false);
    if (!postgres) {
      return false;
    }
    return info.arguments()
        .map(args -> Arrays.stream(args).anyMatch(a -> sameDirectory(a, dir)))
        .orElse(true);
  }

  private static boolean sameDirectory(String argument, Path dir) {
    try {
      return Path.of(argument).toAbsolutePath().normalize().equals(dir);
    } catch (RuntimeException notAPath) {
      return false;
    }
  }

  private static boolean awaitExit(ProcessHandle process, Duration timeout) {
    try {
      process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return !process.isAlive();
    } catch (ExecutionException e) {
      return !process.isAlive();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !process.isAlive();
    }
  }
}
