package org.guestjourney.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobClient;
import io.camunda.client.api.worker.JobWorker;
import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.process.test.engine.EngineFactory;
import io.camunda.zeebe.process.test.engine.FileLogStorage;
import io.camunda.zeebe.process.test.engine.RocksDbEngineFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.guestjourney.journey.PreArrivalJourney;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The raw engine, without the application: the shipped {@code pre-arrival.bpmn} with workers that
 * do nothing but answer, on zeebe-process-test's in-memory state and on the RocksDB state the
 * embedded default runs (ADR 0020), measured in the same run. For each engine: how many journeys a
 * second are fully set up (started, planned, confirmation sent, waiting at its timers) while 1,000,
 * 2,000 and 10,000 stays are live, and how long {@value #DRAIN} check-in guides falling due at the
 * same moment take to drain with 1,300 live. Filling an engine up to the next level is not timed
 * and each step (filling, a timed batch, the drain) stops after {@code -Dbench.fill-budget-minutes}
 * (default 4): the in-memory engine slows down so much that it may not reach 10,000 within it,
 * which is printed as such.
 *
 * <p>Fails only on a wrong result: a journey set up twice or not at all, a guide not sent once.
 */
@Tag("benchmark")
class EngineStateBenchmarkTest {

  /** {@code -Dbench.levels=1000} for a shorter run; the drain needs the first level ≥ 1,000. */
  private static final int[] LEVELS =
      java.util.Arrays.stream(System.getProperty("bench.levels", "1000,2000,10000").split(","))
          .mapToInt(l -> Integer.parseInt(l.strip()))
          .toArray();

  /** {@code -Dbench.in-memory=false} leaves out the (slow) in-memory state. */
  private static final boolean IN_MEMORY =
      Boolean.parseBoolean(System.getProperty("bench.in-memory", "true"));

  private static final int BATCH = 300;
  private static final int DRAIN = 500;
  private static final int DRAIN_AT_LEVEL = 1_000;
  private static final int IN_FLIGHT = 50;
  private static final Duration FILL_BUDGET =
      Duration.ofMinutes(Long.getLong("bench.fill-budget-minutes", 5));

  @Test
  void inMemoryAndRocksDbStateSideBySide(@TempDir Path tempDir) throws Exception {
    double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    Result memory;
    if (IN_MEMORY) {
      memory = measure("in-memory", () -> EngineFactory.create(freePort()));
    } else {
      memory = new Result();
      memory.notes.add("not measured (-Dbench.in-memory=false)");
    }
    Result rocks =
        measure(
            "RocksDB",
            () ->
                RocksDbEngineFactory.create(
                    freePort(), tempDir.resolve("state").toFile(), 64L * 1024 * 1024));
    // ADR 0021/0022: the same RocksDB state with its WAL on and the log on disk (group commit)
    Result durable =
        measure(
            "durable log",
            () -> {
              try {
                return RocksDbEngineFactory.create(
                    freePort(),
                    tempDir.resolve("durable-state").toFile(),
                    64L * 1024 * 1024,
                    FileLogStorage.open(tempDir.resolve("durable-log"), 64L * 1024 * 1024));
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });

    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            "%n── Engine state benchmark: raw pre-arrival.bpmn, do-nothing workers, %d CPUs,"
                + " load average %.1f before and %.1f after (others' work slows both engines) ──%n",
            Runtime.getRuntime().availableProcessors(),
            loadBefore,
            ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
    out.append(
        String.format(
            "%-28s %14s %14s %10s %14s %12s%n",
            "", "in-memory", "RocksDB", "RocksDB ÷", "durable log", "durable ÷ R"));
    for (int level : LEVELS) {
      out.append(
          String.format(
              "%-28s %14s %14s %10s %14s %12s%n",
              "journeys/s at " + level + " live",
              memory.rate(level),
              rocks.rate(level),
              ratio(rocks.rates.get(level), memory.rates.get(level)),
              durable.rate(level),
              ratio(durable.rates.get(level), rocks.rates.get(level))));
    }
    out.append(
        String.format(
            "%-28s %14s %14s %10s %14s %12s%n",
            DRAIN + " timers due at once",
            memory.drain(),
            rocks.drain(),
            ratio(memory.drainSeconds, rocks.drainSeconds),
            durable.drain(),
            ratio(rocks.drainSeconds, durable.drainSeconds)));
    out.append(
        String.format(
            "(%d journeys timed per level after filling up to it; the drain with %d live; the last"
                + " column is how many times better RocksDB did)%n",
            BATCH, DRAIN_AT_LEVEL + BATCH));
    memory.notes.forEach(n -> out.append("in-memory: ").append(n).append('\n'));
    rocks.notes.forEach(n -> out.append("RocksDB: ").append(n).append('\n'));
    durable.notes.forEach(n -> out.append("durable log: ").append(n).append('\n'));
    System.out.println(out);
  }

  private Result measure(String name, Supplier<ZeebeTestEngine> engines) throws Exception {
    ZeebeTestEngine engine = engines.get();
    engine.start();
    Bench bench = new Bench(engine);
    try {
      bench.deploy();
      Result result = new Result();
      for (int level : LEVELS) {
        if (!bench.fillTo(level)) {
          result.notes.add(
              String.format(
                  "reached only %d live of %d within the %d-minute fill budget",
                  bench.setUp.get(), level, FILL_BUDGET.toMinutes()));
          break;
        }
        Double rate = bench.timedBatch();
        if (rate == null) {
          result.notes.add(
              String.format(
                  "%d journeys at %d live not set up within %d minutes",
                  BATCH, level, FILL_BUDGET.toMinutes()));
          break;
        }
        result.rates.put(level, rate);
        System.out.printf("%s: %.1f journeys/s at %d live%n", name, rate, level);
        if (level == DRAIN_AT_LEVEL) {
          result.drainSeconds = bench.drain();
          if (result.drainSeconds == null) {
            result.notes.add(
                String.format(
                    "%d of %d timers drained within %d minutes",
                    bench.drained.get(), DRAIN, FILL_BUDGET.toMinutes()));
            break;
          }
          System.out.printf("%s: %d timers drained in %.1f s%n", name, DRAIN, result.drainSeconds);
        }
      }
      bench.assertEachJourneySetUpOnce();
      if (bench.failedStarts.get() > 0) {
        result.notes.add(bench.failedStarts.get() + " journey starts refused by the engine");
      }
      return result;
    } finally {
      bench.close();
      engine.stop();
      System.out.printf("%s engine measured%n", name);
    }
  }

  /** One engine with its client and do-nothing workers. */
  private static final class Bench implements AutoCloseable {

    private final ZeebeTestEngine engine;
    private final CamundaClient client;
    private final List<JobWorker> workers = new ArrayList<>();
    private final Map<Long, Integer> confirmations = new ConcurrentHashMap<>();
    private final Map<Long, Integer> guides = new ConcurrentHashMap<>();
    private final AtomicInteger setUp = new AtomicInteger();
    private final AtomicInteger drained = new AtomicInteger();
    private final AtomicInteger failedStarts = new AtomicInteger();
    private final Semaphore inFlight = new Semaphore(IN_FLIGHT);
    private long nextBookingId = 1;
    private int started;
    private Duration clockOffset = Duration.ZERO;

    /** The first {@value #DRAIN} journeys' check-in guides fall due together, a day from now. */
    private final Instant guidesDueAt = Instant.now().plus(Duration.ofDays(1));

    Bench(ZeebeTestEngine engine) {
      this.engine = engine;
      String port = engine.getGatewayAddress().substring(engine.getGatewayAddress().indexOf(':'));
      this.client =
          CamundaClient.newClientBuilder()
              .grpcAddress(URI.create("http://127.0.0.1" + port))
              .restAddress(URI.create("http://127.0.0.1:1"))
              .preferRestOverGrpc(false)
              .numJobWorkerExecutionThreads(2)
              .defaultJobWorkerStreamEnabled(true)
              // a busy in-memory engine answers late: a client-side deadline would lose journeys
              .defaultRequestTimeout(Duration.ofMinutes(5))
              .build();
    }

    void deploy() {
      client
          .newDeployResourceCommand()
          .addResourceFromClasspath(PreArrivalJourney.RESOURCE)
          .send()
          .join();
      // the job types and headers of today's pre-arrival.bpmn (moments are FEEL over the facts)
      workers.add(worker("load-journey-facts", this::facts));
      workers.add(worker("send-guest-message", this::send));
      workers.add(
          worker(
              "check-arrival-time",
              (jobs, job) ->
                  jobs.newCompleteCommand(job).variables(Map.of("arrivalTimeKnown", true)).send()));
      workers.add(
          worker("publish-journey-message", (jobs, job) -> jobs.newCompleteCommand(job).send()));
    }

    private JobWorker worker(String type, io.camunda.client.api.worker.JobHandler handler) {
      return client
          .newWorker()
          .jobType(type)
          .handler(handler)
          .maxJobsActive(64)
          .timeout(Duration.ofMinutes(5))
          .pollInterval(Duration.ofSeconds(1))
          .streamEnabled(true)
          .open();
    }

    /**
     * The stay's facts as {@code load-journey-facts} gives them: the first {@value #DRAIN}
     * journeys' check-in guides fall due together at {@link #guidesDueAt} (UTC house, guide 3 days
     * before arrival at that minute); the others arrive in 60 days.
     */
    private void facts(JobClient jobs, ActivatedJob job) {
      long bookingId = ((Number) job.getVariable("bookingId")).longValue();
      java.time.ZonedDateTime guide =
          (bookingId <= DRAIN
                  ? guidesDueAt
                  : Instant.now().plus(clockOffset).plus(Duration.ofDays(60)))
              .atZone(java.time.ZoneOffset.UTC);
      java.time.LocalDate arrival =
          guide.toLocalDate().plusDays(StayIntakeBenchmark.GUIDE_DAYS_BEFORE);
      Map<String, Object> facts =
          RawEngineCeiling.stayFacts(
              bookingId,
              arrival,
              "UTC",
              String.format("%02d:%02d", guide.getHour(), guide.getMinute()));
      // answered without waiting: the workers never hold the engine back
      jobs.newCompleteCommand(job).variables(facts).send();
    }

    private void send(JobClient jobs, ActivatedJob job) {
      long bookingId = ((Number) job.getVariable("bookingId")).longValue();
      String step = job.getCustomHeaders().get("message");
      jobs.newCompleteCommand(job)
          .send()
          .thenAccept(
              done -> {
                if ("booking-confirmation".equals(step)) {
                  confirmations.merge(bookingId, 1, Integer::sum);
                  setUp.incrementAndGet();
                  inFlight.release();
                } else if ("check-in-guide".equals(step)) {
                  guides.merge(bookingId, 1, Integer::sum);
                  drained.incrementAndGet();
                }
              });
    }

    private void start(long bookingId) throws InterruptedException {
      inFlight.acquire();
      started++;
      client
          .newPublishMessageCommand()
          .messageName(PreArrivalJourney.MESSAGE_BOOKING_CONFIRMED)
          .correlationKey(Long.toString(bookingId))
          .messageId(PreArrivalJourney.MESSAGE_BOOKING_CONFIRMED + "/" + bookingId)
          .timeToLive(java.time.Duration.ofHours(1))
          .variables(Map.of("bookingId", bookingId))
          .send()
          .exceptionally(
              e -> {
                failedStarts.incrementAndGet();
                inFlight.release();
                return null;
              });
    }

    /** Starts journeys until {@code level} are set up; false when the budget ran out first. */
    boolean fillTo(int level) throws InterruptedException {
      long deadline = System.nanoTime() + FILL_BUDGET.toNanos();
      while (started < level) {
        if (System.nanoTime() > deadline) {
          return false;
        }
        if (inFlight.tryAcquire(1, TimeUnit.SECONDS)) {
          inFlight.release();
          start(nextBookingId++);
        }
      }
      return awaitSetUp(level, deadline);
    }

    private boolean awaitSetUp(int count, long deadline) throws InterruptedException {
      while (setUp.get() + failedStarts.get() < count) {
        if (System.nanoTime() > deadline) {
          return false;
        }
        Thread.sleep(20);
      }
      return true;
    }

    /** Journeys set up per second for {@value #BATCH} more journeys; null if not within budget. */
    Double timedBatch() throws InterruptedException {
      int target = started + BATCH;
      long t0 = System.nanoTime();
      while (started < target) {
        start(nextBookingId++);
      }
      if (!awaitSetUp(target, t0 + FILL_BUDGET.toNanos())) {
        return null;
      }
      return BATCH / ((System.nanoTime() - t0) / 1e9);
    }

    /**
     * Seconds until {@value #DRAIN} check-in guides, all due at the same moment, were sent; null if
     * they were not set up or not all sent within the budget.
     */
    Double drain() throws InterruptedException {
      Duration step = Duration.between(Instant.now().plus(clockOffset), guidesDueAt).plusHours(1);
      clockOffset = clockOffset.plus(step);
      long t0 = System.nanoTime();
      engine.increaseTime(step);
      long deadline = t0 + FILL_BUDGET.toNanos();
      while (drained.get() < DRAIN && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      return drained.get() == DRAIN ? seconds : null;
    }

    void assertEachJourneySetUpOnce() {
      assertThat(confirmations.values()).as("confirmations per journey").allMatch(n -> n == 1);
      assertThat(confirmations).as("journeys set up").hasSize(setUp.get());
      assertThat(guides.values()).as("guides per journey").allMatch(n -> n == 1);
    }

    @Override
    public void close() {
      workers.forEach(JobWorker::close);
      client.close();
    }
  }

  private static final class Result {
    final Map<Integer, Double> rates = new LinkedHashMap<>();
    final List<String> notes = new ArrayList<>();
    Double drainSeconds;

    String rate(int level) {
      Double r = rates.get(level);
      return r == null ? "not reached" : String.format("%.1f", r);
    }

    String drain() {
      return drainSeconds == null ? "not reached" : String.format("%.1f s", drainSeconds);
    }
  }

  private static String ratio(Double numerator, Double denominator) {
    if (numerator == null || denominator == null || denominator == 0) {
      return "—";
    }
    return String.format("%.1f×", numerator / denominator);
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
