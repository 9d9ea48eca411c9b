package org.guestjourney.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.guestjourney.booking.Booking;
import org.guestjourney.property.Property;
import org.guestjourney.support.JourneyIntegrationTest;
import org.guestjourney.support.PageForms;
import org.guestjourney.support.SignedIn;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A manager exports and erases a guest; the retention rule erases old stays by itself. */
class GuestPrivacyTest extends JourneyIntegrationTest {

  @Autowired TestRestTemplate anonymous;
  @Autowired JdbcClient jdbc;
  @Autowired GuestPrivacyService privacy;

  private long count(String sql, Object... params) {
    return jdbc.sql(sql).params(params).query(Long.class).single();
  }

  @Test
  void aManagerExportsEverythingAboutAGuestThenErasesThem() {
    Property house = data.property("Europe/Rome", "en");
    String email = data.uniqueEmail();
    Booking booking = data.bookArrivingIn(house, 20, email);
    TestRestTemplate api = SignedIn.withKey(anonymous, data.writeKey(house));
    api.postForEntity(
        "/api/complaints",
        Map.of(
            "bookingId",
            booking.id(),
            "category",
            "facilities",
            "description",
            "The shower of Anna is broken",
            "source",
            "staff"),
        String.class);
    long guestId = booking.guestId();
    long messages =
        count("select count(*) from message_delivery where booking_id = ?", booking.id());
    assertThat(messages).isPositive();

    TestRestTemplate manager = SignedIn.as(anonymous, "manager");
    assertThat(manager.getForObject("/privacy?q=" + email, String.class))
        .contains("data-guest=\"" + guestId + "\"");
    ResponseEntity<String> export =
        manager.getForEntity("/privacy/guests/" + guestId + "/export", String.class);
    assertThat(export.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(export.getBody())
        .contains(email)
        .contains("Anna Test")
        .contains("The shower of Anna is broken")
        .contains("\"bookings\"")
        .contains("\"messages\"");
    assertThat(
            SignedIn.as(anonymous, "frontdesk")
                .getForEntity("/privacy/guests/" + guestId + "/export", String.class)
                .getStatusCode())
        .as("front desk exports nothing")
        .isEqualTo(HttpStatus.FORBIDDEN);

    PageForms.submit(
        manager, "/privacy", "/privacy/guests/" + guestId + "/erase", Map.of("confirm", "erase"));

    // the database: nothing personal, counts kept, nothing left to send
    assertThat(
            jdbc.sql("select full_name, email, phone from guest where id = ?")
                .param(guestId)
                .query()
                .singleRow())
        .containsEntry("full_name", "[erased]")
        .containsEntry("email", null)
        .containsEntry("phone", null);
    assertThat(
            count(
                "select count(*) from complaint where booking_id = ? and description like '%Anna%'",
                booking.id()))
        .isZero();
    assertThat(count("select count(*) from message_delivery where booking_id = ?", booking.id()))
        .isEqualTo(messages);
    assertThat(
            count(
                "select count(*) from message_delivery where booking_id = ?"
                    + " and (body is not null or recipient is not null or state = 'SCHEDULED')",
                booking.id()))
        .isZero();
    // the pages and the export
    assertThat(manager.getForObject("/bookings/" + booking.id(), String.class))
        .doesNotContain(email)
        .doesNotContain("Anna Test");
    assertThat(manager.getForObject("/privacy/guests/" + guestId + "/export", String.class))
        .doesNotContain(email)
        .doesNotContain("shower");
    // the engine: no variable of any journey holds the guest's contact or what was written
    assertThat(engine.allVariables())
        .noneMatch(v -> v.contains(email))
        .noneMatch(v -> v.contains("Anna Test"))
        .noneMatch(v -> v.contains("shower"));
    // and the audit says who did it
    assertThat(
            count(
                "select count(*) from audit_event where actor = 'manager' and subject = 'guest'"
                    + " and subject_id = ? and action = 'EXPORT'",
                guestId))
        .isEqualTo(2);
    assertThat(
            count(
                "select count(*) from audit_event where actor = 'manager' and subject = 'guest'"
                    + " and subject_id = ? and action = 'ERASE'",
                guestId))
        .isOne();
  }

  @Test
  void retentionErasesGuestsWhoseStayEndedLongerAgoAndKeepsTheOthers() {
    Property keeping = data.property("Europe/Rome", "en");
    Property forgetting = data.property("Europe/Rome", "en");
    privacy.setRetention(forgetting.id(), 1);
    Booking old = data.bookArrivingIn(forgetting, 20, data.uniqueEmail());
    Booking recent = data.bookArrivingIn(forgetting, 20, data.uniqueEmail());
    Booking kept = data.bookArrivingIn(keeping, 20, data.uniqueEmail());
    // the stays of two guests ended two months ago (set up directly: bookings cannot be made late)
    for (long id : new long[] {old.id(), kept.id()}) {
      jdbc.sql(
              "update booking set arrival_date = current_date - 65, departure_date = current_date - 62"
                  + " where id = ?")
          .param(id)
          .update();
    }

    privacy.eraseExpired();

    assertThat(count("select count(*) from guest where id = ? and email is null", old.guestId()))
        .isOne();
    assertThat(count("select count(*) from guest where id = ? and email is null", recent.guestId()))
        .as("still to come")
        .isZero();
    assertThat(count("select count(*) from guest where id = ? and email is null", kept.guestId()))
        .as("a property without retention keeps its guests")
        .isZero();
  }
}
