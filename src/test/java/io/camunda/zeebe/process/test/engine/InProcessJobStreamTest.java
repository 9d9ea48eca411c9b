package io.camunda.zeebe.process.test.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camunda.client.CamundaClient;
import io.camunda.client.CamundaClientConfiguration;
import io.camunda.client.api.worker.JobWorker;
import io.camunda.client.impl.CamundaClientImpl;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.process.test.engine.RocksDbEngineFactory.RocksDbEngine;
import io.camunda.zeebe.protocol.record.Record;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.JobIntent;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * Jobs created together reach a streaming worker on the in-process channel together (ADR 0081). The
 * embedded gateway pushes a job only while the stream is "ready"; over TCP that is while the
 * socket's buffer has room, in-process only while the client has asked for more messages, and the
 * client asks for one at a time. Without a window asked for in advance, every job pushed while the
 * one before was still on its way was handed back to the engine ("yielded") and waited for the
 * worker's next poll.
 */
class InProcessJobStreamTest {

  private static final int JOBS = 20;

  /**
   * A client on the engine's in-process channel whose workers take jobs by their stream only: it
   * polls after 5 minutes, so a job handed back to the engine, or only found by a poll, waits that
   * long.
   */
  static CamundaClient streamingClient(RocksDbEngine engine) {
    CamundaClientConfiguration configuration =
        (CamundaClientConfiguration)
            CamundaClient.newClientBuilder()
                .grpcAddress(URI.create("http://127.0.0.1:1"))
                .restAddress(URI.create("http://127.0.0.1:1"))
                .preferRestOverGrpc(false)
                .defaultJobWorkerStreamEnabled(true)
                .defaultJobPollInterval(Duration.ofMinutes(5))
                .defaultRequestTimeout(Duration.ofSeconds(30));
    return new CamundaClientImpl(configuration, engine.newInProcessChannel());
  }

  @Test
  void jobsCreatedTogetherArePushedWithoutBeingHandedBack() throws Exception {
    Path dir = Path.of("target/test-data/in-process-stream-" + UUID.randomUUID());
    java.nio.file.Files.createDirectories(dir);
    RocksDbEngine engine =
        RocksDbEngineFactory.create(
            DurableEngineRestartTest.freePort(), dir.resolve("state").toFile(), 32L << 20);
    engine.start();
    try (CamundaClient client = streamingClient(engine)) {
      Set<Long> done = ConcurrentHashMap.newKeySet();
      try (JobWorker worker =
          client
              .newWorker()
              .jobType("fan-out")
              .handler((jobs, job) -> done.add(job.getKey()))
              .streamEnabled(true)
              .open()) {
        client
            .newDeployResourceCommand()
            .addProcessModel(
                Bpmn.createExecutableProcess("fan-out")
                    .startEvent()
                    .serviceTask(
                        "work",
                        t ->
                            t.zeebeJobType("fan-out")
                                .multiInstance(
                                    m -> m.parallel().zeebeInputCollectionExpression("items")))
                    .endEvent()
                    .done(),
                "fan-out.bpmn")
            .send()
            .join();
        // the stream is open before the jobs exist, so every one of them is pushed, none polled
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    records(engine).stream().anyMatch(r -> r.getValueType() == ValueType.PROCESS));
        Thread.sleep(1_000);
        client
            .newCreateInstanceCommand()
            .bpmnProcessId("fan-out")
            .latestVersion()
            .variables(
                java.util.Map.of(
                    "items", java.util.stream.IntStream.range(0, JOBS).boxed().toList()))
            .send()
            .join();

        await().atMost(Duration.ofSeconds(60)).until(() -> done.size() == JOBS);
        long yielded =
            records(engine).stream()
                .filter(
                    r -> r.getValueType() == ValueType.JOB && r.getIntent() == JobIntent.YIELDED)
                .count();
        assertThat(yielded).as("jobs handed back to the engine instead of pushed").isZero();
      }
    } finally {
      engine.stop();
    }
  }

  private static List<Record<?>> records(RocksDbEngine engine) {
    return StreamSupport.stream(engine.getRecordStreamSource().getRecords().spliterator(), false)
        .<Record<?>>map(r -> r)
        .toList();
  }
}
