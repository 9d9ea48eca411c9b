package org.guestjourney.bench;

import io.camunda.client.CamundaClient;
import io.camunda.client.CamundaClientConfiguration;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobClient;
import io.camunda.client.api.worker.JobHandler;
import io.camunda.client.api.worker.JobWorker;
import io.camunda.client.impl.CamundaClientImpl;
import io.camunda.zeebe.process.test.engine.FileLogStorage;
import io.camunda.zeebe.process.test.engine.RocksDbEngineFactory;
import io.camunda.zeebe.process.test.engine.RocksDbEngineFactory.RocksDbEngine;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.guestjourney.journey.PreArrivalJourney;

/**
 * The raw engine ceiling, measured in the benchmark's own run: the same engine build the app embeds
 * ({@link RocksDbEngineFactory}, RocksDB state, the same memory limit, the durable log when the app
 * has it), the same {@code pre-arrival.bpmn}, and workers that do nothing but answer: the facts
 * worker returns fixed facts (the same dates and house rules the app's stays have), the send worker
 * completes at once. Each of the app's figures is printed as a ratio to its counterpart here.
 */
final class RawEngineCeiling implements AutoCloseable {

  /** What one booking looks like to the engine: its arrival and its house's rules. */
  record Stay(long bookingId, LocalDate arrival, String guideTime) {}

  private final Path directory;
  private final boolean durable;
  private final ZoneId zone;
  private final Map<Long, Stay> stays = new ConcurrentHashMap<>();
  private final Map<String, Long> completedAt = new ConcurrentHashMap<>();
  private final Map<String, Integer> sends = new ConcurrentHashMap<>();
  private final AtomicLong offsetMillis = new AtomicLong();
  private RocksDbEngine engine;
  private CamundaClient client;
  private final List<JobWorker> workers = new ArrayList<>();

  RawEngineCeiling(Path directory, boolean durable, ZoneId zone) {
    this.directory = directory;
    this.durable = durable;
    this.zone = zone;
  }

