package io.camunda.zeebe.process.test.engine;

import io.camunda.zeebe.logstreams.storage.LogStorageReader;
import io.camunda.zeebe.util.buffer.BufferWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The engine's log on disk: append-only segment files of length-prefixed, checksummed blocks, each
 * forced to disk ({@link FileChannel#force}) before the engine is told it is committed. At open the
 * segments are scanned to rebuild the position index; a last block that is torn (cut short or with
 * a wrong checksum, what a crash in the middle of a write leaves) is cut off. A damaged block
 * anywhere else stops the open: that is not what a crash leaves.
 *
 * <p>Block layout, big-endian: {@code int length} of the data, {@code int crc32c} over the next
 * three fields, {@code long lowestPosition}, {@code long highestPosition}, then the data. A segment
 * is named after the lowest position of its first block ({@code 00000000000000000001.log}); a new
 * segment starts when the current one reaches {@code segmentSize}.
 *
 * <p><b>Group commit.</b> {@link #append} writes the block to its segment file at once (so it is in
 * the operating system when {@code append} returns, and survives the process being killed) and
 * returns without waiting for the disk; a committer thread forces the segment files and then, for
 * every block the force covered, publishes it to readers and tells its listener {@code onWrite} and
 * {@code onCommit}. Blocks appended while a force is running are forced together by the next one.
 * The engine therefore never reads, processes or is told committed a block that is not on disk, and
 * one force serves every append of its round (the engine's sequencer appends under its own lock, so
 * an append that waited for its force would make every writer wait in turn). A force that fails
 * leaves the log failed: nothing after it is committed and the next append throws.
 *
 * <p>Only the index (one entry per block) is on the heap; readers read blocks from the files.
 * {@link #deleteBelow(long)} removes whole segments whose blocks all end below a position (what the
 * state no longer needs). A subclass of {@link InMemoryLogStorage} only because the engine's state
 * monitor takes that type; none of the parent's state is used.
 */
public final class FileLogStorage extends InMemoryLogStorage implements AutoCloseable {

  static final int HEADER = 4 + 4 + 8 + 8;
  private static final String SUFFIX = ".log";

  private final Path directory;
  private final long segmentSize;
  private final ConcurrentSkipListMap<Long, Block> index = new ConcurrentSkipListMap<>();
  private final ConcurrentSkipListMap<Long, Segment> segments = new ConcurrentSkipListMap<>();
  private final Set<CommitListener> commitListeners = new CopyOnWriteArraySet<>();
  private Segment current;
  private long appended;
  private long lastHighestPosition = -1;
  private volatile boolean closed;

  // group commit, guarded by this: blocks written and not yet forced, in append order
  private List<Pending> pending = new ArrayList<>();
  private long committedIndex;
  private long committedPosition = -1;
  private long forces;
  private IOException failure;
  private Thread committer;

  private record Block(Segment segment, long offset, int length, long highestPosition) {}

  private record Pending(long lowestPosition, Block block, long index, AppendListener listener) {}

  private static final class Segment {
    final Path file;
    final FileChannel channel;
    final long firstPosition;
    long size;
    long highestPosition = -1;

    Segment(Path file, FileChannel channel, long firstPosition, long size) {
      this.file = file;
      this.channel = channel;
      this.firstPosition = firstPosition;
      this.size = size;
    }
  }

  private FileLogStorage(Path directory, long segmentSize) {
    this.directory = directory;
    this.segmentSize = segmentSize;
  }

  /**
   * Opens the log in {@code directory} (created if absent), rebuilding its index from the segment
   * files and cutting off a torn last block.
   */
  public static FileLogStorage open(Path directory, long segmentSize) throws IOException {
    Files.createDirectories(directory);
    FileLogStorage storage = new FileLogStorage(directory, segmentSize);
    storage.scan();
    storage.committedIndex = storage.appended;
    storage.committedPosition = storage.lastHighestPosition;
    storage.committer =
        Thread.ofPlatform().daemon().name("engine-log-commit").start(storage::commitLoop);
    return storage;
  }

  private void scan() throws IOException {
    List<Path> files;
    try (Stream<Path> list = Files.list(directory)) {
      files =
          list.filter(p -> p.getFileName().toString().endsWith(SUFFIX))
              .sorted((a, b) -> Long.compare(firstPositionOf(a), firstPositionOf(b)))
              .toList();
    }
    for (int i = 0; i < files.size(); i++) {
      boolean last = i == files.size() - 1;
      Path file = files.get(i);
      FileChannel channel =
          FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
      Segment segment = new Segment(file, channel, firstPositionOf(file), 0);
      long valid = scanSegment(segment);
      long length = channel.size();
      if (valid < length) {
        if (!last) {
          channel.close();
          throw new IOException(
              "The engine log segment "
                  + file
                  + " is damaged at byte "
                  + valid
                  + " and is not the last one; the log cannot be read past it");
        }
        // a block cut short by a crash in the middle of a write: it was never committed
        channel.truncate(valid);
        channel.force(true);
      }
      segment.size = valid;
      if (valid == 0 && last && !segments.isEmpty()) {
        channel.close();
        Files.delete(file);
        continue;
      }
      segments.put(segment.firstPosition, segment);
    }
    current = segments.isEmpty() ? null : segments.lastEntry().getValue();
  }

  /** Indexes the segment's valid blocks; returns the byte offset after the last valid one. */
  private long scanSegment(Segment segment) throws IOException {
    FileChannel channel = segment.channel;
    long size = channel.size();
    long offset = 0;
    ByteBuffer header = ByteBuffer.allocate(HEADER);
    while (offset + HEADER <= size) {
      header.clear();
      readFully(channel, header, offset);
      header.flip();
      int length = header.getInt();
      int crc = header.getInt();
      long lowest = header.getLong();
      long highest = header.getLong();
      if (length < 0 || offset + HEADER + length > size || highest < lowest) {
        break;
      }
      ByteBuffer data = ByteBuffer.allocate(length);
      readFully(channel, data, offset + HEADER);
      if (checksum(lowest, highest, data.flip()) != crc || lowest <= lastHighestPosition) {
        break;
      }
      index.put(lowest, new Block(segment, offset + HEADER, length, highest));
      lastHighestPosition = highest;
      segment.highestPosition = highest;
      appended++;
      offset += HEADER + length;
    }
    return offset;
  }

  private static long firstPositionOf(Path file) {
    String name = file.getFileName().toString();
    return Long.parseLong(name.substring(0, name.length() - SUFFIX.length()));
  }

  private static int checksum(long lowest, long highest, ByteBuffer data) {
    CRC32C crc = new CRC32C();
    ByteBuffer positions = ByteBuffer.allocate(16).putLong(lowest).putLong(highest).flip();
    crc.update(positions);
    crc.update(data.duplicate());
    return (int) crc.getValue();
  }

  private static void readFully(FileChannel channel, ByteBuffer buffer, long position)
      throws IOException {
    long at = position;
    while (buffer.hasRemaining()) {
      int read = channel.read(buffer, at);
      if (read < 0) {
        throw new IOException("Unexpected end of the engine log at byte " + at);
      }
      at += read;
    }
  }

  @Override
  public LogStorageReader newReader() {
    return new Reader();
  }

  @Override
  public void append(
      long lowestPosition, long highestPosition, BufferWriter writer, AppendListener listener) {
    ByteBuffer buffer = ByteBuffer.allocate(writer.getLength());
    writer.write(new UnsafeBuffer(buffer), 0);
    append(lowestPosition, highestPosition, buffer, listener);
  }

  /**
   * Writes the block to the current segment file and returns; the listener hears {@code onWrite}
   * and {@code onCommit} from the committer thread once a force covers the block (see the class
   * comment).
   */
  @Override
  public void append(
      long lowestPosition, long highestPosition, ByteBuffer block, AppendListener listener) {
    synchronized (this) {
      if (closed) {
        throw new IllegalStateException("The engine log is closed");
      }
      if (failure != null) {
        throw new UncheckedIOException(
            "The engine log in " + directory + " could not be forced to disk", failure);
      }
      if (lowestPosition <= lastHighestPosition || highestPosition < lowestPosition) {
        throw new IllegalArgumentException(
            "Block positions "
                + lowestPosition
                + ".."
                + highestPosition
                + " do not follow the log's last position "
                + lastHighestPosition);
      }
      ByteBuffer data = block.duplicate();
      int length = data.remaining();
      Block written;
      try {
        if (current == null || current.size >= segmentSize) {
          current = newSegment(lowestPosition);
        }
        ByteBuffer header =
            ByteBuffer.allocate(HEADER)
                .putInt(length)
                .putInt(checksum(lowestPosition, highestPosition, data))
                .putLong(lowestPosition)
                .putLong(highestPosition)
                .flip();
        long offset = current.size;
        long at = offset;
        while (header.hasRemaining()) {
          at += current.channel.write(header, at);
        }
        while (data.hasRemaining()) {
          at += current.channel.write(data, at);
        }
        current.size = at;
        current.highestPosition = highestPosition;
        written = new Block(current, offset + HEADER, length, highestPosition);
      } catch (IOException e) {
        failure = e;
        notifyAll();
        throw new UncheckedIOException("Could not write the engine log in " + directory, e);
      }
      lastHighestPosition = highestPosition;
      pending.add(new Pending(lowestPosition, written, ++appended, listener));
      notifyAll();
    }
  }

  /** The committer thread: forces what was written, then publishes and acknowledges it. */
  private void commitLoop() {
    while (true) {
      List<Pending> batch;
      synchronized (this) {
        while (pending.isEmpty() && !closed && failure == null) {
          try {
            wait();
          } catch (InterruptedException e) {
            if (closed) {
              break;
            }
          }
        }
        if (failure != null || pending.isEmpty()) {
          return; // closed (and nothing left) or failed
        }
        batch = pending;
        pending = new ArrayList<>();
      }
      // appends go on writing while this force runs; they are forced by the next one
      try {
        for (Segment segment : segmentsOf(batch)) {
          segment.channel.force(false);
        }
      } catch (IOException e) {
        synchronized (this) {
          failure = e;
          notifyAll();
        }
        return;
      }
      for (Pending p : batch) {
        index.put(p.lowestPosition(), p.block());
      }
      Pending last = batch.getLast();
      synchronized (this) {
        committedPosition = last.block().highestPosition();
        forces++;
      }
      for (Pending p : batch) {
        p.listener().onWrite(p.index(), p.block().highestPosition());
        p.listener().onCommit(p.index(), p.block().highestPosition());
      }
      commitListeners.forEach(CommitListener::onCommit);
      synchronized (this) {
        committedIndex = last.index();
        notifyAll();
      }
    }
  }

  private static List<Segment> segmentsOf(List<Pending> batch) {
    LinkedHashSet<Segment> touched = new LinkedHashSet<>();
    batch.forEach(p -> touched.add(p.block().segment()));
    return List.copyOf(touched);
  }

  /**
   * Waits until every block appended so far is on disk and its listeners have heard it is committed
   * (or the log failed: then throws). Returns the highest position committed.
   */
  public synchronized long flush() throws IOException, InterruptedException {
    long target = appended;
    while (committedIndex < target && failure == null) {
      wait();
    }
    if (failure != null) {
      throw new IOException("The engine log in " + directory + " could not be forced", failure);
    }
    return committedPosition;
  }

  /** Why the log stopped committing (a write or force to disk failed), or null. */
  public synchronized IOException failure() {
    return failure;
  }

  /** How many forces the committer has made (each covers every block written before it). */
  public synchronized long forces() {
    return forces;
  }

  private Segment newSegment(long firstPosition) throws IOException {
    Path file = directory.resolve(String.format("%020d%s", firstPosition, SUFFIX));
    FileChannel channel =
        FileChannel.open(
            file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE);
    // the new file's name must survive a crash too
    try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException ignored) {
      // not every file system lets a directory be opened for force
    }
    Segment segment = new Segment(file, channel, firstPosition, 0);
    segments.put(firstPosition, segment);
    return segment;
  }

  /**
   * Deletes the segments whose blocks all end below {@code position} (never the one being written
   * to); returns how many were deleted. Readers positioned in a deleted segment continue at the
   * first block that is left.
   */
  public synchronized int deleteBelow(long position) throws IOException {
    int deleted = 0;
    for (Segment segment : List.copyOf(segments.values())) {
      if (segment == current || segment.highestPosition < 0) {
        continue;
      }
      if (segment.highestPosition >= position) {
        break;
      }
      Long next = segments.higherKey(segment.firstPosition);
      index.headMap(next != null ? next : Long.MAX_VALUE).clear();
      segments.remove(segment.firstPosition);
      segment.channel.close();
      Files.deleteIfExists(segment.file);
      deleted++;
    }
    return deleted;
  }

  /** The highest position written to the log, or -1 if it is empty. */
  public synchronized long lastPosition() {
    return lastHighestPosition;
  }

  /** The highest position on disk and committed, or -1 if none is. */
  public synchronized long committedPosition() {
    return committedPosition;
  }

  /** The lowest position still in the log, or -1 if it is empty. */
  public long firstPosition() {
    Map.Entry<Long, Block> first = index.firstEntry();
    return first == null ? -1 : first.getKey();
  }

  /** True when the log holds no block. */
  public boolean isEmpty() {
    return index.isEmpty();
  }

  /** Bytes in the segment files. */
  public synchronized long sizeOnDisk() {
    return segments.values().stream().mapToLong(s -> s.size).sum();
  }

  /** How many segment files the log has. */
  public int segmentCount() {
    return segments.size();
  }

  @Override
  public void addCommitListener(CommitListener listener) {
    commitListeners.add(listener);
  }

  @Override
  public void removeCommitListener(CommitListener listener) {
    commitListeners.remove(listener);
  }

  /**
   * Forces and commits what was appended, stops the committer and closes the files. Appends after
   * this throw.
   */
  @Override
  public void close() throws IOException {
    Thread thread;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      notifyAll();
      thread = committer;
    }
    if (thread != null && thread != Thread.currentThread()) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    closeFiles();
  }

  private synchronized void closeFiles() throws IOException {
    List<IOException> failures = new ArrayList<>();
    for (Segment segment : segments.values()) {
      try {
        segment.channel.close();
      } catch (IOException e) {
        failures.add(e);
      }
    }
    if (!failures.isEmpty()) {
      throw failures.getFirst();
    }
  }

  private final class Reader implements LogStorageReader {

    private Long lastRead;
    private Long from;

    /** From the block before {@code position} (as zeebe-process-test's reader), or the first. */
    @Override
    public void seek(long position) {
      lastRead = null;
      from = index.lowerKey(position);
    }

    private Map.Entry<Long, Block> peek() {
      if (lastRead != null) {
        return index.higherEntry(lastRead);
      }
      return from != null ? index.ceilingEntry(from) : index.firstEntry();
    }

    @Override
    public boolean hasNext() {
      return peek() != null;
    }

    @Override
    public DirectBuffer next() {
      while (true) {
        Map.Entry<Long, Block> entry = peek();
        if (entry == null) {
          throw new NoSuchElementException();
        }
        Block block = entry.getValue();
        ByteBuffer data = ByteBuffer.allocate(block.length());
        try {
          readFully(block.segment().channel, data, block.offset());
        } catch (ClosedChannelException e) {
          if (closed) {
            throw new IllegalStateException("The engine log is closed", e);
          }
          // its segment was deleted by compaction meanwhile: go on from the first block left
          lastRead = null;
          from = null;
          continue;
        } catch (IOException e) {
          throw new UncheckedIOException("Could not read the engine log in " + directory, e);
        }
        lastRead = entry.getKey();
        return new UnsafeBuffer(data.flip());
      }
    }

    @Override
    public void close() {}
  }
}
