package io.camunda.zeebe.process.test.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.logstreams.storage.LogStorage;
import io.camunda.zeebe.logstreams.storage.LogStorage.AppendListener;
import io.camunda.zeebe.logstreams.storage.LogStorageReader;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the durable log costs per append (ADR 0021, group commit ADR 0022): {@value #BLOCKS} blocks
 * of {@value #BLOCK} bytes (about one processed command's records) on {@link FileLogStorage}: each
 * append waiting for its own force (what the log did before group commit), appended by one writer
 * that does not wait, and by {@value #WRITERS} writers appending as the engine's sequencer does
 * (under one lock); each figure is appends committed per second, printed as a ratio to the
 * in-memory log measured in the same run. Then reading them all back. Fails only if a block read
 * back is not the one written.
 */
@Tag("benchmark")
class LogStorageBenchmarkTest {

  private static final int BLOCKS = 2_000;
  private static final int BLOCK = 1_024;
  private static final int WRITERS = 8;

  @Test
  void durableLogAgainstTheInMemoryLog(@TempDir Path dir) throws Exception {
    double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    // warm-up, not measured: the first of the runs would otherwise pay for the JIT
    readsPerSecond(new RocksDbEngineFactory.ConcurrentLogStorage());
    try (FileLogStorage log = FileLogStorage.open(dir.resolve("warm-up"), 64L << 20)) {
      readsPerSecond(log);
    }
    double memoryAppends = appendsPerSecond(new RocksDbEngineFactory.ConcurrentLogStorage(), 1);
    double memoryReads = readsPerSecond(new RocksDbEngineFactory.ConcurrentLogStorage());
    double waiting;
    double pipelined;
    double concurrent;
    long pipelinedForces;
    long concurrentForces;
    double fileReads;
    try (FileLogStorage log = FileLogStorage.open(dir.resolve("a"), 64L << 20)) {
      waiting = waitingAppendsPerSecond(log);
    }
    try (FileLogStorage log = FileLogStorage.open(dir.resolve("b"), 64L << 20)) {
      pipelined = appendsPerSecond(log, 1);
      pipelinedForces = log.forces();
    }
    try (FileLogStorage log = FileLogStorage.open(dir.resolve("c"), 64L << 20)) {
      concurrent = appendsPerSecond(log, WRITERS);
      concurrentForces = log.forces();
    }
    try (FileLogStorage log = FileLogStorage.open(dir.resolve("d"), 64L << 20)) {
      fileReads = readsPerSecond(log);
    }
    System.out.printf(
        "%n── Log storage benchmark: %d blocks of %d bytes, %d CPUs, load average %.1f ──%n"
            + "%-46s %12s %10s %8s%n",
        BLOCKS,
        BLOCK,
        Runtime.getRuntime().availableProcessors(),
        load,
        "",
        "per second",
        "÷ memory",
        "forces");
    String row = "%-46s %12.0f %9.3f× %8s%n";
    System.out.printf(row, "in memory: appends committed", memoryAppends, 1.0, "-");
    System.out.printf(
        row, "durable, each append waits for its force", waiting, waiting / memoryAppends, BLOCKS);
    System.out.printf(
        row,
        "durable group commit, one writer",
        pipelined,
        pipelined / memoryAppends,
        pipelinedForces);
    System.out.printf(
        row,
        "durable group commit, " + WRITERS + " writers",
        concurrent,
        concurrent / memoryAppends,
        concurrentForces);
    System.out.printf(row, "in memory: blocks read", memoryReads, 1.0, "-");
    System.out.printf(row, "durable: blocks read", fileReads, fileReads / memoryReads, "-");
  }

  /** Appends committed per second, {@code writers} threads appending as the sequencer does. */
  private static double appendsPerSecond(LogStorage log, int writers) throws Exception {
    CountDownLatch committed = new CountDownLatch(BLOCKS);
    AppendListener listener =
        new AppendListener() {
          @Override
          public void onCommit(long index, long highestPosition) {
            committed.countDown();
          }
        };
    Object sequencer = new Object();
    AtomicInteger next = new AtomicInteger();
    long start = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    for (int w = 0; w < writers; w++) {
      pool.submit(
          () -> {
            while (true) {
              synchronized (sequencer) {
                int i = next.getAndIncrement();
                if (i >= BLOCKS) {
                  return;
                }
                log.append(i * 10L + 1, i * 10L + 10, block(i), listener);
              }
            }
          });
    }
    assertThat(committed.await(10, TimeUnit.MINUTES)).isTrue();
    double rate = BLOCKS / ((System.nanoTime() - start) / 1e9);
    pool.shutdown();
    return rate;
  }

  /** Appends committed per second when each append waits for its commit (a force each). */
  private static double waitingAppendsPerSecond(FileLogStorage log) throws Exception {
    long start = System.nanoTime();
    for (int i = 0; i < BLOCKS; i++) {
      log.append(i * 10L + 1, i * 10L + 10, block(i), new AppendListener() {});
      log.flush();
    }
    return BLOCKS / ((System.nanoTime() - start) / 1e9);
  }

  private static ByteBuffer block(int i) {
    ByteBuffer block = ByteBuffer.allocate(BLOCK);
    block.putInt(0, i);
    return block;
  }

  private static double readsPerSecond(LogStorage log) throws Exception {
    appendsPerSecond(log, 1);
    long start = System.nanoTime();
    LogStorageReader reader = log.newReader();
    int i = 0;
    while (reader.hasNext()) {
      assertThat(reader.next().getInt(0, ByteOrder.BIG_ENDIAN)).isEqualTo(i++);
    }
    assertThat(i).isEqualTo(BLOCKS);
    return BLOCKS / ((System.nanoTime() - start) / 1e9);
  }
}
