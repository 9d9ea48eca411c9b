package org.guestjourney.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.guestjourney.property.Property;
import org.guestjourney.support.JourneyIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * KPIs over a fixture of known stays, answers, complaints, tasks and messages, written straight
 * into the database; every expected value is worked out by hand in the comments.
 */
class KpiServiceTest extends JourneyIntegrationTest {

  @Autowired KpiService kpis;
  @Autowired JdbcClient jdbc;

  static final LocalDate FROM = LocalDate.parse("2030-05-01");
  static final LocalDate TO = LocalDate.parse("2030-05-31");
  static final Instant T = Instant.parse("2030-05-10T08:00:00Z");

  long guest;
  long property;

  long booking(String ref, String source, LocalDate departure, String status) {
    return jdbc.sql(
            """
            insert into booking (property_id, guest_id, external_reference, source_channel, arrival_date,
              departure_date, party_size, status, created_at, updated_at, journey_instance_key)
            values (?, ?, ?, ?, ?, ?, 2, ?, ?, ?, -1) returning id
            """)
        .params(
            property,
            guest,
            ref,
            source,
            departure.minusDays(2),
            departure,
            status,
            Timestamp.from(T),
            Timestamp.from(T))
        .query(Long.class)
        .single();
  }

  void survey(long booking, String answers) {
    jdbc.sql(
            """
            insert into survey_invitation (token_hash, booking_id, kind, language, expires_at, created_at, answered_at, answers)
            values (?, ?, 'SATISFACTION', 'en', ?, ?, ?, ?)
            """)
        .params(
            "hash-" + booking + "-" + System.nanoTime(),
            booking,
            Timestamp.from(T.plusSeconds(86400 * 14)),
            Timestamp.from(T),
            answers == null ? null : Timestamp.from(T),
            answers)
        .update();
  }

  void complaint(long booking, String category, String urgency) {
    jdbc.sql(
            """
            insert into complaint (booking_id, source, category, description, guest_in_house, urgency, status, created_at)
            values (?, 'staff', ?, 'x', true, ?, 'OPEN', ?)
            """)
        .params(booking, category, urgency, Timestamp.from(T))
        .update();
  }

  void task(long booking, Instant due, Instant completed) {
    jdbc.sql(
            """
            insert into staff_task (job_key, process_instance_key, element_instance_key, process_id, element_id, name,
              candidate_groups, due_at, booking_id, state, completed_at, created_at, updated_at)
            values (?, 1, 1, 'complaint', 'task_contact_guest', 'Contact guest', 'front-desk', ?, ?, 'COMPLETED', ?, ?, ?)
            """)
        .params(
            -System.nanoTime(),
            Timestamp.from(due),
            booking,
            Timestamp.from(completed),
            Timestamp.from(T),
            Timestamp.from(T))
        .update();
  }

