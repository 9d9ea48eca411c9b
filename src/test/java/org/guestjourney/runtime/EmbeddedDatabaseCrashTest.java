package org.guestjourney.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.guestjourney.support.AppProcess;
import org.guestjourney.support.TestMailServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The app killed with {@code kill -9} leaves its embedded PostgreSQL running (a child process that
 * no shutdown hook stopped), holding the data directory. The very next start must stop that server
 * and come up on the same data.
 */
class EmbeddedDatabaseCrashTest {

  private final Path dataDirectory =
      Path.of("target/test-data/crash-" + UUID.randomUUID()).toAbsolutePath();
  private final String reference = "CRASH-" + UUID.randomUUID();
  private Long orphan;

  @Test
  void theNextStartAfterKillMinusNineStopsTheOrphanedDatabaseAndKeepsItsData() throws Exception {
    long bookingId;
    try (AppProcess first = AppProcess.start(dataDirectory, TestMailServer.port(), "first")) {
      bookingId = book(first);
      orphan = postmasterPid().orElseThrow();
      assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive)).contains(true);

      first.kill();
      Thread.sleep(1_000);
      assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive))
          .as("the embedded PostgreSQL outlived the killed app")
          .contains(true);
    }

    try (AppProcess second = AppProcess.start(dataDirectory, TestMailServer.port(), "second")) {
      assertThat(ProcessHandle.of(orphan).filter(ProcessHandle::isAlive))
          .as("the orphaned server was stopped")
          .isEmpty();
      HttpResponse<String> booking = second.get("/api/bookings/" + bookingId);
      assertThat(booking.statusCode()).isEqualTo(200);
      assertThat(booking.body()).contains(reference);
      assertThat(postmasterPid()).isPresent().get().isNotEqualTo(orphan);
    }
  }

  private long book(AppProcess app) throws Exception {
    String property =
        app.postJson(
                "/api/properties",
                """
                {"code": "crash-%s", "name": "Casa Crash", "timeZone": "Europe/Rome",
                 "defaultLanguage": "en", "languages": ["en"], "contactEmail": "ciao@crash.example",
                 "address": "Via Roma 1"}
                """
                    .formatted(UUID.randomUUID()))
            .body();
    long propertyId = id(property);
    LocalDate arrival = LocalDate.now().plusDays(20);
    HttpResponse<String> booking =
        app.postJson(
            "/api/bookings",
            """
            {"propertyId": %d, "externalReference": "%s", "sourceChannel": "direct",
             "arrivalDate": "%s", "departureDate": "%s", "partySize": 2,
             "guest": {"fullName": "Carla Crash", "email": "carla-%s@example.com",
                       "preferredLanguage": "en"}}
            """
                .formatted(propertyId, reference, arrival, arrival.plusDays(2), UUID.randomUUID()));
    assertThat(booking.statusCode()).as(booking.body()).isEqualTo(201);
    return id(booking.body());
  }

  private static long id(String json) {
    Matcher m = Pattern.compile("\"id\"\\s*:\\s*(\\d+)").matcher(json);
    assertThat(m.find()).as(json).isTrue();
    return Long.parseLong(m.group(1));
  }

  private Optional<Long> postmasterPid() throws Exception {
    Path pidFile = dataDirectory.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return Optional.empty();
    }
    return Optional.of(Long.parseLong(Files.readAllLines(pidFile).getFirst().trim()));
  }

  @AfterEach
  void stopWhatThisTestLeftRunning() throws Exception {
    // never leave a database behind, whatever failed above
    for (Optional<Long> pid : new Optional[] {Optional.ofNullable(orphan), postmasterPid()}) {
      pid.flatMap(ProcessHandle::of)
          .filter(ProcessHandle::isAlive)
          .ifPresent(ProcessHandle::destroy);
    }
  }
}
