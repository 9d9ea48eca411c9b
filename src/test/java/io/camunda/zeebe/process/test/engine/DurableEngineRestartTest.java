package io.camunda.zeebe.process.test.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.process.test.engine.RocksDbEngineFactory.RocksDbEngine;
import io.camunda.zeebe.process.test.filters.RecordStream;
import io.camunda.zeebe.protocol.record.RecordType;
import io.camunda.zeebe.protocol.record.intent.JobBatchIntent;
import io.camunda.zeebe.protocol.record.intent.JobIntent;
import io.camunda.zeebe.protocol.record.intent.ProcessInstanceIntent;
import io.camunda.zeebe.protocol.record.value.BpmnElementType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded engine with its log on disk and RocksDB's write-ahead log on (ADR 0021), killed with
 * {@code kill -9} in a separate JVM and opened again here: every process instance, the activated
 * job with its key and deadline, the message subscription and the timer are there as they were;
 * keys continue after the last one; the log, compacted, still brings everything back.
 */
class DurableEngineRestartTest {

  static final String PROCESS = "durable-restart";
  static final long SEGMENT_SIZE = 16 * 1024;

  /** work (a job) → wait for message "go" (correlation key {@code key}) → wait one hour → end. */
  static BpmnModelInstance process() {
    return Bpmn.createExecutableProcess(PROCESS)
        .startEvent()
        .serviceTask("work", t -> t.zeebeJobType("work"))
        .intermediateCatchEvent(
            "go", e -> e.message(m -> m.name("go").zeebeCorrelationKeyExpression("key")))
        .intermediateCatchEvent("wait", e -> e.timerWithDuration("PT1H"))
        .endEvent("done")
        .done();
  }

  static RocksDbEngine open(Path directory, int port) throws IOException {
    return RocksDbEngineFactory.create(
        port,
        directory.resolve("state").toFile(),
        32L << 20,
        FileLogStorage.open(directory.resolve("log"), SEGMENT_SIZE));
  }

