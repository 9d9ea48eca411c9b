package org.guestjourney.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.camunda.zeebe.process.test.engine.RocksDbEngineFactory;
import io.camunda.zeebe.process.test.engine.RocksDbEngineFactory.RocksDbEngine;
import io.camunda.zeebe.process.test.filters.RecordStream;
import io.camunda.zeebe.protocol.record.intent.ProcessInstanceIntent;
import io.camunda.zeebe.protocol.record.value.BpmnElementType;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.guestjourney.support.FaultySmtpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The fault suite's cluster case ({@code ./mvnw test -Pfaults}): the app runs in its own JVM
 * against an engine it reaches over the network, as on a Camunda 8 cluster; the engine runs in the
 * test's JVM (it keeps its state, as a cluster does) behind a relay that cuts the line. While the
 * engine is unreachable, bookings keep being accepted at once (the journey starts wait in the
 * outbox); when the line is back, every guest gets the confirmation exactly once — counted at the
 * SMTP server — and every booking has exactly one journey — counted in the engine's own records.
 */
@Tag("faults")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EngineUnreachableTest {

  private static final Duration SETTLE = Duration.ofSeconds(120);

  private final Path work = Path.of("target/faults/engine-unreachable-" + UUID.randomUUID());
  private EmbeddedPostgres postgres;
  private FaultySmtpServer smtp;
  private RocksDbEngine engine;
  private NetworkCut line;
  private AppProcess app;
  private long propertyId;

  @BeforeAll
  void startEverything() throws Exception {
    Files.createDirectories(work);
    postgres = EmbeddedPostgres.builder().setDataDirectory(work.resolve("postgres")).start();
    smtp = new FaultySmtpServer();
    int enginePort = AppProcess.freePort();
    engine = RocksDbEngineFactory.create(enginePort, work.resolve("engine").toFile(), 64L << 20);
    engine.start();
    line = new NetworkCut(AppProcess.freePort(), enginePort);
    app =
        new AppProcess(
            work.resolve("app.log"),
            FaultApps.settings(
                FaultApps.mailTo(smtp.port()),
                FaultApps.contactDataKeys(),
                List.of(
                    "spring.datasource.url=jdbc:postgresql://127.0.0.1:"
                        + postgres.getPort()
                        + "/postgres",
                    "spring.datasource.username=postgres",
                    "spring.datasource.password=",
                    // a Camunda 8 cluster at an address (the engine behind the relay): no embedded
                    // one
                    "camunda.client.mode=self-managed",
                    "camunda.client.grpc-address=http://127.0.0.1:" + line.port(),
                    "camunda.client.rest-address=http://127.0.0.1:" + line.port(),
                    "camunda.client.prefer-rest-over-grpc=false",
                    "camunda.client.auth.method=none",
                    "camunda.client.request-timeout=PT60S",
                    // a real install names its first manager; the demo accounts are embedded-only
                    "guest-journey.staff.accounts[0].username=manager",
                    "guest-journey.staff.accounts[0].password=manager",
                    "guest-journey.staff.accounts[0].groups[0]=manager",
                    "guest-journey.messaging.retry-backoff=PT2S",
                    "guest-journey.messaging.send-lease=PT4S")));
    app.start();
    propertyId = FaultApps.house(app, "Cut House");
  }

  @AfterAll
  void stopEverything() throws Exception {
    if (app != null) {
      app.close();
    }
    if (line != null) {
      line.close();
    }
    if (engine != null) {
      engine.stop();
    }
    if (smtp != null) {
      smtp.close();
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  @Test
  void engineUnreachableWhileGuestsBook() throws Exception {
    List<Guest> before = book(2);
    await(() -> before.stream().allMatch(this::confirmationSettled), SETTLE);

    line.cut();
    List<Guest> during = new ArrayList<>();
    Instant cutUntil = Instant.now().plusSeconds(10);
    while (Instant.now().isBefore(cutUntil)) {
      // accepted at once although the engine cannot be reached: intake never waits on it
      during.addAll(book(1));
      Thread.sleep(700);
    }
    line.restore();
    List<Guest> after = book(2);

    List<Guest> all = new ArrayList<>(before);
    all.addAll(during);
    all.addAll(after);
    await(() -> all.stream().allMatch(this::confirmationSettled), SETTLE);

    int delivered = 0;
    int duplicates = 0;
    int lost = 0;
    for (Guest g : all) {
      var received = smtp.receivedBy(g.email);
      delivered += received.isEmpty() ? 0 : 1;
      duplicates += Math.max(0, received.size() - 1);
      lost += received.isEmpty() ? 1 : 0;
    }
    long journeys =
        java.util.stream.StreamSupport.stream(
                RecordStream.of(engine.getRecordStreamSource())
                    .processInstanceRecords()
                    .spliterator(),
                false)
            .filter(r -> r.getIntent() == ProcessInstanceIntent.ELEMENT_ACTIVATED)
            .filter(r -> r.getValue().getBpmnElementType() == BpmnElementType.PROCESS)
            .filter(r -> r.getValue().getBpmnProcessId().equals("pre-arrival"))
            .count();
    System.out.printf(
        "FAULT %-56s expected %3d  delivered %3d  duplicates %2d  lost %2d  journeys %3d  %s%n",
        "Engine unreachable 10 s (cluster mode) while booking",
        all.size(),
        delivered,
        duplicates,
        lost,
        journeys,
        during.size() + " bookings accepted during the cut");

    assertThat(during).as("bookings accepted while the engine was unreachable").isNotEmpty();
    assertThat(lost).as("lost").isZero();
    assertThat(duplicates).as("duplicated").isZero();
    assertThat(journeys).as("pre-arrival journeys, one per booking").isEqualTo(all.size());
  }

  // --- guests and bookings

  record Guest(String email, String reference, long bookingId) {}

  private List<Guest> book(int n) throws Exception {
    List<Guest> guests = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String email = "cut-" + UUID.randomUUID().toString().substring(0, 12) + "@example.com";
      String reference = "CUT-" + UUID.randomUUID();
      LocalDate arrival = LocalDate.now(ZoneId.of("Europe/Rome")).plusDays(10);
      JsonNode booking =
          app.post(
              "/api/bookings",
              """
              {"propertyId": %d, "externalReference": "%s", "sourceChannel": "direct",
               "arrivalDate": "%s", "departureDate": "%s", "partySize": 2,
               "guest": {"fullName": "Cut Guest", "email": "%s", "preferredLanguage": "en"}}
              """
                  .formatted(propertyId, reference, arrival, arrival.plusDays(2), email));
      guests.add(new Guest(email, reference, booking.path("id").asLong()));
    }
    return guests;
  }

  private boolean confirmationSettled(Guest g) {
    try (Connection c =
            DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres", "postgres", "");
        PreparedStatement ps =
            c.prepareStatement(
                "select state from message_delivery where booking_id = ?"
                    + " and step = 'booking-confirmation' and fallback_for is null")) {
      ps.setLong(1, g.bookingId());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() && List.of("SENT", "SKIPPED", "CANCELLED").contains(rs.getString(1));
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void await(BooleanSupplier condition, Duration atMost) throws Exception {
    Instant deadline = Instant.now().plus(atMost);
    while (Instant.now().isBefore(deadline)) {
      if (condition.getAsBoolean()) {
        return;
      }
      Thread.sleep(250);
    }
    throw new AssertionError("Not settled within " + atMost);
  }
}