  void message(long booking, String step, String channel, String state) {
    jdbc.sql(
            """
            insert into message_delivery (booking_id, step, idempotency_key, channel, planned_at, state, created_at, updated_at)
            values (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        .params(
            booking,
            step,
            "kpi/" + booking + "/" + step + "/" + System.nanoTime(),
            channel,
            Timestamp.from(T),
            state,
            Timestamp.from(T),
            Timestamp.from(T))
        .update();
  }

  @Test
  void computesEveryFigureFromTheRowsOfThePeriod() {
    fixture();

    Kpis k = kpis.compute(property, FROM, TO);

    assertFigures(k);
  }

  @Autowired org.springframework.boot.test.web.client.TestRestTemplate http;

  @Test
  void theManagerSeesTheFiguresAndDownloadsTheRowsOthersMayNot() {
    fixture();
    String query = "/kpis?property=" + property + "&from=" + FROM + "&to=" + TO;

    String page = http.withBasicAuth("manager", "manager").getForObject(query, String.class);
    assertThat(page)
        .contains("How the house is doing")
        .contains("67%")
        .contains("class=\"bar-fill\"");
    assertThat(
            http.withBasicAuth("frontdesk", "frontdesk")
                .getForEntity(query, String.class)
                .getStatusCode())
        .isEqualTo(org.springframework.http.HttpStatus.FORBIDDEN);

    String csv =
        http.withBasicAuth("manager", "manager")
            .getForObject(
                "/kpis/messages.csv?property=" + property + "&from=" + FROM + "&to=" + TO,
                String.class);
    assertThat(csv.lines())
        .hasSize(4)
        .first()
        .asString()
        .startsWith("booking_id,external_reference");
    assertThat(csv).contains("\"'=HYPERLINK(1)\"");
  }

  void fixture() {
    Property p = data.property("Europe/Rome", "en");
    property = p.id();
    guest =
        jdbc.sql(
                "insert into guest (full_name, email, preferred_language, created_at) values ('K', 'k@example.com', 'en', now()) returning id")
            .query(Long.class)
            .single();
    long b1 = booking("K1", "direct", LocalDate.parse("2030-05-12"), "CONFIRMED");
    long b2 = booking("K2", "booking.com", LocalDate.parse("2030-05-20"), "CONFIRMED");
    long b3 = booking("K3", "booking.com", LocalDate.parse("2030-05-31"), "CONFIRMED");
    long outside = booking("K4", "airbnb", LocalDate.parse("2030-06-01"), "CONFIRMED");
    long cancelled = booking("K5", "direct", LocalDate.parse("2030-05-15"), "CANCELLED");

    survey(
        b1,
        "{\"room\":\"5\",\"cleanliness\":\"4\",\"staff\":\"5\",\"services\":\"3\",\"value\":\"4\",\"recommend\":\"10\"}");
    survey(
        b2,
        "{\"room\":\"2\",\"cleanliness\":\"3\",\"staff\":\"4\",\"value\":\"3\",\"recommend\":\"6\"}");
    survey(b3, null);
    survey(outside, "{\"room\":\"1\",\"recommend\":\"0\"}");
    survey(cancelled, "{\"room\":\"1\",\"recommend\":\"0\"}");
    complaint(b2, "cleanliness", "urgent");
    complaint(b2, "room", "priority");
    complaint(outside, "noise", "urgent");
    task(b2, T.plusSeconds(3600), T.plusSeconds(1800)); // done 30 min before its deadline
    task(b2, T.plusSeconds(3600), T.plusSeconds(7200)); // done an hour late
    task(outside, T.plusSeconds(3600), T.plusSeconds(60));
    message(b1, "booking-confirmation", "EMAIL", "SENT");
    message(b1, "review-request", "EMAIL", "SENT");
    message(b3, "welcome", "SMS", "SKIPPED");
    message(outside, "review-request", "EMAIL", "SENT");
    jdbc.sql(
            "update message_delivery set reason = '=HYPERLINK(1)' where booking_id = ? and step = 'welcome'")
        .param(b3)
        .update();
  }

  void assertFigures(Kpis k) {
    // stays departing 1–31 May: K1, K2, K3 (K4 departs in June, K5 is cancelled)
    assertThat(k.bookings()).isEqualTo(3);
    assertThat(k.bookingsBySource()).isEqualTo(Map.of("direct", 1, "booking.com", 2));
    // surveys sent to K1, K2, K3; answered by K1 and K2: 2/3 = 0.67
    assertThat(k.surveysSent()).isEqualTo(3);
    assertThat(k.surveysAnswered()).isEqualTo(2);
    assertThat(k.responseRate()).isEqualTo(0.67);
    // room (5+2)/2 = 3.5, cleanliness (4+3)/2 = 3.5, staff (5+4)/2 = 4.5, services 3 (K1 only),
    // value (4+3)/2 = 3.5
    assertThat(k.averageScore())
        .isEqualTo(
            Map.of("room", 3.5, "cleanliness", 3.5, "staff", 4.5, "services", 3.0, "value", 3.5));
    // one promoter (10), one detractor (6): (1 - 1) / 2 = 0
    assertThat(k.nps()).isZero();
    // K2 is negative (room 2, recommend 6): 1/2
    assertThat(k.negativeFeedbackRate()).isEqualTo(0.5);
    assertThat(k.complaintsByCategory()).isEqualTo(Map.of("cleanliness", 1, "room", 1));
    assertThat(k.complaintsByUrgency()).isEqualTo(Map.of("urgent", 1, "priority", 1));
    // two tasks of K2 done, one before its deadline: 0.5
    assertThat(k.tasksDone()).isEqualTo(2);
    assertThat(k.tasksOnTimeRate()).isEqualTo(0.5);
    assertThat(k.messagesByChannelAndState()).isEqualTo(Map.of("email sent", 2, "sms skipped", 1));
    assertThat(k.reviewRequestsSent()).isEqualTo(1);
    assertThat(kpis.messageRows(property, FROM, TO)).hasSize(3);
  }
}
