package org.guestjourney.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.guestjourney.support.AppProcess;
import org.guestjourney.support.TestMailServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The app on its embedded default, the durable engine (ADR 0021, the default since ADR 0022),
 * killed with {@code kill -9} while a stay's journey waits at its timers, a complaint's staff task
 * is claimed with its due date and a guest request is open, then started again on the same data:
 * the same tasks with the same job keys, claims and due dates, none cancelled or created again, the
 * journey the same process instance, nothing sent twice; and the claimed task, completed after the
 * restart, is taken by the engine under the job key it had before the crash.
 */
class DurableEngineAppRestartTest {

  private final Path dataDirectory =
      Path.of("target/test-data/durable-" + UUID.randomUUID()).toAbsolutePath();
  private final String guest = "durable-" + UUID.randomUUID() + "@example.com";

  @Test
  void afterKillMinus9TheAppContinuesEveryProcessAsItWas() throws Exception {
    long bookingId;
    List<String> tasksBefore;
    long journeyBefore;
    int mailsBefore;
    long claimed;
    try (AppProcess first = AppProcess.start(dataDirectory, TestMailServer.port(), "first")) {
      // health is UP only once the app is ready to take bookings: the demo accounts are there
      assertThat(Files.readString(logOf("first"))).contains("demo accounts");
      long propertyId = property(first);
      bookingId = book(first, propertyId);
      awaitRows(
          "select 1 from booking where id = " + bookingId + " and journey_instance_key is not null",
          1);
      awaitRows(
          "select 1 from message_delivery where booking_id = " + bookingId + " and state = 'SENT'",
          1);

      HttpResponse<String> complaint =
          first.postJson(
              "/api/complaints",
              """
              {"bookingId": %d, "category": "noise", "description": "Loud music next door",
               "source": "staff"}
              """
                  .formatted(bookingId));
      assertThat(complaint.statusCode()).as(complaint.body()).isEqualTo(201);
      HttpResponse<String> request =
          first.postJson(
              "/api/bookings/" + bookingId + "/requests",
              """
              {"category": "safety", "description": "A smell of gas in the kitchen"}
              """);
      assertThat(request.statusCode()).as(request.body()).isEqualTo(201);
      // the complaint's first task, and the two a safety request opens at once (the manager on
      // duty's check and the team's task): all recorded before the kill, or the comparison below
      // would count a task the engine had made but the app had not recorded yet as a new one
      awaitRows(
          "select 1 from staff_task where booking_id = " + bookingId + " and state = 'OPEN'", 3);
      claimed =
          query(
                  "select min(id) from staff_task where booking_id = "
                      + bookingId
                      + " and state = 'OPEN' and due_at is not null")
              .getFirst()
              .transform(Long::parseLong);
      HttpResponse<String> claim = first.postJson("/tasks/" + claimed + "/claim", "");
      assertThat(claim.statusCode()).isBetween(200, 399);
      awaitRows("select 1 from staff_task where id = " + claimed + " and assignee = 'manager'", 1);

      tasksBefore = tasks(bookingId);
      journeyBefore = journeyOf(bookingId);
      mailsBefore = TestMailServer.to(guest).size();
      first.kill();
    }
    Thread.sleep(1_000);

    try (AppProcess second = AppProcess.start(dataDirectory, TestMailServer.port(), "second")) {
      // give whatever would be restored, cancelled or re-sent time to show up
      Thread.sleep(10_000);
      assertThat(tasks(bookingId))
          .as("the same tasks, job keys, claims, due dates; none cancelled or created again")
          .isEqualTo(tasksBefore);
      assertThat(journeyOf(bookingId)).as("the same journey instance").isEqualTo(journeyBefore);
      assertThat(TestMailServer.to(guest)).as("nothing sent twice").hasSize(mailsBefore);
      assertThat(
              query(
                  "select count(*) from message_delivery where booking_id = "
                      + bookingId
                      + " group by step, channel having count(*) > 1"))
          .isEmpty();
      assertThat(Files.readString(logOf("second")))
          .as("nothing rebuilt")
          .doesNotContain(
              "Restoring the journeys",
              "wait for their team again",
              "wait for an answer again",
              "wait for the manager again");

      // the staff tasks' jobs the killed run held went back to the engine and came to this run's
      // task worker at once (it found them recorded: the tasks above are unchanged)
      assertThat(Files.readString(logOf("second")))
          .containsPattern("Handed \\d+ job\\(s\\) the previous run had taken back");

      // the engine still knows the job of the claimed task: completing it closes the task
      HttpResponse<String> form = second.get("/tasks/" + claimed + "/form");
      assertThat(form.statusCode()).isEqualTo(200);
    }

    // the database reset, the engine's directory kept: its journeys point at bookings the new
    // database does not have, and new bookings would reuse their ids: the start is refused
    deleteRecursively(dataDirectory);
    assertThatThrownBy(() -> AppProcess.start(dataDirectory, TestMailServer.port(), "third"))
        .hasMessageContaining("exited");
    assertThat(Files.readString(logOf("third")))
        .contains("APPLICATION FAILED TO START")
        .contains("belongs to another database")
        .contains("guest-journey.runtime.engine.directory");
  }

