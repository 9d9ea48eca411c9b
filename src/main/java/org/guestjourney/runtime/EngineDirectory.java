package org.guestjourney.runtime;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The embedded engine's directory, held by one running app at a time: an OS file lock on {@code
 * engine.lock} (released by the OS when the process dies, even by {@code kill -9}), so a second app
 * started on the same directory stops with a clear message instead of corrupting the first one's
 * state.
 */
final class EngineDirectory implements AutoCloseable {

  private final Path root;
  private final FileChannel lockChannel;
  private final FileLock lock;

  private EngineDirectory(Path root, FileChannel lockChannel, FileLock lock) {
    this.root = root;
    this.lockChannel = lockChannel;
    this.lock = lock;
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
      throw new IllegalStateException(
          "Another running Guest Journey uses the engine directory "
              + root
              + "; stop it or set guest-journey.runtime.engine.directory to another directory");
    }
    return new EngineDirectory(root, channel, lock);
  }

  Path state() {
    return root.resolve("state");
  }

  /** Empties the state directory (what a previous run left there) and returns it. */
  Path freshState() throws IOException {
    Path state = state();
    if (Files.exists(state)) {
      try (Stream<Path> files = Files.walk(state)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    return state;
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
