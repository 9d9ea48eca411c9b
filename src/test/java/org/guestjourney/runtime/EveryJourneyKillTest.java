package org.guestjourney.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.mail.internet.MimeMessage;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.guestjourney.support.AppProcess;
import org.guestjourney.support.Mails;
import org.guestjourney.support.TestMailServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The app on its embedded default (durable engine, ADR 0022), in its own JVM, killed with {@code
 * kill -9} in the middle of every journey kind, then started again on the same data:
 *
 * <ul>
 *   <li>a pre-arrival journey waiting on its timers;
 *   <li>an in-stay journey with a guest request whose team task is open and claimed;
 *   <li>an open complaint with its deadlines (escalations) pending;
 *   <li>a post-stay journey whose satisfaction survey was answered before the crash;
 *   <li>an inquiry waiting for its answer.
 * </ul>
 *
 * While the app is down its clock moves past the next planned message (plus two hours). After the
 * start: the same process instances and the same staff tasks (ids, job keys, claims, due dates),
 * none cancelled; every e-mail the SMTP sink received matches exactly one sent delivery (nothing
 * sent twice); the message that fell due while down is skipped as stale; and the survey reminder is
 * not sent for the answered survey. Two app starts and a simulated week: tagged {@code faults} (run
 * with {@code -Pfaults}).
 */
@Tag("faults")
class EveryJourneyKillTest {

  private static final ZoneId ROME = ZoneId.of("Europe/Rome");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dataDirectory =
      Path.of("target/test-data/kill-every-" + UUID.randomUUID()).toAbsolutePath();
  private final String id = UUID.randomUUID().toString().substring(0, 8);
  private final String preArrivalGuest = "pre-" + id + "@example.com";
  private final String inStayGuest = "stay-" + id + "@example.com";
  private final String postStayGuest = "post-" + id + "@example.com";