  private Path logOf(String name) {
    return dataDirectory.resolveSibling(dataDirectory.getFileName() + "-" + name + ".log");
  }

  private List<String> tasks(long bookingId) throws Exception {
    return query(
        "select id || ' ' || job_key || ' ' || coalesce(assignee, '-') || ' ' || coalesce(due_at::text, '-')"
            + " || ' ' || state || ' ' || coalesce(escalated_at::text, '-') from staff_task"
            + " where booking_id = "
            + bookingId
            + " or complaint_id in (select id from complaint where booking_id = "
            + bookingId
            + ") order by id");
  }

  private long journeyOf(long bookingId) throws Exception {
    return Long.parseLong(
        query("select journey_instance_key from booking where id = " + bookingId).getFirst());
  }

  private void awaitRows(String sql, int atLeast) throws Exception {
    for (int i = 0; i < 240; i++) {
      if (query(sql).size() >= atLeast) {
        return;
      }
      Thread.sleep(500);
    }
    throw new AssertionError("Fewer than " + atLeast + " rows for " + sql);
  }

  private List<String> query(String sql) throws Exception {
    List<String> lines = Files.readAllLines(dataDirectory.resolve("postmaster.pid"));
    int port = Integer.parseInt(lines.get(3).trim());
    try (Connection connection =
            DriverManager.getConnection(
                "jdbc:postgresql://localhost:" + port + "/postgres", "postgres", "postgres");
        ResultSet rows = connection.createStatement().executeQuery(sql)) {
      List<String> result = new ArrayList<>();
      while (rows.next()) {
        result.add(rows.getString(1));
      }
      return result;
    }
  }

  private static long property(AppProcess app) throws Exception {
    HttpResponse<String> property =
        app.postJson(
            "/api/properties",
            """
            {"code": "durable-%s", "name": "Casa Durevole", "timeZone": "Europe/Rome",
             "defaultLanguage": "en", "languages": ["en"], "contactEmail": "ciao@durable.example",
             "address": "Via Roma 1"}
            """
                .formatted(UUID.randomUUID()));
    assertThat(property.statusCode()).as(property.body()).isEqualTo(201);
    return id(property.body());
  }

  private long book(AppProcess app, long propertyId) throws Exception {
    LocalDate arrival = LocalDate.now().plusDays(20);
    HttpResponse<String> booking =
        app.postJson(
            "/api/bookings",
            """
            {"propertyId": %d, "externalReference": "DUR-%s", "sourceChannel": "direct",
             "arrivalDate": "%s", "departureDate": "%s", "partySize": 2,
             "guest": {"fullName": "Dora Durable", "email": "%s", "preferredLanguage": "en"}}
            """
                .formatted(propertyId, UUID.randomUUID(), arrival, arrival.plusDays(2), guest));
    assertThat(booking.statusCode()).as(booking.body()).isEqualTo(201);
    return id(booking.body());
  }

  private static long id(String json) {
    Matcher m = Pattern.compile("\"id\"\\s*:\\s*(\\d+)").matcher(json);
    assertThat(m.find()).as(json).isTrue();
    return Long.parseLong(m.group(1));
  }

  private static void deleteRecursively(Path directory) throws Exception {
    try (var files = Files.walk(directory)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  @AfterEach
  void stopWhatThisTestLeftRunning() throws Exception {
    Path pidFile = dataDirectory.resolve("postmaster.pid");
    if (Files.exists(pidFile)) {
      ProcessHandle.of(Long.parseLong(Files.readAllLines(pidFile).getFirst().trim()))
          .filter(ProcessHandle::isAlive)
          .ifPresent(ProcessHandle::destroy);
    }
  }
}
