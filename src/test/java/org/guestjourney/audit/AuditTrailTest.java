package org.guestjourney.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.guestjourney.booking.Booking;
import org.guestjourney.property.Property;
import org.guestjourney.support.JourneyIntegrationTest;
import org.guestjourney.support.SignedIn;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Who read a guest's data or changed something is written down, append-only, for managers. */
class AuditTrailTest extends JourneyIntegrationTest {

  @Autowired TestRestTemplate anonymous;
  @Autowired JdbcClient jdbc;
  @Autowired AuditLog audit;

  private List<AuditEvent> about(String subject, long id) {
    return audit.find(new AuditLog.Filter(null, null, null, null, null, subject), 1000).stream()
        .filter(e -> e.subjectId() != null && e.subjectId() == id)
        .toList();
  }

  @Test
  void readingAGuestsPageAndChangingABookingAreRecordedAndShownToManagers() {
    Property house = data.property("Europe/Rome", "en");
    Booking booking = data.bookArrivingIn(house, 20, data.uniqueEmail());

    TestRestTemplate frontDesk = SignedIn.as(anonymous, "frontdesk");
    assertThat(frontDesk.getForEntity("/bookings/" + booking.id(), String.class).getStatusCode())
        .isEqualTo(HttpStatus.OK);
    TestRestTemplate api = SignedIn.withKey(anonymous, data.writeKey(house));
    api.postForEntity("/api/bookings/" + booking.id() + "/cancel", null, String.class);

    List<AuditEvent> events = about("booking", booking.id());
    assertThat(events)
        .anySatisfy(
            e -> {
              assertThat(e.actor()).isEqualTo("frontdesk");
              assertThat(e.action()).isEqualTo("READ");
              assertThat(e.what()).isEqualTo("GET /bookings/" + booking.id());
              assertThat(e.propertyId()).isEqualTo(house.id());
            })
        .anySatisfy(
            e -> {
              assertThat(e.actor()).startsWith("api-key:");
              assertThat(e.action()).isEqualTo("CHANGE");
              assertThat(e.what()).isEqualTo("POST /api/bookings/" + booking.id() + "/cancel");
            });

    TestRestTemplate manager = SignedIn.as(anonymous, "manager");
    String page = manager.getForObject("/audit?actor=frontdesk&subject=booking", String.class);
    assertThat(page).contains("GET /bookings/" + booking.id()).doesNotContain("api-key:");
    String csv = manager.getForObject("/audit.csv?subject=booking", String.class);
    assertThat(csv)
        .startsWith("id,occurred_at,actor,action,what")
        .contains("\"POST /api/bookings/" + booking.id() + "/cancel\"");
    assertThat(frontDesk.getForEntity("/audit", String.class).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
  }

  @Test
  void theTrailCannotBeRewrittenOrDeleted() {
    audit.record("manager", "CHANGE", "POST /test", null, null, null, 200);
    assertThatThrownBy(() -> jdbc.sql("update audit_event set actor = 'nobody'").update())
        .hasMessageContaining("append-only");
    assertThatThrownBy(() -> jdbc.sql("delete from audit_event").update())
        .hasMessageContaining("append-only");
    assertThat(jdbc.sql("select count(*) from audit_event").query(Long.class).single())
        .isPositive();
  }
}
