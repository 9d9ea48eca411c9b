package io.camunda.zeebe.process.test.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.OperatingSystemMXBean;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.worker.JobWorker;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.process.test.engine.RocksDbEngineFactory.RocksDbEngine;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * How late a due timer's job reaches its worker on an idle embedded engine (ADR 0082), on the same
 * engine build with Zeebe's own actor threads and stream-processor wake-up (the baseline) and with
 * the embedded default's (timer wheel turned after every idle pause, wake every 100 ms). Each
 * journey waits on a timer due 3 s ahead in real time ({@code -Dtimers=N} of them, one after the
 * other), then half as many after the clock was moved 10 minutes ahead as the time machine does.
 * Prints lateness (due moment to the worker's hand) p50/p99/max and the idle engine's CPU, each as
 * a ratio to the baseline. Fails only on wrong results: a timer's job that never came.
 */
@Tag("benchmark")
class DueTimerBenchmarkTest {

  private final int timers = Integer.getInteger("timers", 20);

  @Test
  void dueTimersAgainstZeebesOwnScheduling() throws Exception {
    Figures zeebe = run(false);
    Figures prompt = run(true);
    System.out.printf(
        "%n── Due timer benchmark: %d timers in real time + %d after a clock move, each alone;"
            + " %d CPUs ──%n",
        timers, timers / 2, Runtime.getRuntime().availableProcessors());
    System.out.printf("%-48s %12s %12s %10s%n", "", "Zeebe's own", "embedded", "emb÷own");
    row("lateness p50 (ms)", zeebe.p(zeebe.realTime, 50), prompt.p(prompt.realTime, 50));
    row("lateness p99 (ms)", zeebe.p(zeebe.realTime, 99), prompt.p(prompt.realTime, 99));
    row("lateness max (ms)", zeebe.p(zeebe.realTime, 100), prompt.p(prompt.realTime, 100));
    row(
        "after a clock move: lateness p50 (ms)",
        zeebe.p(zeebe.moved, 50),
        prompt.p(prompt.moved, 50));
    row(
        "after a clock move: lateness max (ms)",
        zeebe.p(zeebe.moved, 100),
        prompt.p(prompt.moved, 100));
    row(
        "idle engine: CPU (ms per second)",
        zeebe.idleCpuMillisPerSecond,
        prompt.idleCpuMillisPerSecond);
    System.out.println(
        "(lateness: due moment to the job in the worker's hand; idle CPU: this whole JVM over 10 s"
            + " with nothing due)");

    assertThat(zeebe.realTime).hasSize(timers);
    assertThat(prompt.realTime).hasSize(timers);
    assertThat(zeebe.moved).hasSize(timers / 2);
    assertThat(prompt.moved).hasSize(timers / 2);
  }

  private static void row(String name, double baseline, double measured) {
    System.out.printf(
        "%-48s %12.0f %12.0f %10.2f%n",
        name, baseline, measured, baseline == 0 ? Double.NaN : measured / baseline);
  }

  private Figures run(boolean promptTimers) throws Exception {
    Path dir = Path.of("target/test-data/due-timers-" + UUID.randomUUID());
    Files.createDirectories(dir);
    RocksDbEngine engine =
        RocksDbEngineFactory.create(
            DurableEngineRestartTest.freePort(),
            dir.resolve("state").toFile(),
            32L << 20,
            null,
            promptTimers);
    engine.start();
    Figures figures = new Figures();
    AtomicLong offset = new AtomicLong();
    Map<Long, Long> received = new ConcurrentHashMap<>();
    // a job must come by the stream: a poll would only add its own interval
    try (CamundaClient client = InProcessJobStreamTest.streamingClient(engine);
        JobWorker worker =
            client
                .newWorker()
                .jobType("guide")
                .handler(
                    (jobs, job) ->
                        received.put(
                            job.getProcessInstanceKey(), System.currentTimeMillis() + offset.get()))
                .streamEnabled(true)
                .open()) {
      client
          .newDeployResourceCommand()
          .addProcessModel(
              Bpmn.createExecutableProcess("due")
                  .startEvent()
                  .intermediateCatchEvent("wait", e -> e.timerWithDateExpression("=due"))
                  .serviceTask("guide", t -> t.zeebeJobType("guide"))
                  .endEvent()
                  .done(),
              "due.bpmn")
          .send()
          .join();
      // warm up the path once, then measure
      figures.realTime.add(oneTimer(client, engine, offset, received, Duration.ZERO));
      figures.realTime.clear();
      for (int i = 0; i < timers; i++) {
        figures.realTime.add(oneTimer(client, engine, offset, received, Duration.ZERO));
      }
      for (int i = 0; i < timers / 2; i++) {
        figures.moved.add(oneTimer(client, engine, offset, received, Duration.ofMinutes(10)));
      }
      OperatingSystemMXBean os =
          (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
      Thread.sleep(2_000);
      long cpu = os.getProcessCpuTime();
      Thread.sleep(10_000);
      figures.idleCpuMillisPerSecond = (os.getProcessCpuTime() - cpu) / 1e6 / 10;
    } finally {
      engine.stop();
    }
    return figures;
  }

  /** One journey whose timer is due 3 s after the clock (moved by {@code move} first). */
  private static long oneTimer(
      CamundaClient client,
      RocksDbEngine engine,
      AtomicLong offset,
      Map<Long, Long> received,
      Duration move)
      throws Exception {
    Instant due =
        Instant.ofEpochMilli(System.currentTimeMillis() + offset.get()).plus(move).plusSeconds(3);
    long key =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId("due")
            .latestVersion()
            .variables(Map.of("due", due.toString()))
            .send()
            .join()
            .getProcessInstanceKey();
    if (!move.isZero()) {
      offset.addAndGet(move.toMillis());
      engine.increaseTime(move);
    }
    long deadline = System.currentTimeMillis() + 30_000;
    while (!received.containsKey(key)) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("The job of the timer due at " + due + " never came");
      }
      Thread.sleep(2);
    }
    return received.get(key) - due.toEpochMilli();
  }

  private static final class Figures {
    final List<Long> realTime = new ArrayList<>();
    final List<Long> moved = new ArrayList<>();
    double idleCpuMillisPerSecond;

    double p(List<Long> values, int percentile) {
      List<Long> sorted = new ArrayList<>(values);
      Collections.sort(sorted);
      int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
      return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }
  }
}
