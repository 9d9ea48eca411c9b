package io.camunda.zeebe.process.test.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camunda.zeebe.logstreams.storage.LogStorage.AppendListener;
import io.camunda.zeebe.logstreams.storage.LogStorageReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.agrona.DirectBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileLogStorageTest {

  @TempDir Path directory;

  private static ByteBuffer block(String text) {
    return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String text(DirectBuffer buffer) {
    return buffer.getStringWithoutLengthUtf8(0, buffer.capacity());
  }

  private static List<String> readAll(LogStorageReader reader) {
    List<String> blocks = new ArrayList<>();
    reader.forEachRemaining(b -> blocks.add(text(b)));
    return blocks;
  }

  /**
   * Appends blocks of two positions each (block i holds positions 2i+1..2i+2) and waits until they
   * are committed.
   */
  private static void appendBlocks(FileLogStorage log, int from, int to) {
    for (int i = from; i < to; i++) {
      log.append(2L * i + 1, 2L * i + 2, block("block-" + i), new AppendListener() {});
    }
    flush(log);
  }

  private static void flush(FileLogStorage log) {
    try {
      log.flush();
    } catch (IOException | InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  private List<Path> segments() throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(p -> p.toString().endsWith(".log")).sorted().toList();
    }
  }

  @Test
  void appendsAndReadsBackInOrderTellingTheListenerItIsCommitted() throws IOException {
    try (FileLogStorage log = FileLogStorage.open(directory, 1 << 20)) {
      List<String> events = Collections.synchronizedList(new ArrayList<>());
      log.addCommitListener(() -> events.add("storage-commit"));
      log.append(
          1,
          3,
          block("first"),
          new AppendListener() {
            @Override
            public void onWrite(long index, long highestPosition) {
              events.add("write " + index + " " + highestPosition);
            }

            @Override
            public void onCommit(long index, long highestPosition) {
              events.add("commit " + index + " " + highestPosition);
            }
          });
      flush(log);
      log.append(4, 4, block("second"), new AppendListener() {});
      flush(log);

      assertThat(events)
          .containsExactly("write 1 3", "commit 1 3", "storage-commit", "storage-commit");
      assertThat(readAll(log.newReader())).containsExactly("first", "second");
      assertThat(log.lastPosition()).isEqualTo(4);
      assertThat(log.firstPosition()).isEqualTo(1);
    }
  }

  @Test
  void refusesABlockThatDoesNotFollowTheLastPosition() throws IOException {
    try (FileLogStorage log = FileLogStorage.open(directory, 1 << 20)) {
      appendBlocks(log, 0, 2);
      assertThatThrownBy(() -> log.append(3, 5, block("overlap"), new AppendListener() {}))
          .isInstanceOf(IllegalArgumentException.class);
      assertThat(readAll(log.newReader())).containsExactly("block-0", "block-1");
    }
  }

  @Test
  void seeksToTheBlockBeforeAPositionAndToTheLastBlockPastTheEnd() throws IOException {
    try (FileLogStorage log = FileLogStorage.open(directory, 64)) {
      appendBlocks(log, 0, 10); // positions 1..20, several segments
      assertThat(segments()).hasSizeGreaterThan(2);

      LogStorageReader reader = log.newReader();
      reader.seek(10); // block-4 holds 9..10: the reader starts at it
      assertThat(text(reader.next())).isEqualTo("block-4");
      reader.seek(9); // a block's lowest position: from the block before (the reader skips it)
      assertThat(text(reader.next())).isEqualTo("block-3");
      assertThat(text(reader.next())).isEqualTo("block-4");

      reader.seek(Long.MAX_VALUE);
      assertThat(readAll(reader)).containsExactly("block-9");

      reader.seek(0);
      assertThat(readAll(reader)).hasSize(10).startsWith("block-0").endsWith("block-9");
    }
  }

  @Test
  void reopensWithEveryBlockAndContinuesAppending() throws IOException {
    try (FileLogStorage log = FileLogStorage.open(directory, 64)) {
      appendBlocks(log, 0, 6);
    }
    try (FileLogStorage log = FileLogStorage.open(directory, 64)) {
      assertThat(log.lastPosition()).isEqualTo(12);
      assertThat(readAll(log.newReader()))
          .containsExactly("block-0", "block-1", "block-2", "block-3", "block-4", "block-5");
      appendBlocks(log, 6, 8);
    }
    try (FileLogStorage log = FileLogStorage.open(directory, 64)) {
      assertThat(readAll(log.newReader())).hasSize(8).endsWith("block-6", "block-7");
      assertThat(log.lastPosition()).isEqualTo(16);
    }
  }

  @Test
  void dropsATornLastBlockAtOpenAndWritesAfterWhatIsLeft() throws IOException {
    try (FileLogStorage log = FileLogStorage.open(directory, 1 << 20)) {
      appendBlocks(log, 0, 3);
    }
    Path segment = segments().getLast();
    long full = Files.size(segment);
    try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE)) {
      channel.truncate(full - 3); // the last block cut short, as a crash mid-write leaves it
    }

    try (FileLogStorage log = FileLogStorage.open(directory, 1 << 20)) {
      assertThat(readAll(log.newReader())).containsExactly("block-0", "block-1");
      assertThat(log.lastPosition()).isEqualTo(4);
      appendBlocks(log, 2, 3);
    }
    try (FileLogStorage log = FileLogStorage.open(directory, 1 << 20)) {
      assertThat(readAll(log.newReader())).containsExactly("block-0", "block-1", "block-2");
    }
  }

  @Test
  void dropsALastBlockWhoseChecksumDoesNotMatch() throws IOException {
    try (FileLogStorage log = FileLogStorage.open(directory, 1 << 20)) {
      appendBlocks(log, 0, 3);
    }
    Path segment = segments().getLast();
    try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE)) {
      channel.write(ByteBuffer.wrap(new byte[] {'X'}), Files.size(segment) - 1);
    }
    try (FileLogStorage log = FileLogStorage.open(directory, 1 << 20)) {
      assertThat(readAll(log.newReader())).containsExactly("block-0", "block-1");
    }
  }

  @Test
  void refusesToOpenALogDamagedBeforeItsLastSegment() throws IOException {
    try (FileLogStorage log = FileLogStorage.open(directory, 64)) {
      appendBlocks(log, 0, 10);
    }
    Path first = segments().getFirst();
    try (FileChannel channel = FileChannel.open(first, StandardOpenOption.WRITE)) {
      channel.write(ByteBuffer.wrap(new byte[] {'X'}), FileLogStorage.HEADER);
    }
    assertThatThrownBy(() -> FileLogStorage.open(directory, 64))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("damaged");
  }

  @Test
  void deletesWholeSegmentsBelowAPositionAndReadersGoOnFromWhatIsLeft() throws IOException {
    try (FileLogStorage log = FileLogStorage.open(directory, 64)) {
      appendBlocks(log, 0, 10);
      long before = log.sizeOnDisk();
      int segmentsBefore = segments().size();
      LogStorageReader reader = log.newReader();
      assertThat(text(reader.next())).isEqualTo("block-0");

      int deleted = log.deleteBelow(13); // blocks up to block-5 (11..12) are no longer needed

      assertThat(deleted).isPositive();
      assertThat(segments()).hasSize(segmentsBefore - deleted);
      assertThat(log.sizeOnDisk()).isLessThan(before);
      assertThat(log.firstPosition()).isLessThanOrEqualTo(13).isGreaterThan(1);
      List<String> rest = readAll(reader);
      assertThat(rest).endsWith("block-9").doesNotContain("block-0");
      assertThat(rest).contains("block-6");
    }
    try (FileLogStorage log = FileLogStorage.open(directory, 64)) {
      assertThat(log.firstPosition()).isGreaterThan(1);
      assertThat(log.lastPosition()).isEqualTo(20);
    }
  }

  @Test
  void neverDeletesTheSegmentBeingWritten() throws IOException {
    try (FileLogStorage log = FileLogStorage.open(directory, 1 << 20)) {
      appendBlocks(log, 0, 5);
      assertThat(log.deleteBelow(Long.MAX_VALUE)).isZero();
      assertThat(readAll(log.newReader())).hasSize(5);
    }
  }

  /**
   * Group commit: eight writers append 2,000 blocks as the engine's sequencer does (positions given
   * and appended under one lock); every listener hears its commit once, in position order, only
   * when the log says that position is on disk, and never before a block appended after it; every
   * block is there after a reopen. Forces are shared: fewer forces than appends.
   */
  @Test
  void concurrentAppendersAllGetTheirCommitAndEveryBlockSurvivesAReopen() throws Exception {
    int writers = 8;
    int perWriter = 250;
    int total = writers * perWriter;
    Object sequencer = new Object();
    AtomicLong nextPosition = new AtomicLong(1);
    ConcurrentLinkedQueue<Long> committed = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
    CountDownLatch allCommitted = new CountDownLatch(total);
    long forces;
    try (FileLogStorage log = FileLogStorage.open(directory, 64 * 1024)) {
      ExecutorService pool = Executors.newFixedThreadPool(writers);
      List<Future<?>> done = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        done.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < perWriter; i++) {
                    synchronized (sequencer) {
                      long position = nextPosition.getAndAdd(3);
                      log.append(
                          position,
                          position + 2,
                          block("block-" + position),
                          new AppendListener() {
                            boolean written;

                            @Override
                            public void onWrite(long index, long highestPosition) {
                              written = true;
                            }

                            @Override
                            public void onCommit(long index, long highestPosition) {
                              if (!written || log.committedPosition() < highestPosition) {
                                wrong.add("committed before on disk: " + highestPosition);
                              }
                              committed.add(highestPosition);
                              allCommitted.countDown();
                            }
                          });
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
      pool.shutdown();
      assertThat(allCommitted.await(2, TimeUnit.MINUTES)).as("every append committed").isTrue();
      forces = log.forces();
      assertThat(log.flush()).isEqualTo(3L * total);
    }

    assertThat(wrong).isEmpty();
    assertThat(List.copyOf(committed)).hasSize(total).isSorted().doesNotHaveDuplicates();
    assertThat(forces).as("forces shared by appends").isPositive().isLessThan(total);
    try (FileLogStorage log = FileLogStorage.open(directory, 64 * 1024)) {
      List<String> blocks = readAll(log.newReader());
      assertThat(blocks).hasSize(total);
      for (int i = 0; i < total; i++) {
        assertThat(blocks.get(i)).isEqualTo("block-" + (3L * i + 1));
      }
      assertThat(log.lastPosition()).isEqualTo(3L * total);
      assertThat(log.committedPosition()).isEqualTo(3L * total);
    }
  }

  @Test
  void aBlockIsReadableOnlyOnceItIsCommitted() throws Exception {
    try (FileLogStorage log = FileLogStorage.open(directory, 1 << 20)) {
      CountDownLatch committed = new CountDownLatch(1);
      List<String> seenAtCommit = Collections.synchronizedList(new ArrayList<>());
      LogStorageReader reader = log.newReader();
      log.append(
          1,
          2,
          block("only"),
          new AppendListener() {
            @Override
            public void onCommit(long index, long highestPosition) {
              LogStorageReader r = log.newReader();
              r.forEachRemaining(b -> seenAtCommit.add(text(b)));
              committed.countDown();
            }
          });
      assertThat(committed.await(1, TimeUnit.MINUTES)).isTrue();
      assertThat(seenAtCommit).containsExactly("only");
      assertThat(readAll(reader)).containsExactly("only");
    }
  }

  @Test
  void appendsAfterCloseAreRefusedAndWhatWasAppendedIsCommittedByClose() throws Exception {
    CountDownLatch committed = new CountDownLatch(50);
    FileLogStorage log = FileLogStorage.open(directory, 1 << 20);
    for (int i = 0; i < 50; i++) {
      log.append(
          i + 1L,
          i + 1L,
          block("b" + i),
          new AppendListener() {
            @Override
            public void onCommit(long index, long highestPosition) {
              committed.countDown();
            }
          });
    }
    log.close();
    assertThat(committed.getCount()).isZero();
    assertThatThrownBy(() -> log.append(51, 51, block("late"), new AppendListener() {}))
        .isInstanceOf(IllegalStateException.class);
    try (FileLogStorage reopened = FileLogStorage.open(directory, 1 << 20)) {
      assertThat(readAll(reopened.newReader())).hasSize(50);
    }
  }
}
