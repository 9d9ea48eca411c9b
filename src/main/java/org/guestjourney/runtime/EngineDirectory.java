package org.guestjourney.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The embedded engine's directory, held by one running app at a time: an OS file lock on {@code
 * engine.lock} (released by the OS when the process dies, even by {@code kill -9}), so a second app
 * started on the same directory stops with a clear message instead of corrupting the first one's
 * state.
 */
final class EngineDirectory implements AutoCloseable {

  /** The installation id of the database the directory's engine runs with. */
  static final String INSTALLATION_FILE = "installation";

  private final Path root;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final boolean hadLog;

  private EngineDirectory(Path root, FileChannel lockChannel, FileLock lock) {
    this.root = root;
    this.lockChannel = lockChannel;
    this.lock = lock;
    this.hadLog = hasLog(root);
  }

  /** Whether the directory held a durable engine log with records when it was claimed. */
  boolean hadLog() {
    return hadLog;
  }

  static EngineDirectory claim(Path directory) throws IOException {
    Path root = directory.toAbsolutePath();
    Files.createDirectories(root);
    FileChannel channel =
        FileChannel.open(
            root.resolve("engine.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock = channel.tryLock();
    if (lock == null) {
      channel.close();
      throw new EngineDirectoryRefused(
          "Another running Guest Journey uses the engine directory " + root + ".",
          "Stop it, or set guest-journey.runtime.engine.directory to another directory.");
    }
    return new EngineDirectory(root, channel, lock);
  }

  /**
   * Ties the directory to the database the app runs with: {@code database} is that database's
   * installation id (table {@code installation}). A directory whose engine log has records and that
   * ran with another database is refused with the reason (ADR 0083): its process instances wait for
   * bookings this database does not have, and this database's new bookings would reuse their ids,
   * so the engine would take their journey starts as duplicates and start none. A directory without
   * a log (first start, or the log in memory) or from before this check takes the database's id.
   */
  void tieTo(UUID database) throws IOException {
    Path file = root.resolve(INSTALLATION_FILE);
    Optional<UUID> recorded = Optional.empty();
    if (Files.exists(file)) {
      recorded = Optional.of(UUID.fromString(Files.readString(file).strip()));
    }
    if (hadLog && recorded.isPresent() && !recorded.get().equals(database)) {
      throw new EngineDirectoryRefused(
          "The engine directory "
              + root
              + " belongs to another database: it ran with installation "
              + recorded.get()
              + ", this database is installation "
              + database
              + ". Its journeys wait for bookings this database does not have, and new bookings"
              + " would get no journey.",
          "Set guest-journey.runtime.engine.directory to this database's engine directory, or"
              + " move "
              + root
              + " aside to start with an empty engine.");
    }
    if (recorded.isEmpty() || !recorded.get().equals(database)) {
      Path written = root.resolve(INSTALLATION_FILE + ".new");
      Files.writeString(written, database + "\n");
      Files.move(
          written, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
  }

  Path state() {
    return root.resolve("state");
  }

  /** Where the durable engine keeps its log segments. */
  Path log() {
    return root.resolve("log");
  }

  /** A scratch directory for the RocksDB checkpoint that compaction makes (and deletes). */
  Path scratch() {
    return root.resolve("compaction-checkpoint");
  }

  /** Whether {@code directory} holds a durable engine log with at least one byte in it. */
  static boolean hasLog(Path directory) {
    Path log = directory.toAbsolutePath().resolve("log");
    if (!Files.isDirectory(log)) {
      return false;
    }
    try (Stream<Path> files = Files.list(log)) {
      return files.anyMatch(p -> p.toString().endsWith(".log") && sizeOf(p) > 0);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read the engine log directory " + log, e);
    }
  }

  private static long sizeOf(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return 0;
    }
  }

  /**
   * The state directory as the previous run left it when the engine's log is kept ({@code durable})
   * and has records (the stream processor continues from the position the state records); otherwise
   * emptied, and an old log removed with it, so that state and log always belong together.
   */
  Path stateFor(boolean durable) throws IOException {
    if (durable && hasLog(root)) {
      return state();
    }
    deleteRecursively(log());
    return freshState();
  }

  /** Empties the state directory (what a previous run left there) and returns it. */
  Path freshState() throws IOException {
    deleteRecursively(state());
    return state();
  }

  private static void deleteRecursively(Path directory) throws IOException {
    if (Files.exists(directory)) {
      try (Stream<Path> files = Files.walk(directory)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  @Override
  public void close() throws IOException {
    try {
      lock.release();
    } finally {
      lockChannel.close();
    }
  }
}