  @Test
  void everyJourneyContinuesWhereItWasAfterKillMinus9() throws Exception {
    long preArrival;
    long inStay;
    long postStay;
    List<String> tasksBefore;
    List<String> processesBefore;
    List<String> cancelledBefore;
    String staleStep;
    long staleBooking;
    try (AppProcess first = AppProcess.start(dataDirectory, TestMailServer.port(), "first")) {
      long propertyId = property(first);
      LocalDate today = LocalDate.ofInstant(now(first), ROME);
      postStay = book(first, propertyId, today.plusDays(1), today.plusDays(2), postStayGuest);
      inStay = book(first, propertyId, today.plusDays(1), today.plusDays(8), inStayGuest);
      preArrival = book(first, propertyId, today.plusDays(30), today.plusDays(32), preArrivalGuest);
      for (long b : List.of(postStay, inStay, preArrival)) {
        awaitRows(
            "select 1 from booking where id = " + b + " and journey_instance_key is not null");
        awaitRows(
            "select 1 from message_delivery where booking_id = "
                + b
                + " and step = 'booking-confirmation' and state = 'SENT'");
      }

      // the post-stay guest left yesterday: their satisfaction survey went this morning
      Instant surveyDay =
          ZonedDateTime.of(today.plusDays(3), LocalTime.of(10, 30), ROME).toInstant();
      advance(first, Duration.between(now(first), surveyDay));
      awaitRows(
          "select 1 from message_delivery where booking_id = "
              + postStay
              + " and step = 'satisfaction-survey' and state in ('SENT', 'SKIPPED')");
      answerSatisfactionSurvey(first, lastSurveyLink(postStayGuest));
      awaitRows(
          "select 1 from survey_invitation where booking_id = "
              + postStay
              + " and kind = 'SATISFACTION' and answered_at is not null");

      // the in-stay guest asks for something (claimed by the manager) and complains
      HttpResponse<String> request =
          first.postJson(
              "/api/bookings/" + inStay + "/requests",
              """
              {"category": "cleanliness", "description": "Fresh towels, please"}
              """);
      assertThat(request.statusCode()).as(request.body()).isEqualTo(201);
      HttpResponse<String> complaint =
          first.postJson(
              "/api/complaints",
              """
              {"bookingId": %d, "category": "noise", "description": "Loud music next door",
               "source": "staff"}
              """
                  .formatted(inStay));
      assertThat(complaint.statusCode()).as(complaint.body()).isEqualTo(201);
      // someone asks before booking
      HttpResponse<String> inquiry =
          first.postJson(
              "/api/inquiries",
              """
              {"propertyId": %d, "fullName": "Ines Inquiry", "email": "ask-%s@example.com",
               "preferredLanguage": "en", "message": "Do you have a room with a view in May?"}
              """
                  .formatted(propertyId, id));
      assertThat(inquiry.statusCode()).as(inquiry.body()).isEqualTo(201);

      awaitRows("select 1 from staff_task where request_id is not null and state = 'OPEN'");
      awaitRows("select 1 from staff_task where complaint_id is not null and state = 'OPEN'");
      awaitRows(
          "select 1 from staff_task t join inquiry i on i.process_instance_key ="
              + " t.process_instance_key where t.state = 'OPEN'");
      long requestTask =
          Long.parseLong(
              query(
                      "select min(id) from staff_task where request_id is not null and state = 'OPEN'")
                  .getFirst());
      HttpResponse<String> claim = first.postJson("/tasks/" + requestTask + "/claim", "");
      assertThat(claim.statusCode()).isBetween(200, 399);
      awaitRows("select 1 from staff_task where id = " + requestTask + " and assignee = 'manager'");

      // the next message still to come (of the stays under way), to fall due while the app is down
      JsonNode next = null;
      for (long b : List.of(inStay, preArrival)) {
        for (JsonNode step : JSON.readTree(first.get("/api/bookings/" + b + "/plan").body())) {
          boolean ahead =
              step.hasNonNull("message")
                  && step.hasNonNull("at")
                  && !step.hasNonNull("condition")
                  && List.of("planned", "scheduled").contains(step.get("state").asText())
                  && Instant.parse(step.get("at").asText()).isAfter(now(first));
          if (ahead
              && (next == null
                  || Instant.parse(step.get("at").asText())
                      .isBefore(Instant.parse(next.get("at").asText())))) {
            next = step;
            ((com.fasterxml.jackson.databind.node.ObjectNode) next).put("booking", b);
          }
        }
      }
      assertThat(next).as("a message still to come").isNotNull();
      staleStep = next.get("message").asText();
      staleBooking = next.get("booking").asLong();
      Instant staleAt = Instant.parse(next.get("at").asText());

      tasksBefore = tasks();
      // tasks a journey itself closed before the crash (the arrival-time call once the guest came)
      cancelledBefore = query("select id from staff_task where state = 'CANCELLED' order by id");
      processesBefore = processes();
      assertThat(tasksBefore).hasSizeGreaterThanOrEqualTo(3);
      Instant appNow = now(first);
      first.kill();

      // down: the embedded PostgreSQL the killed app left running still answers; the app's clock
      // moves past that message's moment by two hours (more than the hour the stale rule allows)
      long millis = Duration.between(appNow, staleAt.plus(Duration.ofHours(2))).toMillis();
      update("update app_clock set offset_millis = offset_millis + " + millis + " where id = 1");
    }

    try (AppProcess second = AppProcess.start(dataDirectory, TestMailServer.port(), "second")) {
      // the message that fell due while the app was down is skipped as stale, not sent late
      awaitRows(
          "select 1 from message_delivery where booking_id = "
              + staleBooking
              + " and step = '"
              + staleStep
              + "' and state = 'SKIPPED' and reason like 'Stale%'");

      assertThat(processes()).as("the same process instances").isEqualTo(processesBefore);
      List<String> tasksAfter = tasks();
      assertThat(tasksAfter)
          .as("the same tasks with their job keys, claims and due dates; none cancelled")
          .containsAll(tasksBefore);
      assertThat(query("select id from staff_task where state = 'CANCELLED' order by id"))
          .as("no task cancelled by the restart")
          .isEqualTo(cancelledBefore);

      // a week goes by: the answered survey gets no reminder, and nothing goes twice
      advance(second, Duration.ofDays(7));
      assertThat(
              query(
                  "select id from message_delivery where booking_id = "
                      + postStay
                      + " and step = 'satisfaction-survey-reminder' and state = 'SENT'"))
          .as("no survey reminder for an answered survey")
          .isEmpty();
      assertThat(
              query(
                  "select booking_id || ' ' || step from message_delivery where state = 'SENT'"
                      + " group by booking_id, step, channel having count(*) > 1"))
          .as("no step sent twice")
          .isEmpty();
      for (var guest :
          Map.of(preArrival, preArrivalGuest, inStay, inStayGuest, postStay, postStayGuest)
              .entrySet()) {
        int sentByEmail =
            Integer.parseInt(
                query(
                        "select count(*) from message_delivery where booking_id = "
                            + guest.getKey()
                            + " and channel = 'EMAIL' and state = 'SENT'")
                    .getFirst());
        assertThat(TestMailServer.to(guest.getValue()))
            .as("each e-mail at the SMTP sink once, for one sent delivery: " + guest.getValue())
            .hasSize(sentByEmail);
      }
    }
  }

  private List<String> tasks() throws Exception {
    return query(
        "select id || ' ' || job_key || ' ' || coalesce(assignee, '-') || ' '"
            + " || coalesce(due_at::text, '-') || ' ' || state from staff_task order by id");
  }

