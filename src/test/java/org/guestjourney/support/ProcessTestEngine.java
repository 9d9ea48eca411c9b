package org.guestjourney.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.process.test.assertions.BpmnAssert;
import io.camunda.zeebe.process.test.assertions.ProcessInstanceAssert;
import io.camunda.zeebe.process.test.filters.ProcessInstanceRecordStreamFilter;
import io.camunda.zeebe.process.test.filters.RecordStream;
import io.camunda.zeebe.process.test.filters.VariableRecordStreamFilter;
import io.camunda.zeebe.process.test.inspections.model.InspectedProcessInstance;
import io.camunda.zeebe.protocol.record.value.BpmnElementType;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.guestjourney.clock.TimeMachine;

/**
 * The one seam between tests and the process engine: moving the clock and asserting where a process
 * instance stands. Today it drives the engine the embedded default runs (zeebe-process-test's
 * composition with RocksDB state, ADR 0020); moving to Camunda Process Test later means changing
 * this class.
 */
public final class ProcessTestEngine {

  private final ZeebeTestEngine engine;
  private final TimeMachine timeMachine;

  public ProcessTestEngine(ZeebeTestEngine engine, TimeMachine timeMachine) {
    this.engine = engine;
    this.timeMachine = timeMachine;
    BpmnAssert.initRecordStream(RecordStream.of(engine.getRecordStreamSource()));
  }

  public Instant now() {
    return timeMachine.now();
  }

  /** Moves the engine and application clocks to {@code moment} (which must be in the future). */
  public void moveTo(Instant moment) {
    Duration step = Duration.between(timeMachine.now(), moment);
    assertThat(step).as("time only moves forward").isPositive();
    timeMachine.jump(step);
    waitForIdle();
  }

  public void move(Duration step) {
    timeMachine.jump(step);
    waitForIdle();
  }

  /**
   * Lets the engine process what moving the clock triggered. Best effort: job workers poll all the
   * time, so the engine is not always seen idle; assertions below wait for their outcome.
   */
  public void waitForIdle() {
    try {
      engine.waitForIdleState(Duration.ofSeconds(2));
    } catch (TimeoutException e) {
      // still busy with polling workers; the assertions wait for the state they expect
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Waits (up to 15 s) until the assertion on the process instance holds. */
  public void awaitInstance(long processInstanceKey, Consumer<ProcessInstanceAssert> assertion) {
    await()
        .atMost(Duration.ofSeconds(15))
        .pollInSameThread()
        .ignoreException(java.util.ConcurrentModificationException.class)
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(
            () ->
                assertion.accept(
                    BpmnAssert.assertThat(new InspectedProcessInstance(processInstanceKey))));
  }

  /**
   * Waits for an instance of {@code processId} started with {@code variable} = {@code value} (e.g.
   * the in-stay journey of a booking, started by a message) and returns its key.
   */
  public long awaitInstanceOf(String processId, String variable, Object value) {
    return await()
        .pollInSameThread()
        // reading the whole record stream takes long once a suite has run many journeys, and each
        // read that meets a write starts again: on a loaded machine 15 s were not enough
        .atMost(Duration.ofSeconds(60))
        // the in-memory record stream may grow while it is read
        .ignoreException(java.util.ConcurrentModificationException.class)
        .until(() -> findInstance(processId, variable, String.valueOf(value)), k -> k != null);
  }

  /** How many instances of {@code processId} were started with {@code variable} = {@code value}. */
  public long countInstancesOf(String processId, String variable, Object value) {
    return await()
        .pollInSameThread()
        .atMost(Duration.ofSeconds(60))
        .ignoreException(java.util.ConcurrentModificationException.class)
        .until(() -> instancesOf(processId, variable, String.valueOf(value)).size(), n -> true);
  }

  private Long findInstance(String processId, String variable, String value) {
    return instancesOf(processId, variable, value).stream().findFirst().orElse(null);
  }

  private java.util.Set<Long> instancesOf(String processId, String variable, String value) {
    RecordStream records = BpmnAssert.getRecordStream();
    // one pass over the variables (not one per instance: the stream of a long test run is large)
    java.util.Set<Long> withValue =
        new VariableRecordStreamFilter(records.variableRecords())
            .stream()
                .filter(
                    v ->
                        v.getValue().getName().equals(variable)
                            && v.getValue().getValue().equals(value))
                .map(v -> v.getValue().getProcessInstanceKey())
                .collect(java.util.stream.Collectors.toSet());
    return new ProcessInstanceRecordStreamFilter(records.processInstanceRecords())
        .withBpmnProcessId(processId).withBpmnElementType(BpmnElementType.PROCESS).stream()
            .map(r -> r.getValue().getProcessInstanceKey())
            .filter(withValue::contains)
            .collect(java.util.stream.Collectors.toCollection(java.util.LinkedHashSet::new));
  }

  /** Every variable the engine has recorded so far, of every instance, as "name=value". */
  public java.util.List<String> allVariables() {
    return await()
        .pollInSameThread()
        .atMost(Duration.ofSeconds(60))
        .ignoreException(java.util.ConcurrentModificationException.class)
        .until(
            () -> {
              java.util.List<String> all = new java.util.ArrayList<>();
              BpmnAssert.getRecordStream()
                  .variableRecords()
                  .forEach(v -> all.add(v.getValue().getName() + "=" + v.getValue().getValue()));
              return all;
            },
            list -> true);
  }

  /** The instance is waiting at {@code elementId}, and still is after a second. */
  public void assertStillWaitingAt(long processInstanceKey, String elementId) {
    awaitInstance(processInstanceKey, i -> i.isWaitingAtElements(elementId));
    await()
        .pollInSameThread()
        .ignoreException(java.util.ConcurrentModificationException.class)
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(3))
        .untilAsserted(
            () ->
                BpmnAssert.assertThat(new InspectedProcessInstance(processInstanceKey))
                    .isWaitingAtElements(elementId));
  }
}
