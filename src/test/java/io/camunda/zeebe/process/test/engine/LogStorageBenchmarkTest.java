package io.camunda.zeebe.process.test.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.logstreams.storage.LogStorage;
import io.camunda.zeebe.logstreams.storage.LogStorage.AppendListener;
import io.camunda.zeebe.logstreams.storage.LogStorageReader;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the durable log costs per append (ADR 0021): {@value #BLOCKS} blocks of {@value #BLOCK}
 * bytes (about one processed command's records) appended one at a time, each forced to disk, on
 * {@link FileLogStorage}, against the in-memory log the engine uses without it, measured in the
 * same run; then reading them all back. Fails only if a block read back is not the one written.
 */
@Tag("benchmark")
class LogStorageBenchmarkTest {

  private static final int BLOCKS = 2_000;
  private static final int BLOCK = 1_024;

  @Test
  void durableLogAgainstTheInMemoryLog(@TempDir Path dir) throws Exception {
    double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    double memoryAppends = appendsPerSecond(new RocksDbEngineFactory.ConcurrentLogStorage());
    double memoryReads = readsPerSecond(new RocksDbEngineFactory.ConcurrentLogStorage());
    double fileAppends;
    double fileReads;
    try (FileLogStorage log = FileLogStorage.open(dir.resolve("a"), 64L << 20)) {
      fileAppends = appendsPerSecond(log);
    }
    try (FileLogStorage log = FileLogStorage.open(dir.resolve("b"), 64L << 20)) {
      fileReads = readsPerSecond(log);
    }
    System.out.printf(
        "%n── Log storage benchmark: %d blocks of %d bytes, %d CPUs, load average %.1f ──%n"
            + "%-22s %14s %14s %10s%n%-22s %14.0f %14.0f %9.3f×%n%-22s %14.0f %14.0f %9.3f×%n",
        BLOCKS,
        BLOCK,
        Runtime.getRuntime().availableProcessors(),
        load,
        "",
        "in memory",
        "durable",
        "durable ÷",
        "appends/s (forced)",
        memoryAppends,
        fileAppends,
        fileAppends / memoryAppends,
        "blocks read/s",
        memoryReads,
        fileReads,
        fileReads / memoryReads);
  }

  private static double appendsPerSecond(LogStorage log) {
    long start = System.nanoTime();
    append(log);
    return BLOCKS / ((System.nanoTime() - start) / 1e9);
  }

  private static void append(LogStorage log) {
    for (int i = 0; i < BLOCKS; i++) {
      ByteBuffer block = ByteBuffer.allocate(BLOCK);
      block.putInt(0, i);
      log.append(i * 10L + 1, i * 10L + 10, block, new AppendListener() {});
    }
  }

  private static double readsPerSecond(LogStorage log) {
    append(log);
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