  static CamundaClient client(RocksDbEngine engine) {
    String address = engine.getGatewayAddress();
    return CamundaClient.newClientBuilder()
        .grpcAddress(URI.create("http://127.0.0.1" + address.substring(address.lastIndexOf(':'))))
        .restAddress(URI.create("http://127.0.0.1:1"))
        .preferRestOverGrpc(false)
        .defaultRequestTimeout(Duration.ofSeconds(30))
        .build();
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /**
   * The JVM that is killed: deploys, starts {@code count} instances, moves instance 1 to its timer,
   * instance 2 to its message wait, activates instance 3's job (a claim of one hour) and, after
   * {@code filler} more instances that end at once, says READY and waits to be killed.
   */
  public static void main(String[] args) throws Exception {
    Path directory = Path.of(args[0]);
    int filler = Integer.parseInt(args[1]);
    RocksDbEngine engine = open(directory, freePort());
    engine.start();
    try (CamundaClient client = client(engine)) {
      client.newDeployResourceCommand().addProcessModel(process(), PROCESS + ".bpmn").send().join();
      long[] instances = new long[3];
      for (int i = 0; i < 3; i++) {
        instances[i] =
            client
                .newCreateInstanceCommand()
                .bpmnProcessId(PROCESS)
                .latestVersion()
                .variables(Map.of("key", "k" + (i + 1)))
                .send()
                .join()
                .getProcessInstanceKey();
      }
      List<ActivatedJob> jobs = activate(client, 3);
      Map<Long, ActivatedJob> byInstance =
          jobs.stream().collect(Collectors.toMap(ActivatedJob::getProcessInstanceKey, j -> j));
      client.newCompleteCommand(byInstance.get(instances[0]).getKey()).send().join();
      client.newCompleteCommand(byInstance.get(instances[1]).getKey()).send().join();
      client.newPublishMessageCommand().messageName("go").correlationKey("k1").send().join();
      long last = 0;
      for (int i = 0; i < filler; i++) {
        // instances that end at the message wait's cancellation: they only fill the log
        last =
            client
                .newCreateInstanceCommand()
                .bpmnProcessId(PROCESS)
                .latestVersion()
                .variables(Map.of("key", "filler-" + i))
                .send()
                .join()
                .getProcessInstanceKey();
        client.newCancelInstanceCommand(last).send().join();
      }
      Thread.sleep(1_000); // the message's correlation follows its publication
      System.out.println(
          "READY "
              + instances[0]
              + " "
              + instances[1]
              + " "
              + instances[2]
              + " "
              + byInstance.get(instances[2]).getKey()
              + " "
              + byInstance.get(instances[2]).getDeadline()
              + " "
              + Math.max(last, instances[2]));
      System.out.flush();
      Thread.sleep(Long.MAX_VALUE);
    }
  }

  static List<ActivatedJob> activate(CamundaClient client, int count) {
    return client
        .newActivateJobsCommand()
        .jobType("work")
        .maxJobsToActivate(count)
        .timeout(Duration.ofHours(1))
        .workerName("before-the-crash")
        .send()
        .join()
        .getJobs();
  }

  /** Runs {@link #main} in a JVM of its own, waits for READY and kills it with SIGKILL. */
  static long[] runAndKill(Path directory, int filler) throws Exception {
    String classpath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-cp",
                classpath,
                DurableEngineRestartTest.class.getName(),
                directory.toString(),
                Integer.toString(filler))
            .redirectErrorStream(true)
            .start();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      StringBuilder seen = new StringBuilder();
      while ((line = out.readLine()) != null) {
        if (line.startsWith("READY ")) {
          String[] parts = line.substring(6).trim().split(" ");
          // kill -9: no shutdown hook, no close; RocksDB and the log are left as they are
          Runtime.getRuntime()
              .exec(new String[] {"kill", "-9", Long.toString(child.pid())})
              .waitFor();
          assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
          assertThat(child.exitValue()).isEqualTo(137);
          long[] values = new long[parts.length];
          for (int i = 0; i < parts.length; i++) {
            values[i] = Long.parseLong(parts[i]);
          }
          return values;
        }
        seen.append(line).append('\n');
      }
      throw new IllegalStateException("The engine JVM ended without READY:\n" + seen);
    } finally {
      child.destroyForcibly();
    }
  }

  @Test
  void afterKillMinus9EveryInstanceJobSubscriptionAndTimerContinuesAsItWas(@TempDir Path dir)
      throws Exception {
    long[] before = runAndKill(dir, 0);
    long waitingOnTimer = before[0];
    long waitingOnMessage = before[1];
    long withClaimedJob = before[2];
    long claimedJob = before[3];
    long claimedDeadline = before[4];
    long lastKey = before[5];

    RocksDbEngine engine = open(dir, freePort());
    engine.start();
    try (CamundaClient client = client(engine)) {
      // the job claimed before the crash is still claimed: nobody else gets it
      assertThat(activate(client, 10)).isEmpty();
      // ... and completes with the key it had
      client.newCompleteCommand(claimedJob).send().join();
      client.newPublishMessageCommand().messageName("go").correlationKey("k2").send().join();
      client.newPublishMessageCommand().messageName("go").correlationKey("k3").send().join();
      long after =
          client
              .newCreateInstanceCommand()
              .bpmnProcessId(PROCESS)
              .latestVersion()
              .variables(Map.of("key", "after"))
              .send()
              .join()
              .getProcessInstanceKey();
      assertThat(after).as("keys continue after the crash").isGreaterThan(lastKey);

      engine.waitForIdleState(Duration.ofSeconds(30));
      engine.increaseTime(Duration.ofMinutes(61));
      engine.waitForIdleState(Duration.ofSeconds(30));
      awaitCompleted(engine, Set.of(waitingOnTimer, waitingOnMessage, withClaimedJob));

      RecordStream records = RecordStream.of(engine.getRecordStreamSource());
      // the job was created once, activated once (before the crash) and completed once (after)
      assertThat(jobEvents(records, withClaimedJob))
          .containsExactly(JobIntent.CREATED, JobIntent.COMPLETED);
      assertThat(
              StreamSupport.stream(records.jobBatchRecords().spliterator(), false)
                  .filter(r -> r.getIntent() == JobBatchIntent.ACTIVATED)
                  .flatMap(r -> r.getValue().getJobKeys().stream())
                  .filter(key -> key == claimedJob)
                  .count())
          .as("activations of the claimed job")
          .isEqualTo(1);
      assertThat(claimedDeadline).isPositive();
    } finally {
      engine.stop();
    }
  }

  @Test
  void theJobTheKilledRunHadTakenIsHandedBackAtOnceWithItsKey(@TempDir Path dir) throws Exception {
    long[] before = runAndKill(dir, 0);
    long withClaimedJob = before[2];
    long claimedJob = before[3];

    RocksDbEngine engine = open(dir, freePort());
    engine.start();
    try (CamundaClient client = client(engine)) {
      assertThat(engine.handBackJobsOfAnEarlierRun(Duration.ofSeconds(60))).isEqualTo(1);
      // claimed for an hour before the kill; a worker of this run gets it now
      List<ActivatedJob> again = activate(client, 10);
      assertThat(again).extracting(ActivatedJob::getKey).containsExactly(claimedJob);
      assertThat(again.get(0).getProcessInstanceKey()).isEqualTo(withClaimedJob);
      assertThat(again.get(0).getVariablesAsMap()).containsEntry("key", "k3");
      client.newCompleteCommand(claimedJob).send().join();
      engine.waitForIdleState(Duration.ofSeconds(30));

      assertThat(jobEvents(RecordStream.of(engine.getRecordStreamSource()), withClaimedJob))
          .containsExactly(JobIntent.CREATED, JobIntent.YIELDED, JobIntent.COMPLETED);
      // nothing else was taken: a second start hands back nothing
      assertThat(engine.handBackJobsOfAnEarlierRun(Duration.ofSeconds(60))).isZero();
    } finally {
      engine.stop();
    }
  }

  @Test
  void anEngineThatStoppedProcessingHandsBackNothingAndSaysWhy(@TempDir Path dir) throws Exception {
    RocksDbEngine engine =
        RocksDbEngineFactory.create(freePort(), dir.resolve("state").toFile(), 32L << 20);
    engine.start();
    engine.stop();

    assertThatThrownBy(() -> engine.handBackJobsOfAnEarlierRun(Duration.ofMinutes(5)))
        .isInstanceOf(java.util.concurrent.TimeoutException.class)
        .hasMessageContaining("stopped processing");
  }

  /** The job events of one process instance, in the order the engine wrote them. */
  private static List<io.camunda.zeebe.protocol.record.intent.Intent> jobEvents(
      RecordStream records, long processInstance) {
    return StreamSupport.stream(records.jobRecords().spliterator(), false)
        .filter(r -> r.getValue().getProcessInstanceKey() == processInstance)
        .filter(r -> r.getRecordType() == RecordType.EVENT)
        .map(r -> (io.camunda.zeebe.protocol.record.intent.Intent) r.getIntent())
        .toList();
  }

  private static void awaitCompleted(RocksDbEngine engine, Set<Long> instances)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    Set<Long> completed = Set.of();
    while (System.nanoTime() < deadline) {
      completed =
          StreamSupport.stream(
                  RecordStream.of(engine.getRecordStreamSource())
                      .processInstanceRecords()
                      .spliterator(),
                  false)
              .filter(r -> r.getIntent() == ProcessInstanceIntent.ELEMENT_COMPLETED)
              .filter(r -> r.getValue().getBpmnElementType() == BpmnElementType.PROCESS)
              .map(r -> r.getValue().getProcessInstanceKey())
              .filter(instances::contains)
              .collect(Collectors.toSet());
      if (completed.equals(instances)) {
        return;
      }
      Thread.sleep(200);
    }
    assertThat(completed).as("instances that reached their end").isEqualTo(instances);
  }

  @Test
  void aCompactedLogStillBringsEverythingBackAndTheLogDirectoryShrinks(@TempDir Path dir)
      throws Exception {
    long[] before = runAndKill(dir, 150);
    long claimedJob = before[3];

    RocksDbEngine engine = open(dir, freePort());
    engine.start();
    try (CamundaClient client = client(engine)) {
      engine.waitForIdleState(Duration.ofSeconds(30));
      FileLogStorage log = engine.durableLog().orElseThrow();
      int segments = log.segmentCount();
      long size = log.sizeOnDisk();
      assertThat(segments).isGreaterThan(3);

      int deleted = engine.compactLog(dir.resolve("scratch"));

      assertThat(deleted).isPositive();
      assertThat(log.segmentCount()).isEqualTo(segments - deleted);
      assertThat(log.sizeOnDisk()).isLessThan(size / 2);
      assertThat(dir.resolve("scratch")).doesNotExist();
    } finally {
      engine.stop();
    }

    // opened on the compacted log: the stream processor replays from its state's position
    RocksDbEngine reopened = open(dir, freePort());
    reopened.start();
    try (CamundaClient client = client(reopened)) {
      assertThat(reopened.durableLog().orElseThrow().firstPosition()).isGreaterThan(1);
      assertThat(activate(client, 10)).isEmpty();
      client.newCompleteCommand(claimedJob).send().join();
      client.newPublishMessageCommand().messageName("go").correlationKey("k2").send().join();
      client.newPublishMessageCommand().messageName("go").correlationKey("k3").send().join();
      reopened.waitForIdleState(Duration.ofSeconds(30));
      reopened.increaseTime(Duration.ofMinutes(61));
      reopened.waitForIdleState(Duration.ofSeconds(30));
      awaitCompleted(reopened, Set.of(before[0], before[1], before[2]));
    } finally {
      reopened.stop();
    }
  }
}