  private List<String> processes() throws Exception {
    List<String> all = new ArrayList<>();
    all.addAll(query("select 'booking ' || id || ' ' || journey_instance_key from booking"));
    all.addAll(query("select 'complaint ' || id || ' ' || process_instance_key from complaint"));
    all.addAll(query("select 'request ' || id || ' ' || process_instance_key from guest_request"));
    all.addAll(query("select 'inquiry ' || id || ' ' || process_instance_key from inquiry"));
    all.sort(String::compareTo);
    return all;
  }

  private static Instant now(AppProcess app) throws Exception {
    HttpResponse<String> now = app.get("/api/time");
    assertThat(now.statusCode()).as(now.body()).isEqualTo(200);
    return Instant.parse(JSON.readTree(now.body()).get("now").asText());
  }

  private static void advance(AppProcess app, Duration by) throws Exception {
    HttpResponse<String> moved =
        app.postJson("/api/time/advance", "{\"by\": \"PT" + by.toSeconds() + "S\"}");
    assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
  }

  private static final Pattern LINK = Pattern.compile("http://[^/\"]+(/survey/[A-Za-z0-9_-]+)");

  private static String lastSurveyLink(String guest) throws Exception {
    String link = null;
    for (MimeMessage m : TestMailServer.to(guest)) {
      Matcher found = LINK.matcher(Mails.body(m));
      if (found.find()) {
        link = found.group(1);
      }
    }
    assertThat(link).as("a survey link in the mails to " + guest).isNotNull();
    return link;
  }

  /** As the guest's browser does: the page (session and CSRF token), then the answers as JSON. */
  private static void answerSatisfactionSurvey(AppProcess app, String path) throws Exception {
    HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    String base = "http://127.0.0.1:" + app.port();
    HttpResponse<String> page =
        browser.send(
            HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).isEqualTo(200);
    Matcher csrf = Pattern.compile("name=\"_csrf\" content=\"([^\"]+)\"").matcher(page.body());
    assertThat(csrf.find()).isTrue();
    String answers =
        JSON.writeValueAsString(
            Map.of(
                "data",
                Map.of(
                    "room",
                    "5",
                    "cleanliness",
                    "5",
                    "staff",
                    "5",
                    "value",
                    "4",
                    "recommend",
                    "9")));
    HttpResponse<String> answered =
        browser.send(
            HttpRequest.newBuilder(URI.create(base + path + "/answers"))
                .header("content-type", "application/json")
                .header("X-CSRF-TOKEN", csrf.group(1))
                .POST(HttpRequest.BodyPublishers.ofString(answers))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(answered.statusCode()).as(answered.body()).isEqualTo(204);
  }

  private long property(AppProcess app) throws Exception {
    HttpResponse<String> property =
        app.postJson(
            "/api/properties",
            """
            {"code": "kill-%s", "name": "Casa Resiliente", "timeZone": "Europe/Rome",
             "defaultLanguage": "en", "languages": ["en"], "contactEmail": "ciao@kill.example",
             "address": "Via Roma 1"}
            """
                .formatted(id));
    assertThat(property.statusCode()).as(property.body()).isEqualTo(201);
    return idOf(property.body());
  }

  private static long book(
      AppProcess app, long propertyId, LocalDate arrival, LocalDate departure, String guest)
      throws Exception {
    HttpResponse<String> booking =
        app.postJson(
            "/api/bookings",
            """
            {"propertyId": %d, "externalReference": "KILL-%s", "sourceChannel": "direct",
             "arrivalDate": "%s", "departureDate": "%s", "partySize": 2,
             "guest": {"fullName": "Kim Kill", "email": "%s", "preferredLanguage": "en"}}
            """
                .formatted(propertyId, UUID.randomUUID(), arrival, departure, guest));
    assertThat(booking.statusCode()).as(booking.body()).isEqualTo(201);
    return idOf(booking.body());
  }

  private static long idOf(String json) {
    Matcher m = Pattern.compile("\"id\"\\s*:\\s*(\\d+)").matcher(json);
    assertThat(m.find()).as(json).isTrue();
    return Long.parseLong(m.group(1));
  }

  private void awaitRows(String sql) throws Exception {
    for (int i = 0; i < 360; i++) {
      if (!query(sql).isEmpty()) {
        return;
      }
      Thread.sleep(500);
    }
    throw new AssertionError("No row for " + sql);
  }

  private Connection connect() throws Exception {
    List<String> lines = Files.readAllLines(dataDirectory.resolve("postmaster.pid"));
    int port = Integer.parseInt(lines.get(3).trim());
    return DriverManager.getConnection(
        "jdbc:postgresql://localhost:" + port + "/postgres", "postgres", "postgres");
  }

  private List<String> query(String sql) throws Exception {
    try (Connection connection = connect();
        ResultSet rows = connection.createStatement().executeQuery(sql)) {
      List<String> result = new ArrayList<>();
      while (rows.next()) {
        result.add(rows.getString(1));
      }
      return result;
    }
  }

  private void update(String sql) throws Exception {
    try (Connection connection = connect()) {
      connection.createStatement().executeUpdate(sql);
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
