package org.guestjourney.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The benchmark harness that tells the truth (issue #11): the app started from its built jar in a
 * JVM of its own on the embedded default, e-mail going to an SMTP sink that counts what it takes,
 * bookings pushed over HTTP with an API key by {@code -Dclients} (16) concurrent clients, and the
 * raw engine ceiling measured in the same run (same engine build, same BPMN, do-nothing workers) so
 * that every figure is also printed as a ratio to it.
 *
 * <pre>
 * ./mvnw -B -o package -DskipTests -Dbpmnlint.skip=true        # the jar the harness starts
 * ./mvnw -B -o test -Pbenchmark -Dtest=StayIntakeBenchmark -Dstays=2000 -Dbpmnlint.skip=true
 * </pre>
 *
 * Sizes: {@code -Dstays} (2,000; 10,000 for the targets, on a quiet machine), {@code
 * -Dburst} (check-in guides due at the same minute: 2,000 or all stays if fewer), {@code -Dprobes}
 * (5 single due messages), {@code -Dbench.heap} (the app's -Xmx, 1536m), {@code
 * -Dbench.durable=false} (the engine log in memory, in the app and the ceiling; durable is the
 * default).
 *
 * <p>It fails only on wrong results — a message lost (expected at the sink and not there) or
 * doubled (at the sink, or two "sent" events of one message) — never on slowness.
 */
@Tag("benchmark")
class StayIntakeBenchmark {

  static final int GUIDE_DAYS_BEFORE = 3;
  static final String GUIDE_TIME = "10:00";
  static final String REMINDER_TIME = "11:00";
  private static final ZoneId ZONE = ZoneId.of("Europe/Rome");

  private final int stays = Integer.getInteger("stays", 2_000);
  private final int burst = Math.min(Integer.getInteger("burst", 2_000), stays);
  private final int clients = Integer.getInteger("clients", 16);
  private final int probes = Integer.getInteger("probes", 5);

  /**
   * The app's default (durable engine log); {@code -Dbench.durable=false} measures both in memory.
   */
  private final boolean durable = Boolean.parseBoolean(System.getProperty("bench.durable", "true"));

  private final String heap = System.getProperty("bench.heap", "1536m");
  private final Duration wait =
      Duration.ofSeconds(Math.max(600, stays)); // generous: slowness is a figure, not a failure

  /** The arrival day of the burst's stays and the probes: a month from now. */
  private final LocalDate arrival = LocalDate.now(ZONE).plusDays(30);

  private double loadBefore;
  private Ceiling ceiling;
  private final List<String> notes = new ArrayList<>();

  /** The clock is moved to this long before the burst's minute; the rest comes in real time. */
  private static final int BURST_MARGIN_SECONDS = 20;

  @Test
  void stayIntakeAgainstTheRawEngineCeiling() throws Exception {
    Path work = Path.of("target/bench/" + UUID.randomUUID()).toAbsolutePath();
    Files.createDirectories(work);
    loadBefore = load();
    ceiling = ceiling(work.resolve("raw"));
    App app = new App();
    Exception stopped = null;
    try {
      app(work, app);
    } catch (Exception e) {
      // print what was measured before it stopped, then fail with the reason
      stopped = e;
      notes.add("the app's run stopped: " + e);
    }
    double loadAfter = load();
    System.out.println("\n══ final figures ══");
    print(ceiling, app, loadBefore, loadAfter);
    if (stopped != null) {
      throw stopped;
    }

    // wrong results fail the run; slowness never does
    assertThat(app.lost).as("messages expected at the SMTP sink and not there").isZero();
    assertThat(app.sinkDuplicates).as("messages the SMTP sink took twice").isZero();
    assertThat(app.eventDuplicates).as("messages with two 'sent' events").isZero();
    assertThat(ceiling.lost).as("raw engine: send jobs that never came").isZero();
    assertThat(ceiling.duplicates).as("raw engine: send jobs completed twice").isZero();
  }

  // ───────────────────────────── the stays both sides get ─────────────────────────────

  /** The i-th stay (1-based): the first {@link #burst} arrive together, the rest spread later. */
  private LocalDate arrivalOf(int i) {
    return i <= burst ? arrival : arrival.plusDays(7 + (i % 30));
  }

  private static String probeTime(int p) {
    return LocalTime.of(14, p).toString();
  }

  private Instant guideDue(String time) {
    return arrival
        .minusDays(GUIDE_DAYS_BEFORE)
        .atTime(LocalTime.parse(time))
        .atZone(ZONE)
        .toInstant();
  }

  private Instant reminderDue() {
    return arrival.minusDays(1).atTime(LocalTime.parse(REMINDER_TIME)).atZone(ZONE).toInstant();
  }

  // ───────────────────────────── the raw engine ceiling ─────────────────────────────

  /** What the raw engine did with the same stays. */
  static final class Ceiling {
    double acceptedPerSecond;
    List<Long> confirmationMillis;
    double setUpPerSecond;
    double drainSeconds;
    List<Long> burstLatenessMillis;
    List<Long> probeLatenessMillis = new ArrayList<>();
    long heapMiB;
    Double restartSeconds;
    long lost;
    long duplicates;
    double cpuMillisPerJourney;
  }

  private Ceiling ceiling(Path dir) throws Exception {
    Ceiling c = new Ceiling();
    long heapBefore = RawEngineCeiling.heapAfterGcMiB();
    try (RawEngineCeiling raw = new RawEngineCeiling(dir, durable, ZONE)) {
      raw.start();
      raw.deploy();
      List<RawEngineCeiling.Stay> all = new ArrayList<>();
      for (int i = 1; i <= stays; i++) {
        all.add(new RawEngineCeiling.Stay(i, arrivalOf(i), GUIDE_TIME));
      }
      for (int p = 0; p < probes; p++) {
        all.add(new RawEngineCeiling.Stay(stays + 1 + p, arrival, probeTime(p)));
      }
      Map<Long, Long> startedAt = new ConcurrentHashMap<>();
      long cpu0 = BenchApp.ownCpuMillis();
      long t0 = System.currentTimeMillis();
      c.acceptedPerSecond = all.size() / raw.startAll(all, clients, startedAt);
      awaitCount(() -> raw.count("booking-confirmation"), all.size(), "raw confirmations");
      long last = 0;
      c.confirmationMillis = new ArrayList<>();
      for (RawEngineCeiling.Stay s : all) {
        Long done = raw.completed(s.bookingId(), "booking-confirmation");
        if (done != null) {
          c.confirmationMillis.add(done - startedAt.get(s.bookingId()));
          last = Math.max(last, done);
        }
      }
      c.setUpPerSecond = all.size() / ((last - t0) / 1e3);
      // engine, workers and the load generator: all in this JVM
      c.cpuMillisPerJourney = (BenchApp.ownCpuMillis() - cpu0) / (double) all.size();
      c.heapMiB = RawEngineCeiling.heapAfterGcMiB() - heapBefore;
      System.out.printf("raw engine: %d journeys set up%n", all.size());

      // the burst: every guide of the first stays due at the same minute
      // (as the app's: the clock moved to just before, the minute comes in real time)
      Instant due = guideDue(GUIDE_TIME);
      raw.advance(Duration.between(raw.now(), due.minusSeconds(BURST_MARGIN_SECONDS)));
      long rawOffset = raw.now().toEpochMilli() - System.currentTimeMillis();
      awaitCount(() -> raw.count("check-in-guide"), burst, "raw burst");
      c.burstLatenessMillis = new ArrayList<>();
      long lastGuide = due.toEpochMilli();
      for (int i = 1; i <= burst; i++) {
        Long done = raw.completed(i, "check-in-guide");
        if (done != null) {
          c.burstLatenessMillis.add(done + rawOffset - due.toEpochMilli());
          lastGuide = Math.max(lastGuide, done + rawOffset);
        }
      }
      c.drainSeconds = (lastGuide - due.toEpochMilli()) / 1e3;

      // one message due at a time, in real time, with every stay live
      for (int p = 0; p < probes; p++) {
        Instant probeDue = guideDue(probeTime(p));
        raw.advance(Duration.between(raw.now(), probeDue.minusSeconds(3)));
        long id = stays + 1 + p;
        awaitCount(() -> raw.completed(id, "check-in-guide") == null ? 0 : 1, 1, "raw probe");
        c.probeLatenessMillis.add(
            raw.completed(id, "check-in-guide")
                - probeDue.toEpochMilli()
                + (raw.now().toEpochMilli() - System.currentTimeMillis()));
      }

      if (durable) {
        raw.stop();
        long r0 = System.nanoTime();
        raw.start();
        raw.awaitReady();
        c.restartSeconds = (System.nanoTime() - r0) / 1e9;
      }
      // every burst and probe stay gets its day-before reminder (after the restart, if any)
      raw.advance(Duration.between(raw.now(), reminderDue().plusSeconds(1)));
      awaitCount(() -> raw.count("day-before-reminder"), burst + probes, "raw reminders");
      c.lost =
          (all.size() - raw.count("booking-confirmation"))
              + (burst + probes - raw.count("check-in-guide"))
              + (burst + probes - raw.count("day-before-reminder"));
      c.duplicates = raw.duplicates();
    }
    System.out.println("raw engine measured");
    return c;
  }

  // ───────────────────────────── the app ─────────────────────────────

  /** What the app did, counted at the SMTP sink. */
  static final class App {
    String launchedFrom;
    double startSeconds;
    double acceptedPerSecond;
    long refused;
    List<Long> confirmationMillis = new ArrayList<>();
    double setUpPerSecond;
    double drainSeconds;
    List<Long> burstLatenessMillis = new ArrayList<>();
    List<Long> probeLatenessMillis = new ArrayList<>();
    long heapMiB;
    long rssMiB;
    long postgresRssMiB;
    double restartSeconds;
    double statementsPerBooking;
    double statementsPerGuide;
    double appCpuMillisPerBooking;
    double postgresCpuMillisPerBooking;
    double loadCpuMillisPerBooking;
    List<String> topStatements = new ArrayList<>();
    List<String> topIntakeStatements = new ArrayList<>();
    List<Paced> paced = new ArrayList<>();
    long lost;
    long sinkDuplicates;
    long eventDuplicates;
  }

  /** One steady rate of bookings and how quickly their confirmations came. */
  record Paced(
      int offeredPerSecond,
      double acceptedPerSecond,
      List<Long> confirmationMillis,
      long missing) {}

  /** The steady rates offered after the flood, lowest first, until confirmations fall behind. */
  private final List<Integer> pacedRates =
      java.util.Arrays.stream(System.getProperty("bench.paced", "20,40,60,80,100").split(","))
          .map(String::strip)
          .filter(r -> !r.isEmpty())
          .map(Integer::valueOf)
          .toList();

  private final int pacedSeconds = Integer.getInteger("bench.paced-seconds", 30);

  private void app(Path work, App a) throws Exception {
    int postgresPort = RawEngineCeiling.freePort();
    List<String> extra = new ArrayList<>();
    extra.add("guest-journey.runtime.engine.durable=" + durable);
    try (CountingSmtpSink sink = new CountingSmtpSink();
        BenchApp app = new BenchApp(work, sink.port(), postgresPort, heap, extra)) {
      a.launchedFrom = app.launchedFrom();
      a.startSeconds = app.start(Duration.ofMinutes(5));
      String burstHouse = house(app, "Burst House", GUIDE_TIME);
      String laterHouse = house(app, "Later House", GUIDE_TIME);
      List<String> probeHouses = new ArrayList<>();
      for (int p = 0; p < probes; p++) {
        probeHouses.add(house(app, "Probe House " + p, probeTime(p)));
      }
      String token = apiKey(app);
      try (Connection db =
          DriverManager.getConnection(
              "jdbc:postgresql://127.0.0.1:" + postgresPort + "/postgres", "postgres", "")) {
        sql(db, "create extension if not exists pg_stat_statements");
        sql(db, "select pg_stat_statements_reset()");

        // intake: N bookings over HTTP with C clients, then the probes' stays
        List<Booking> bookings = new ArrayList<>();
        String run = UUID.randomUUID().toString().substring(0, 8);
        for (int i = 1; i <= stays; i++) {
          bookings.add(
              new Booking(
                  "g" + i + "-" + run + "@bench.example",
                  i <= burst ? burstHouse : laterHouse,
                  arrivalOf(i)));
        }
        for (int p = 0; p < probes; p++) {
          bookings.add(
              new Booking("probe" + p + "-" + run + "@bench.example", probeHouses.get(p), arrival));
        }
        long[] cpu0 = app.cpuMillis();
        long loadCpu0 = BenchApp.ownCpuMillis();
        long t0 = System.currentTimeMillis();
        AtomicLong refused = new AtomicLong();
        long acceptedAt = intake(app, token, bookings, refused);
        a.refused = refused.get();
        a.acceptedPerSecond = bookings.size() / ((acceptedAt - t0) / 1e3);
        awaitCount(() -> sink.count("booking-confirmation"), bookings.size(), "confirmations");
        Map<String, CountingSmtpSink.Received> confirmations = sink.firstOf("booking-confirmation");
        long last = t0;
        for (Booking b : bookings) {
          CountingSmtpSink.Received r = confirmations.get(b.email);
          if (r != null) {
            a.confirmationMillis.add(r.atMillis() - b.sentAt);
            last = Math.max(last, r.atMillis());
          }
        }
        a.setUpPerSecond = bookings.size() / ((last - t0) / 1e3);
        long[] cpu1 = app.cpuMillis();
        a.appCpuMillisPerBooking = (cpu1[0] - cpu0[0]) / (double) bookings.size();
        a.postgresCpuMillisPerBooking = (cpu1[1] - cpu0[1]) / (double) bookings.size();
        a.loadCpuMillisPerBooking = (BenchApp.ownCpuMillis() - loadCpu0) / (double) bookings.size();
        Thread.sleep(3_000); // the journeys' last steps after their confirmations
        a.statementsPerBooking = statements(db, a.topIntakeStatements) / (double) bookings.size();
        a.heapMiB = app.heapAfterGcMiB();
        long[] rss = app.rssMiB();
        a.rssMiB = rss[0];
        a.postgresRssMiB = rss[1];
        System.out.printf(
            "app: %d bookings accepted (%.1f/s) and confirmed (%.1f/s); heap %d MiB%n",
            bookings.size(), a.acceptedPerSecond, a.setUpPerSecond, a.heapMiB);
        soFar(a);

        // the burst: every guide of the burst house due at the same minute
        // the time machine moves the clock to just before the minute (it settles what fell due on
        // the way); the minute itself comes in real time, as in production: lateness from it
        // (20 s before it: with many stays the time machine's own settling after the move takes
        // seconds, and the burst must not start before its statements are counted)
        Instant due = guideDue(GUIDE_TIME);
        advanceTo(app, due.minusSeconds(BURST_MARGIN_SECONDS));
        long burstOffset = offsetMillis(app);
        sql(db, "select pg_stat_statements_reset()");
        if (System.currentTimeMillis() + burstOffset >= due.toEpochMilli()) {
          notes.add(
              "the clock move before the burst ended after the burst's minute: its statements"
                  + " are not all counted, and the burst overlapped the time machine's settling");
        }
        awaitCount(() -> sink.count("check-in-guide"), burst, "burst guides");
        long lastGuide = due.toEpochMilli();
        Map<String, CountingSmtpSink.Received> guides = sink.firstOf("check-in-guide");
        for (int i = 0; i < burst; i++) {
          CountingSmtpSink.Received r = guides.get(bookings.get(i).email);
          if (r != null) {
            a.burstLatenessMillis.add(r.atMillis() + burstOffset - due.toEpochMilli());
            lastGuide = Math.max(lastGuide, r.atMillis() + burstOffset);
          }
        }
        a.drainSeconds = (lastGuide - due.toEpochMilli()) / 1e3;
        Thread.sleep(2_000);
        a.statementsPerGuide = statements(db, a.topStatements) / (double) burst;
        System.out.printf("app: burst of %d drained in %.1f s%n", burst, a.drainSeconds);
        soFar(a);

        // one message due at a time, in real time, with every stay live
        for (int p = 0; p < probes; p++) {
          Instant probeDue = guideDue(probeTime(p));
          advanceTo(app, probeDue.minusSeconds(3));
          long offset = offsetMillis(app);
          String email = bookings.get(stays + p).email;
          awaitCount(() -> sink.firstOf("check-in-guide").containsKey(email) ? 1 : 0, 1, "probe");
          a.probeLatenessMillis.add(
              sink.firstOf("check-in-guide").get(email).atMillis()
                  + offset
                  - probeDue.toEpochMilli());
        }
        soFar(a);

        // steady intake after the flood, every stay live: from which rate on do confirmations
        // fall behind? (the flood above offers as fast as the clients can; guests book at a rate)
        for (int rate : pacedRates) {
          Thread.sleep(3_000);
          long p0 = System.currentTimeMillis();
          List<Booking> offered =
              offer(app, token, laterHouse, arrival.plusDays(90), run, rate, pacedSeconds, refused);
          long answered = System.currentTimeMillis();
          a.refused = refused.get();
          java.util.Set<String> emails = new java.util.HashSet<>();
          offered.forEach(b -> emails.add(b.email));
          awaitCount(
              () ->
                  sink.firstOf("booking-confirmation").keySet().stream()
                      .filter(emails::contains)
                      .count(),
              offered.size(),
              "confirmations at " + rate + "/s");
          Map<String, CountingSmtpSink.Received> got = sink.firstOf("booking-confirmation");
          List<Long> millis = new ArrayList<>();
          for (Booking b : offered) {
            CountingSmtpSink.Received r = got.get(b.email);
            if (r != null) {
              millis.add(r.atMillis() - b.sentAt);
            }
          }
          Paced paced =
              new Paced(
                  rate,
                  offered.size() / ((answered - p0) / 1e3),
                  millis,
                  offered.size() - millis.size());
          a.paced.add(paced);
          System.out.printf(
              "app: %d bookings/s for %d s: confirmation p50 %.2f s, p99 %.2f s%n",
              rate, pacedSeconds, p(millis, 50), p(millis, 99));
          if (p(millis, 99) == null || p(millis, 99) > 10) {
            break; // fallen behind: a higher rate only queues longer
          }
        }
        soFar(a);
      }

      // kill -9, then start on the same data: until health is UP
      app.kill();
      a.restartSeconds = app.start(Duration.ofMinutes(30));
      System.out.printf("app: restarted after kill -9 in %.1f s%n", a.restartSeconds);
      soFar(a);
      // nothing lost: every burst and probe stay still gets its day-before reminder
      advanceTo(app, reminderDue().plusSeconds(1));
      awaitCount(() -> sink.count("day-before-reminder"), burst + probes, "reminders");
      Thread.sleep(3_000); // anything sent twice would come now

      Map<String, CountingSmtpSink.Received> confirmations = sink.firstOf("booking-confirmation");
      Map<String, CountingSmtpSink.Received> guides = sink.firstOf("check-in-guide");
      Map<String, CountingSmtpSink.Received> reminders = sink.firstOf("day-before-reminder");
      long expected =
          stays
              + probes
              + 2L * (burst + probes)
              + a.paced.stream().mapToLong(x -> x.confirmationMillis().size() + x.missing()).sum();
      a.lost = expected - (confirmations.size() + guides.size() + reminders.size());
      a.sinkDuplicates = sink.duplicates();
      try (Connection db =
          DriverManager.getConnection(
              "jdbc:postgresql://127.0.0.1:" + postgresPort + "/postgres", "postgres", "")) {
        a.eventDuplicates =
            longOf(
                db,
                "select count(*) - count(distinct delivery_id) from message_delivery_event"
                    + " where state = 'SENT'");
      }
      app.close();
    }
    System.out.println("app measured");
  }

  /** One booking the harness sends, and when its request went. */
  private static final class Booking {
    final String email;
    final String propertyId;
    final LocalDate arrival;
    volatile long sentAt;

    Booking(String email, String propertyId, LocalDate arrival) {
      this.email = email;
      this.propertyId = propertyId;
      this.arrival = arrival;
    }
  }

  /** Sends the bookings with {@link #clients} clients; returns when the last was answered. */
  private long intake(BenchApp app, String token, List<Booking> bookings, AtomicLong refused)
      throws Exception {
    AtomicLong lastAnswer = new AtomicLong();
    try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
      List<Future<?>> done = new ArrayList<>();
      for (Booking b : bookings) {
        done.add(
            pool.submit(
                () -> {
                  book(app, token, b, refused);
                  lastAnswer.accumulateAndGet(System.currentTimeMillis(), Math::max);
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    }
    return lastAnswer.get();
  }

  /** Sends one booking over HTTP; a refusal is counted and printed. */
  private static void book(BenchApp app, String token, Booking b, AtomicLong refused)
      throws Exception {
    String json =
        """
        {"propertyId": %s, "externalReference": "BENCH-%s", "sourceChannel": "direct",
         "arrivalDate": "%s", "departureDate": "%s", "partySize": 2,
         "guest": {"fullName": "%s", "email": "%s", "preferredLanguage": "en"}}
        """
            .formatted(
                b.propertyId,
                b.email,
                b.arrival,
                b.arrival.plusDays(2),
                // people have names of their own (a name shared by many is no sign of one
                // person: see guest profiles)
                "Bench Guest " + b.email.substring(0, b.email.indexOf('@')),
                b.email);
    b.sentAt = System.currentTimeMillis();
    HttpResponse<String> r =
        app.http()
            .send(
                HttpRequest.newBuilder(app.uri("/api/bookings"))
                    .timeout(Duration.ofMinutes(2))
                    .header("authorization", "Bearer " + token)
                    .header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 201) {
      refused.incrementAndGet();
      System.out.println("booking answered " + r.statusCode() + ": " + r.body());
    }
  }

  /**
   * Bookings offered at a steady {@code perSecond} for {@code seconds} (open loop: each request
   * goes at its moment, whether or not earlier ones were answered, as guests book); returns them.
   */
  private static List<Booking> offer(
      BenchApp app,
      String token,
      String house,
      LocalDate arrival,
      String run,
      int perSecond,
      int seconds,
      AtomicLong refused)
      throws Exception {
    List<Booking> offered = new ArrayList<>();
    int n = perSecond * seconds;
    long start = System.nanoTime();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> done = new ArrayList<>();
      for (int k = 0; k < n; k++) {
        long at = start + k * 1_000_000_000L / perSecond;
        long ahead = at - System.nanoTime();
        if (ahead > 0) {
          Thread.sleep(ahead / 1_000_000, (int) (ahead % 1_000_000));
        }
        Booking b =
            new Booking(
                "paced" + perSecond + "-" + k + "-" + run + "@bench.example", house, arrival);
        offered.add(b);
        done.add(
            pool.submit(
                () -> {
                  book(app, token, b, refused);
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    }
    return offered;
  }

  private String house(BenchApp app, String name, String guideTime) throws Exception {
    String code =
        name.toLowerCase().replace(' ', '-') + "-" + UUID.randomUUID().toString().substring(0, 8);
    String body =
        app.managerPost(
            "/api/properties",
            """
            {"code": "%s", "name": "%s", "timeZone": "%s", "defaultLanguage": "en",
             "languages": ["en"], "contactEmail": "host@%s.example", "address": "Via Roma 1",
             "keyHandover": "Key box", "checkInTime": "15:00", "checkOutTime": "10:00",
             "workingHoursStart": "09:00", "workingHoursEnd": "18:00",
             "checkInGuideDaysBefore": %d, "checkInGuideSendTime": "%s",
             "dayBeforeReminderSendTime": "%s"}
            """
                .formatted(code, name, ZONE, code, GUIDE_DAYS_BEFORE, guideTime, REMINDER_TIME),
            Duration.ofSeconds(60));
    return field(body, "id");
  }

  private static String apiKey(BenchApp app) throws Exception {
    String body =
        app.managerPost(
            "/api/keys",
            """
            {"name": "benchmark", "scope": "WRITE", "allProperties": true,
             "requestsPerMinute": 100000}
            """,
            Duration.ofSeconds(60));
    return field(body, "token");
  }

  /**
   * Moves the app's clock to {@code moment} (the time machine stops at planned moments on the way).
   */
  private static void advanceTo(BenchApp app, Instant moment) throws Exception {
    Instant now = Instant.parse(field(app.managerGet("/api/time"), "now"));
    Duration by = Duration.between(now, moment);
    if (by.isNegative() || by.isZero()) {
      return;
    }
    app.managerPost("/api/time/advance", "{\"by\": \"" + by + "\"}", Duration.ofMinutes(30));
  }

  private static long offsetMillis(BenchApp app) throws Exception {
    return Duration.parse(field(app.managerGet("/api/time"), "aheadOfRealTime")).toMillis();
  }

  private static String field(String json, String name) {
    Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"?([^\",}]+)\"?").matcher(json);
    if (!m.find()) {
      throw new IllegalStateException("No " + name + " in " + json);
    }
    return m.group(1);
  }

  /** Statements the app ran since the last reset; the busiest ones into {@code top} if given. */
  private static long statements(Connection db, List<String> top) throws Exception {
    String mine =
        " where query not like '%pg_stat_statements%' and query not ilike '%bench-probe%'";
    if (top != null) {
      try (Statement s = db.createStatement();
          ResultSet rs =
              s.executeQuery(
                  "select calls, regexp_replace(left(query, 110), '\\s+', ' ', 'g')"
                      + " from pg_stat_statements"
                      + mine
                      + " order by calls desc limit 12")) {
        while (rs.next()) {
          top.add(String.format("%8d  %s", rs.getLong(1), rs.getString(2)));
        }
      }
    }
    return longOf(db, "select coalesce(sum(calls), 0) from pg_stat_statements" + mine);
  }

  private static void sql(Connection db, String sql) throws Exception {
    try (Statement s = db.createStatement()) {
      s.execute(sql);
    }
  }

  private static long longOf(Connection db, String sql) throws Exception {
    try (Statement s = db.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /**
   * Waits until {@code count} reaches {@code target}; on time-out notes it (the count is a figure).
   */
  private void awaitCount(LongSupplier count, long target, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    while (count.getAsLong() < target) {
      if (System.nanoTime() > deadline) {
        notes.add(what + ": " + count.getAsLong() + " of " + target + " within " + wait);
        return;
      }
      Thread.sleep(50);
    }
  }

  // ───────────────────────────── the output ─────────────────────────────

  /** The table with what is measured so far: a run stopped later still leaves its figures. */
  private void soFar(App a) {
    System.out.println("\n── figures so far ──");
    print(ceiling, a, loadBefore, load());
  }

  private void print(Ceiling c, App a, double loadBefore, double loadAfter) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            "%n── Stay intake benchmark: %d stays (+%d probes), %d clients, burst %d; %d CPUs,"
                + " load %.1f before / %.1f after; app -Xmx%s from %s; engine log %s ──%n",
            stays,
            probes,
            clients,
            burst,
            Runtime.getRuntime().availableProcessors(),
            loadBefore,
            loadAfter,
            heap,
            a.launchedFrom,
            durable
                ? "durable (the default), app and raw engine"
                : "in memory, app and raw engine"));
    out.append(String.format("%-48s %14s %14s %9s%n", "", "app", "raw engine", "app÷raw"));
    row(
        out,
        "bookings accepted /s (HTTP; raw: starts)",
        a.acceptedPerSecond,
        c.acceptedPerSecond,
        "%.1f");
    row(
        out,
        "booking → confirmation at sink p50 (s)",
        p(a.confirmationMillis, 50),
        p(c.confirmationMillis, 50),
        "%.2f");
    row(
        out,
        "booking → confirmation at sink p99 (s)",
        p(a.confirmationMillis, 99),
        p(c.confirmationMillis, 99),
        "%.2f");
    row(out, "journeys fully set up /s", a.setUpPerSecond, c.setUpPerSecond, "%.1f");
    row(out, "burst of " + burst + " guides: drain (s)", a.drainSeconds, c.drainSeconds, "%.1f");
    row(
        out,
        "burst: drain rate (guides/s)",
        burst / a.drainSeconds,
        burst / c.drainSeconds,
        "%.1f");
    row(
        out,
        "burst: lateness p50 (s)",
        p(a.burstLatenessMillis, 50),
        p(c.burstLatenessMillis, 50),
        "%.2f");
    row(
        out,
        "burst: lateness p99 (s)",
        p(a.burstLatenessMillis, 99),
        p(c.burstLatenessMillis, 99),
        "%.2f");
    row(
        out,
        "one due message, lateness p50 (s)",
        p(a.probeLatenessMillis, 50),
        p(c.probeLatenessMillis, 50),
        "%.2f");
    row(
        out,
        "one due message, lateness p99 (s)",
        p(a.probeLatenessMillis, 99),
        p(c.probeLatenessMillis, 99),
        "%.2f");
    row(out, "heap after GC at " + stays + " stays (MiB)", a.heapMiB, c.heapMiB, "%.0f");
    row(out, "RSS of the JVM (MiB; + PostgreSQL " + a.postgresRssMiB + ")", a.rssMiB, null, "%.0f");
    row(out, "start (s)", a.startSeconds, null, "%.1f");
    row(
        out,
        "restart after kill -9 (s, until health UP)",
        a.restartSeconds,
        c.restartSeconds,
        "%.1f");
    row(
        out,
        "CPU per journey set up (ms; app: its JVM; raw: all)",
        a.appCpuMillisPerBooking,
        c.cpuMillisPerJourney,
        "%.1f");
    row(out, "  + its PostgreSQL's CPU (ms)", a.postgresCpuMillisPerBooking, null, "%.1f");
    row(out, "  + load generator's and SMTP sink's (ms)", a.loadCpuMillisPerBooking, null, "%.1f");
    row(out, "SQL statements per booking (intake → set up)", a.statementsPerBooking, null, "%.1f");
    row(out, "SQL statements per guide in the burst (all)", a.statementsPerGuide, null, "%.1f");
    out.append(
        String.format(
            "wrong results: app lost %d, duplicates at the sink %d, duplicate 'sent' events %d,"
                + " bookings refused %d; raw lost %d, duplicates %d%n",
            a.lost, a.sinkDuplicates, a.eventDuplicates, a.refused, c.lost, c.duplicates));
    out.append(
        "(raw heap: growth of the benchmark JVM's heap with the engine and its stays; lateness:"
            + " from the due moment to the sink; the clock is moved to 20 s (burst) or 3 s"
            + " (single message) before it and the minute comes in real time)\n");
    if (!a.paced.isEmpty()) {
      out.append(
          String.format(
              "steady intake after the flood (app, every stay live), %d s per rate:%n"
                  + "  %-22s %12s %18s %18s%n",
              pacedSeconds,
              "offered bookings/s",
              "accepted/s",
              "confirmation p50",
              "confirmation p99"));
      for (Paced x : a.paced) {
        out.append(
            String.format(
                "  %-22d %12.1f %16.2f s %16.2f s%s%n",
                x.offeredPerSecond(),
                x.acceptedPerSecond(),
                p(x.confirmationMillis(), 50),
                p(x.confirmationMillis(), 99),
                x.missing() > 0 ? "  (" + x.missing() + " not confirmed in time)" : ""));
      }
    }
    out.append("busiest statements during the intake (calls):\n");
    a.topIntakeStatements.forEach(s -> out.append("  ").append(s).append('\n'));
    out.append("busiest statements during the burst (calls):\n");
    a.topStatements.forEach(s -> out.append("  ").append(s).append('\n'));
    notes.forEach(n -> out.append("note: ").append(n).append('\n'));
    System.out.println(out);
  }

  private static void row(StringBuilder out, String name, Number app, Number raw, String format) {
    out.append(
        String.format(
            "%-48s %14s %14s %9s%n",
            name,
            app == null ? "—" : String.format(format, app.doubleValue()),
            raw == null ? "—" : String.format(format, raw.doubleValue()),
            app == null || raw == null || raw.doubleValue() == 0
                ? "—"
                : String.format("%.2f", app.doubleValue() / raw.doubleValue())));
  }

  /** The p-th percentile in seconds, or null without values. */
  private static Double p(List<Long> millis, int p) {
    if (millis == null || millis.isEmpty()) {
      return null;
    }
    List<Long> sorted = new ArrayList<>(millis);
    Collections.sort(sorted);
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index))) / 1e3;
  }

  private static double load() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }
}
