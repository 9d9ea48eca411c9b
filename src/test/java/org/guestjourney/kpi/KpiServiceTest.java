package org.guestjourney.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
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
  @Autowired org.guestjourney.guest.GuestRepository guests;
  @Autowired org.guestjourney.privacy.ContactCipher cipher;

  static final LocalDate FROM = LocalDate.parse("2030-05-01");
  static final LocalDate TO = LocalDate.parse("2030-05-31");
  static final Instant T = Instant.parse("2030-05-10T08:00:00Z");
  // when the figures are asked for: deadlines before it have passed
  static final Instant NOW = T.plus(Duration.ofDays(1));

  long guest;
  long property;

  long booking(String ref, String source, LocalDate departure, String status) {
    return booking(ref, source, departure, status, guest);
  }

  long newGuest() {
    return guests.insert("K", data.uniqueEmail(), null, "en", null, null, Instant.now());
  }

  long booking(String ref, String source, LocalDate departure, String status, long guestId) {
    return jdbc.sql(
            """
            insert into booking (property_id, guest_id, external_reference, source_channel, arrival_date,
              departure_date, party_size, status, created_at, updated_at, journey_instance_key)
            values (?, ?, ?, ?, ?, ?, 2, ?, ?, ?, -1) returning id
            """)
        .params(
            property,
            guestId,
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

  long complaint(long booking, String category, String urgency) {
    return complaint(booking, category, urgency, null, null);
  }

  /** A complaint raised at T with its acknowledgement and resolution deadlines. */
  long complaint(
      long booking, String category, String urgency, Instant acknowledgeDue, Instant resolveDue) {
    return jdbc.sql(
            """
            insert into complaint (booking_id, source, category, description, guest_in_house, urgency, status, created_at,
              acknowledge_due_at, resolve_due_at)
            values (?, 'staff', ?, 'x', true, ?, 'OPEN', ?, ?, ?) returning id
            """)
        .params(
            booking,
            category,
            urgency,
            Timestamp.from(T),
            acknowledgeDue == null ? null : Timestamp.from(acknowledgeDue),
            resolveDue == null ? null : Timestamp.from(resolveDue))
        .query(Long.class)
        .single();
  }

  /** The complaint's "contact guest" task: claimed (or not), completed (or not yet). */
  void contactGuestTask(
      long booking, long complaintId, Instant due, Instant claimed, Instant completed) {
    jdbc.sql(
            """
            insert into staff_task (job_key, process_instance_key, element_instance_key, process_id, element_id, task_kind, name,
              candidate_groups, due_at, booking_id, complaint_id, state, claimed_at, completed_at, created_at, updated_at)
            values (?, 1, 1, 'complaint', 'task_contact_guest', 'resolve-complaint', 'Contact guest', 'front-desk', ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        .params(
            -System.nanoTime(),
            Timestamp.from(due),
            booking,
            complaintId,
            completed == null ? "OPEN" : "COMPLETED",
            claimed == null ? null : Timestamp.from(claimed),
            completed == null ? null : Timestamp.from(completed),
            Timestamp.from(T),
            Timestamp.from(T))
        .update();
  }

  void inquiry(Instant received, Instant due, Instant answered) {
    jdbc.sql(
            """
            insert into inquiry (property_id, full_name, email, preferred_language, message, status,
              answer_due_at, answered_at, received_at)
            values (?, ?, ?, 'en', 'Free on 3 June?', ?, ?, ?, ?)
            """)
        .params(
            property,
            cipher.encrypt("Q"),
            cipher.encrypt("q@example.com"),
            answered == null ? "OPEN" : "ANSWERED",
            Timestamp.from(due),
            answered == null ? null : Timestamp.from(answered),
            Timestamp.from(received))
        .update();
  }

  void feedback(long booking, long complaintId, String type, boolean suggestion, boolean adopted) {
    jdbc.sql(
            """
            insert into feedback (booking_id, source, complaint_id, text, type, urgency, suggestion, classified_by,
              adopted_at, adopted_by, created_at, updated_at)
            values (?, 'complaint', ?, 'words', ?, 'latent', ?, 'rules', ?, ?, ?, ?)
            """)
        .params(
            booking,
            complaintId,
            type,
            suggestion,
            adopted ? Timestamp.from(T) : null,
            adopted ? "manager" : null,
            Timestamp.from(T),
            Timestamp.from(T))
        .update();
  }

  void task(long booking, Instant due, Instant completed) {
    jdbc.sql(
            """
            insert into staff_task (job_key, process_instance_key, element_instance_key, process_id, element_id, task_kind, name,
              candidate_groups, due_at, booking_id, state, completed_at, created_at, updated_at)
            values (?, 1, 1, 'complaint', 'task_contact_guest', 'resolve-complaint', 'Contact guest', 'front-desk', ?, ?, 'COMPLETED', ?, ?, ?)
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

    Kpis k = kpis.compute(property, FROM, TO, NOW);

    assertFigures(k);
  }

  @Autowired org.springframework.boot.test.web.client.TestRestTemplate http;

  @Test
  void openTasksPastTheirDeadlineCountAgainstOnTimeAndNpsShowsItsSampleSize() {
    fixture();
    long k2 =
        jdbc.sql("select id from booking where property_id = ? and external_reference = 'K2'")
            .param(property)
            .query(Long.class)
            .single();
    // still open an hour after its deadline when the figures are asked for
    jdbc.sql(
            """
            insert into staff_task (job_key, process_instance_key, element_instance_key, process_id, element_id, task_kind, name,
              candidate_groups, due_at, booking_id, state, created_at, updated_at)
            values (?, 1, 1, 'guest-request', 'task_handle_guest_request', 'handle-guest-request', 'Handle guest request', 'housekeeping', ?, ?, 'OPEN', ?, ?)
            """)
        .params(
            -System.nanoTime(),
            java.sql.Timestamp.from(NOW.minusSeconds(3600)),
            k2,
            java.sql.Timestamp.from(T),
            java.sql.Timestamp.from(T))
        .update();

    Kpis k = kpis.compute(property, FROM, TO, NOW);

    // 2 of the 4 completed tasks were on time; the open overdue one is late: 2 of 5
    assertThat(k.tasksDone()).isEqualTo(4);
    assertThat(k.tasksOpenOverdue()).isEqualTo(1);
    assertThat(k.tasksOnTimeRate()).isEqualTo(0.4);
    // NPS 0 from K1's and K2's answers
    assertThat(k.nps()).isZero();
    assertThat(k.npsAnswers()).isEqualTo(2);

    String page =
        org.guestjourney.support.SignedIn.as(http, "manager", "manager")
            .getForObject(
                "/kpis?property=" + property + "&from=" + FROM + "&to=" + TO, String.class);
    assertThat(page.replaceAll("<[^>]+>", "").replaceAll("\\s+", " "))
        .contains("from 2 answers: too few to read much into")
        // the page asks at the app's clock (before 2030): that task's deadline is still ahead
        .contains("of 4 completed tasks with a deadline and 0 still open past it");
  }

  @Test
  void aReversedPeriodIsRefusedInWordsNotShownAsZeros() {
    fixture();
    var manager = org.guestjourney.support.SignedIn.as(http, "manager", "manager");
    String page =
        manager.getForObject(
            "/kpis?property=" + property + "&from=" + TO + "&to=" + FROM, String.class);
    assertThat(page)
        .contains("data-testid=\"problem\"")
        .contains("The start date (2030-05-31) is after the end date (2030-05-01)")
        .doesNotContain("data-testid=\"tasks-on-time\"");
    assertThat(
            org.assertj.core.api.Assertions.catchThrowableOfType(
                    org.guestjourney.web.InvalidRequestException.class,
                    () -> kpis.compute(property, TO, FROM, NOW))
                .violations()
                .getFirst()
                .field())
        .isEqualTo("from");
    var rows =
        manager.getForEntity(
            "/kpis/rows/tasks?property=" + property + "&from=" + TO + "&to=" + FROM, String.class);
    assertThat(rows.getStatusCode().value()).isEqualTo(400);
    assertThat(rows.getBody()).contains("is after the end");
  }

  @Test
  void theRowsPageLabelsItsColumnsAndShowsTimesInTheHousesZone() {
    fixture();
    String page =
        org.guestjourney.support.SignedIn.as(http, "manager", "manager")
            .getForObject(
                "/kpis/rows/tasks?property=" + property + "&from=" + FROM + "&to=" + TO,
                String.class);
    assertThat(page)
        .contains("<th scope=\"col\">Task</th>")
        .contains("Due (Europe/Rome time)")
        .contains("10 May 2030 11:00") // T + 1 h = 09:00 UTC = 11:00 in Rome (summer time)
        .doesNotContain(">task_id<")
        .doesNotContain(">process_id<")
        .doesNotContain(">due_at<");
  }

  @Test
  void theManagerSeesTheFiguresAndDownloadsTheRowsOthersMayNot() {
    fixture();
    String query = "/kpis?property=" + property + "&from=" + FROM + "&to=" + TO;

    String page =
        org.guestjourney.support.SignedIn.as(http, "manager", "manager")
            .getForObject(query, String.class);
    assertThat(page)
        .contains("How the house is doing")
        .contains("67%")
        .contains("class=\"bar-fill\"");
    assertThat(
            org.guestjourney.support.SignedIn.as(http, "frontdesk", "frontdesk")
                .getForEntity(query, String.class)
                .getStatusCode())
        .isEqualTo(org.springframework.http.HttpStatus.FORBIDDEN);

    String csv =
        org.guestjourney.support.SignedIn.as(http, "manager", "manager")
            .getForObject(
                "/kpis/messages.csv?property=" + property + "&from=" + FROM + "&to=" + TO,
                String.class);
    assertThat(csv.lines())
        .as("a header and the six messages of the period's stays")
        .hasSize(7)
        .first()
        .asString()
        .startsWith("booking_id,external_reference");
    assertThat(csv).contains("\"'=HYPERLINK(1)\"");

    // every figure's rows: as a page and as CSV
    String range = "?property=" + property + "&from=" + FROM + "&to=" + TO;
    assertThat(page)
        .contains("/kpis/rows/complaints" + range.replace("&", "&amp;"))
        .contains("/kpis/feedback.csv" + range.replace("&", "&amp;"))
        .contains("<polyline");
    String complaintsCsv =
        org.guestjourney.support.SignedIn.as(http, "manager", "manager")
            .getForObject("/kpis/complaints.csv" + range, String.class);
    assertThat(complaintsCsv.lines()).hasSize(4); // header + c1, c2, c3
    assertThat(complaintsCsv.lines().findFirst().orElseThrow())
        .contains("acknowledge_due_at")
        .contains("acknowledged_at")
        .contains("resolved_at");
    assertThat(
            org.guestjourney.support.SignedIn.as(http, "manager", "manager")
                .getForObject("/kpis/surveys.csv" + range, String.class)
                .lines())
        .hasSize(4); // header + K1, K2, K3
    assertThat(
            org.guestjourney.support.SignedIn.as(http, "manager", "manager")
                .getForObject("/kpis/rows/feedback" + range, String.class))
        .contains("data-testid=\"rows\"")
        .contains("breakfast");
    assertThat(
            org.guestjourney.support.SignedIn.as(http, "frontdesk", "frontdesk")
                .getForEntity("/kpis/tasks.csv" + range, String.class)
                .getStatusCode())
        .isEqualTo(org.springframework.http.HttpStatus.FORBIDDEN);
  }

  void fixture() {
    Property p = data.property("Europe/Rome", "en");
    property = p.id();
    guest = newGuest();
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
    // K0 departed in April (the trend's previous month), a guest of their own
    long b0 = booking("K0", "direct", LocalDate.parse("2030-04-15"), "CONFIRMED", newGuest());
    survey(
        b0,
        "{\"room\":\"4\",\"cleanliness\":\"4\",\"staff\":\"4\",\"value\":\"4\",\"recommend\":\"9\"}");
    // K2's guest is someone else; K1 and K3 are the same guest (K3 is their second stay)
    jdbc.sql("update booking set guest_id = ? where id = ?").params(newGuest(), b2).update();
    // K3's guest typed answers but never sent them: a draft, not an answer
    jdbc.sql("update survey_invitation set draft = '{\"room\":\"1\"}' where booking_id = ?")
        .param(b3)
        .update();

    long minutes = 60;
    long c1 =
        complaint(
            b2, "cleanliness", "urgent", T.plusSeconds(15 * minutes), T.plusSeconds(60 * minutes));
    // claimed after 10 min (acknowledged in time), solved after 2 h (resolved late)
    contactGuestTask(
        b2, c1, T.plusSeconds(60 * minutes), T.plusSeconds(10 * minutes), T.plusSeconds(7200));
    long c2 =
        complaint(b2, "room", "priority", T.plusSeconds(4 * 3600), T.plus(Duration.ofDays(1)));
    // never claimed, solved after 5 h: acknowledged late (4 h), resolved in time (1 day)
    contactGuestTask(b2, c2, T.plus(Duration.ofDays(1)), null, T.plusSeconds(5 * 3600));
    long c3 =
        complaint(b3, "noise", "urgent", T.plusSeconds(15 * minutes), T.plus(Duration.ofDays(2)));
    // nobody has taken it: the acknowledgement deadline passed, the resolution one has not
    contactGuestTask(b3, c3, T.plus(Duration.ofDays(2)), null, null);
    long c4 = complaint(outside, "noise", "urgent");

    feedback(b1, c1, "breakfast", true, true);
    feedback(b2, c2, "room", true, false);
    feedback(b3, c3, "noise", false, false);
    feedback(outside, c4, "noise", true, true);

    Instant hour = T.plusSeconds(3600);
    inquiry(T, hour, T.plusSeconds(1800)); // answered in time
    inquiry(T, hour, T.plusSeconds(3 * 3600)); // answered late
    inquiry(T, hour, null); // not answered, deadline passed
    inquiry(T.plusSeconds(23 * 3600), T.plus(Duration.ofDays(2)), null); // deadline still ahead
    inquiry(Instant.parse("2030-06-02T08:00:00Z"), Instant.parse("2030-06-02T09:00:00Z"), null);
    task(b2, T.plusSeconds(3600), T.plusSeconds(1800)); // done 30 min before its deadline
    task(b2, T.plusSeconds(3600), T.plusSeconds(7200)); // done an hour late
    task(outside, T.plusSeconds(3600), T.plusSeconds(60));
    message(b1, "booking-confirmation", "EMAIL", "SENT");
    message(b1, "review-request", "EMAIL", "SENT");
    message(b3, "welcome", "SMS", "SKIPPED");
    message(b3, "booking-confirmation", "SMS", "SENT");
    message(b2, "booking-confirmation", "WHATSAPP", "SENT");
    message(b2, "check-in-guide", "WHATSAPP", "SENT");
    message(outside, "review-request", "EMAIL", "SENT");
    // receipts: K3's SMS was delivered, K2's guide never reached WhatsApp
    jdbc.sql(
            "update message_delivery set provider_status = 'DELIVERED' where booking_id = ? and channel = 'SMS' and state = 'SENT'")
        .param(b3)
        .update();
    jdbc.sql(
            "update message_delivery set provider_status = 'UNDELIVERED' where booking_id = ? and step = 'check-in-guide'")
        .param(b2)
        .update();
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
    assertThat(k.complaintsByCategory()).isEqualTo(Map.of("cleanliness", 1, "room", 1, "noise", 1));
    assertThat(k.complaintsByUrgency()).isEqualTo(Map.of("urgent", 2, "priority", 1));
    // K2's two plain tasks (one on time, one late), c1's task (done 2 h after its 1 h deadline)
    // and c2's (done after 5 h, due in a day); c3's is still open: 2 of 4
    assertThat(k.tasksDone()).isEqualTo(4);
    assertThat(k.tasksOnTimeRate()).isEqualTo(0.5);
    // inquiries received in May: in time, late, unanswered past its deadline count; the one whose
    // deadline is still ahead does not, nor the one received in June: 1 of 3
    assertThat(k.inquiriesAnsweredInTime()).isEqualTo(new Kpis.Share(1, 3, 0.33));
    // acknowledged: c1 claimed after 10 min of 15 (yes), c2 done after 5 h of 4 (no), c3 nobody
    // and its 15 min are over (no): 1 of 3
    assertThat(k.complaintsAcknowledgedInTime()).isEqualTo(new Kpis.Share(1, 3, 0.33));
    // resolved: c1 after 2 h of 1 h (no), c2 after 5 h of a day (yes); c3's day is not over: 1 of 2
    assertThat(k.complaintsResolvedInTime()).isEqualTo(new Kpis.Share(1, 2, 0.5));
    // K3's guest stayed before (K1); K1's and K2's guests did not: 1 of 3
    assertThat(k.repeatStays()).isEqualTo(new Kpis.Share(1, 3, 0.33));
    // suggestions of the period's stays: K1's (adopted) and K2's (not); K4's is outside: 1 of 2
    assertThat(k.suggestionsAdopted()).isEqualTo(new Kpis.Share(1, 2, 0.5));
    assertThat(k.feedbackByType()).isEqualTo(Map.of("breakfast", 1, "room", 1, "noise", 1));
    // the trend: twelve months up to May 2030
    assertThat(k.trend()).hasSize(12);
    assertThat(k.trend().getFirst().month()).isEqualTo(LocalDate.parse("2029-06-01"));
    // April: K0 alone, every answer 4, recommends 9: average 4, NPS 100, 1 of 1 answered
    assertThat(k.trend().get(10))
        .isEqualTo(new Kpis.Month(LocalDate.parse("2030-04-01"), 1, 1, 4.0, 100, 1.0));
    // May: K1 5+4+5+3+4 and K2 2+3+4+3 = 33 over 9 answers = 3.67; NPS 0; 2 of 3
    assertThat(k.trend().get(11))
        .isEqualTo(new Kpis.Month(LocalDate.parse("2030-05-01"), 3, 2, 3.67, 0, 0.67));
    // months without stays have nothing to show
    assertThat(k.trend().get(0))
        .isEqualTo(new Kpis.Month(LocalDate.parse("2029-06-01"), 0, 0, null, null, null));
    // each message once by its outcome: K1's two e-mails (no receipt), K3's SMS delivered and its
    // welcome skipped, K2's WhatsApp confirmation without receipt and its guide undelivered
    assertThat(k.messagesByChannelAndState())
        .isEqualTo(
            Map.of(
                "email sent", 2,
                "sms delivered", 1,
                "sms skipped", 1,
                "whatsapp sent", 1,
                "whatsapp failed", 1));
    assertThat(k.reviewRequestsSent()).isEqualTo(1);
    assertThat(kpis.messageRows(property, FROM, TO)).hasSize(6);
  }
}