  /** Starts (or starts again, on the same directories) the engine, its client and its workers. */
  void start() throws IOException {
    int port = freePort();
    java.nio.file.Files.createDirectories(directory);
    engine =
        durable
            ? RocksDbEngineFactory.create(
                port,
                directory.resolve("state").toFile(),
                64L * 1024 * 1024,
                FileLogStorage.open(directory.resolve("log"), 64L * 1024 * 1024))
            : RocksDbEngineFactory.create(
                port, directory.resolve("state").toFile(), 64L * 1024 * 1024);
    engine.start();
    // a restarted engine's clock starts at real time again: the app's stores its offset
    if (offsetMillis.get() != 0) {
      engine.increaseTime(Duration.ofMillis(offsetMillis.get()));
    }
    // the gateway inside this JVM, as the app's client reaches its embedded engine (ADR 0081)
    CamundaClientConfiguration configuration =
        (CamundaClientConfiguration)
            CamundaClient.newClientBuilder()
                .grpcAddress(URI.create("http://127.0.0.1:" + port))
                .restAddress(URI.create("http://127.0.0.1:1"))
                .preferRestOverGrpc(false)
                .numJobWorkerExecutionThreads(8)
                .defaultJobWorkerStreamEnabled(true)
                .defaultRequestTimeout(Duration.ofMinutes(2));
    client = new CamundaClientImpl(configuration, engine.newInProcessChannel());
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

  void deploy() {
    client
        .newDeployResourceCommand()
        .addResourceFromClasspath(PreArrivalJourney.RESOURCE)
        .send()
        .join();
  }

  private JobWorker worker(String type, JobHandler handler) {
    return client
        .newWorker()
        .jobType(type)
        .handler(handler)
        .maxJobsActive(64)
        .timeout(Duration.ofMinutes(3))
        .pollInterval(Duration.ofSeconds(1))
        .streamEnabled(true)
        .open();
  }

  Instant now() {
    return Instant.now().plusMillis(offsetMillis.get());
  }

  /** Moves the engine's clock forward. */
  void advance(Duration step) {
    offsetMillis.addAndGet(step.toMillis());
    engine.increaseTime(step);
  }

  /**
   * Starts a journey and waits for the engine's answer (like a booking request that waits for its
   * journey); the confirmation is sent by the workers afterwards.
   */
  void startJourney(Stay stay) {
    stays.put(stay.bookingId(), stay);
    // as the app starts it: the model's message start event, the message id per booking
    client
        .newPublishMessageCommand()
        .messageName(PreArrivalJourney.MESSAGE_BOOKING_CONFIRMED)
        .correlationKey(Long.toString(stay.bookingId()))
        .messageId(PreArrivalJourney.MESSAGE_BOOKING_CONFIRMED + "/" + stay.bookingId())
        .timeToLive(java.time.Duration.ofHours(1))
        .variables(Map.of("bookingId", stay.bookingId()))
        .send()
        .join();
  }

  /** Starts the journeys with {@code clients} callers at a time; the seconds it took. */
  double startAll(List<Stay> toStart, int clients, Map<Long, Long> startedAtMillis)
      throws Exception {
    long t0 = System.nanoTime();
    try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
      List<Future<?>> done = new ArrayList<>();
      for (Stay s : toStart) {
        done.add(
            pool.submit(
                () -> {
                  startedAtMillis.put(s.bookingId(), System.currentTimeMillis());
                  startJourney(s);
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    }
    return (System.nanoTime() - t0) / 1e9;
  }

  /** When the job sending {@code step} for the booking completed (wall clock), if it did. */
  Long completed(long bookingId, String step) {
    return completedAt.get(bookingId + "/" + step);
  }

  long count(String step) {
    return completedAt.keySet().stream().filter(k -> k.endsWith("/" + step)).count();
  }

  /** Send jobs completed more than once for the same booking and step. */
  long duplicates() {
    return sends.values().stream().mapToLong(n -> n - 1).sum();
  }

  private void facts(JobClient jobs, ActivatedJob job) {
    long bookingId = ((Number) job.getVariable("bookingId")).longValue();
    Stay stay = stays.get(bookingId);
    jobs.newCompleteCommand(job)
        .variables(stayFacts(bookingId, stay.arrival(), zone.getId(), stay.guideTime()))
        .send();
  }

  /**
   * What {@code load-journey-facts} gives the pre-arrival model for a two-night stay of two at a
   * house in {@code zone}, the check-in guide {@value StayIntakeBenchmark#GUIDE_DAYS_BEFORE} days
   * before arrival at {@code guideTime}: the benchmarks' do-nothing workers answer with it.
   */
  static Map<String, Object> stayFacts(
      long bookingId, java.time.LocalDate arrival, String zone, String guideTime) {
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("bookingId", bookingId);
    facts.put("bookingRevision", 1);
    facts.put("arrivalDate", arrival.toString());
    facts.put("departureDate", arrival.plusDays(2).toString());
    facts.put("stayNights", 2);
    facts.put("partySize", 2);
    facts.put("previousStays", 0);
    facts.put("timeZone", zone);
    facts.put("checkInTime", "15:00");
    facts.put("checkOutTime", "10:00");
    facts.put("workingHoursStart", "09:00");
    facts.put("checkInGuideDaysBefore", StayIntakeBenchmark.GUIDE_DAYS_BEFORE);
    facts.put("checkInGuideTime", guideTime);
    facts.put("dayBeforeReminderTime", StayIntakeBenchmark.REMINDER_TIME);
    facts.put("quickSurveyTime", "18:00");
    facts.put("courtesyCheckInTime", "19:00");
    facts.put("thankYouAfterCheckOut", "PT2H");
    facts.put("satisfactionSurveyTime", "11:00");
    facts.put("surveyReminderAfterDays", 3);
    facts.put("reviewRequestAfterDays", 2);
    facts.put("phoneFollowUpWithinDays", 2);
    facts.put("messageBudget", 6);
    return facts;
  }

  private void send(JobClient jobs, ActivatedJob job) {
    long bookingId = ((Number) job.getVariable("bookingId")).longValue();
    String step = job.getCustomHeaders().get("message");
    jobs.newCompleteCommand(job)
        .send()
        .thenAccept(
            done -> {
              String key = bookingId + "/" + step;
              sends.merge(key, 1, Integer::sum);
              completedAt.putIfAbsent(key, System.currentTimeMillis());
            });
  }

  /** The moment the stay's check-in guide is due, as the model computes it. */
  Instant guideDue(Stay stay) {
    return stay.arrival()
        .minusDays(StayIntakeBenchmark.GUIDE_DAYS_BEFORE)
        .atTime(LocalTime.parse(stay.guideTime()))
        .atZone(zone)
        .toInstant();
  }

  /** Heap in use after a full collection, in MiB (the ceiling runs in the benchmark's JVM). */
  static long heapAfterGcMiB() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024 * 1024);
  }

  /** Stops the engine (not gracefully with its workers first: like a process that ends). */
  void stop() {
    workers.forEach(JobWorker::close);
    workers.clear();
    if (client != null) {
      client.close();
    }
    if (engine != null) {
      engine.stop();
    }
  }

  /** Whether the engine answers: a trivial command that goes through the log. */
  void awaitReady() {
    client.newTopologyRequest().send().join();
  }

  @Override
  public void close() {
    stop();
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
