package org.guestjourney.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.guestjourney.booking.Booking;
import org.guestjourney.messaging.MessageStep;
import org.guestjourney.property.Property;
import org.guestjourney.support.JourneyIntegrationTest;
import org.guestjourney.support.PageForms;
import org.guestjourney.support.SignedIn;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.http.client.ClientHttpRequestFactorySettings.Redirects;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Staff accounts in the database: created and disabled by a manager, scoped to properties. */
class StaffAccountsTest extends JourneyIntegrationTest {

  private static final AtomicInteger SEQUENCE = new AtomicInteger();
  private static final String PASSWORD = "correct horse battery";

  @Autowired TestRestTemplate anonymous;
  @Autowired JdbcClient jdbc;

  Property house;
  Property otherHouse;
  Booking booking;
  Booking otherBooking;
  TestRestTemplate manager;

  @BeforeEach
  void twoHouses() {
    house = data.property("Europe/Rome", "en");
    otherHouse = data.property("Europe/Rome", "en");
    booking = data.bookArrivingIn(house, 20, data.uniqueEmail());
    otherBooking = data.bookArrivingIn(otherHouse, 20, data.uniqueEmail());
    manager = SignedIn.as(anonymous, "manager");
  }

  private String invite(String role, Property... properties) {
    String username = "staff-" + SEQUENCE.incrementAndGet() + "-" + System.nanoTime() % 10000;
    org.springframework.util.LinkedMultiValueMap<String, String> form =
        new org.springframework.util.LinkedMultiValueMap<>();
    form.add("username", username);
    form.add("password", PASSWORD);
    form.add("role", role);
    form.add("properties", properties.length == 0 ? "all" : "some");
    for (Property p : properties) {
      form.add("property", String.valueOf(p.id()));
    }
    assertThat(PageForms.submit(manager, "/access", "/access/staff", form).getStatusCode())
        .isEqualTo(HttpStatus.FOUND);
    return username;
  }

  private int status(TestRestTemplate as, String page) {
    return as.withRedirects(Redirects.DONT_FOLLOW)
        .getForEntity(page, String.class)
        .getStatusCode()
        .value();
  }

  @Test
  void theDemoAccountsLiveInTheDatabaseWithHashedPasswords() {
    assertThat(
            jdbc.sql("select role from staff_account where username = 'housekeeping'")
                .query(String.class)
                .single())
        .isEqualTo("HOUSEKEEPING");
    assertThat(
            jdbc.sql("select password_hash from staff_account where username = 'manager'")
                .query(String.class)
                .single())
        .startsWith("{bcrypt}$2")
        .doesNotContain("manager");
  }

  @Test
  void frontDeskOfOneHouseSeesAndChangesOnlyThatHouse() {
    String username = invite("FRONT_DESK", house);
    assertThat(
            jdbc.sql("select password_hash from staff_account where username = ?")
                .param(username)
                .query(String.class)
                .single())
        .startsWith("{bcrypt}")
        .doesNotContain(PASSWORD);
    TestRestTemplate frontDesk = SignedIn.as(anonymous, username, PASSWORD);

    assertThat(status(frontDesk, "/bookings/" + booking.id())).isEqualTo(200);
    assertThat(status(frontDesk, "/bookings/" + otherBooking.id())).isEqualTo(404);
    long otherMessage = data.message(otherBooking.id(), MessageStep.BOOKING_CONFIRMATION).id();
    assertThat(status(frontDesk, "/messages/" + otherMessage)).isEqualTo(404);
    assertThat(status(frontDesk, "/feedback?property=" + otherHouse.id())).isEqualTo(404);
    String list = frontDesk.getForObject("/", String.class);
    assertThat(list)
        .contains("/bookings/" + booking.id() + "\"")
        .doesNotContain("/bookings/" + otherBooking.id() + "\"");

    // writing to the other house's guest: refused, nothing changes
    assertThat(
            PageForms.submit(
                    frontDesk,
                    "/bookings/" + booking.id(),
                    "/bookings/" + otherBooking.id() + "/automation/pause",
                    Map.of())
                .getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(
            jdbc.sql("select count(*) from automation_pause where booking_id = ?")
                .param(otherBooking.id())
                .query(Long.class)
                .single())
        .isZero();
    ResponseEntity<String> api =
        frontDesk.getForEntity("/api/bookings/" + otherBooking.id(), String.class);
    assertThat(api.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(api.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(status(frontDesk, "/access")).isEqualTo(403);
  }

  @Test
  void housekeepingSeesTasksButNoGuestContactsOrConversationsAndWritesNothing() {
    TestRestTemplate housekeeping = SignedIn.as(anonymous, "housekeeping");
    long message = data.message(booking.id(), MessageStep.BOOKING_CONFIRMATION).id();
    assertThat(status(housekeeping, "/tasks")).isEqualTo(200);
    assertThat(status(housekeeping, "/")).isEqualTo(403);
    assertThat(status(housekeeping, "/bookings/" + booking.id())).isEqualTo(403);
    assertThat(status(housekeeping, "/messages/" + message)).isEqualTo(403);
    assertThat(status(housekeeping, "/feedback")).isEqualTo(403);
    assertThat(housekeeping.getForObject("/tasks", String.class))
        .doesNotContain(">Bookings<")
        .doesNotContain(">Feedback<");
    for (String action :
        new String[] {
          "/bookings/" + booking.id() + "/conversation",
          "/bookings/" + booking.id() + "/complaints",
          "/bookings/" + booking.id() + "/automation/pause",
          "/messages/" + message + "/edit",
          "/messages/" + message + "/send-now"
        }) {
      assertThat(
              PageForms.submit(housekeeping, "/tasks", action, Map.of("text", "hello"))
                  .getStatusCode())
          .as(action)
          .isEqualTo(HttpStatus.FORBIDDEN);
    }
    assertThat(
            jdbc.sql("select count(*) from automation_pause where booking_id = ?")
                .param(booking.id())
                .query(Long.class)
                .single())
        .isZero();
  }

  @Test
  void sessionsLiveInPostgresSoAnyReplicaKnowsTheSignedIn() {
    String username = invite("FRONT_DESK");
    SignedIn.Session session = SignedIn.session(anonymous, username, PASSWORD);
    assertThat(
            jdbc.sql("select count(*) from spring_session where principal_name = ?")
                .param(username)
                .query(Long.class)
                .single())
        .isOne();
    assertThat(session.cookie()).startsWith("SESSION=");
  }

  @Test
  void aDisabledAccountIsSignedOutAtOnceAndCannotSignInAgain() {
    String username = invite("FRONT_DESK");
    TestRestTemplate frontDesk = SignedIn.as(anonymous, username, PASSWORD);
    assertThat(status(frontDesk, "/tasks")).isEqualTo(200);

    long id =
        jdbc.sql("select id from staff_account where username = ?")
            .param(username)
            .query(Long.class)
            .single();
    PageForms.submit(manager, "/access", "/access/staff/" + id + "/disable", Map.of());

    assertThat(status(frontDesk, "/tasks"))
        .as("signed out: back to the sign-in page")
        .isEqualTo(302);
    assertThat(SignedIn.signIn(anonymous, username, PASSWORD, null)).isNull();
  }

  @Test
  void staffChangeTheirOwnPasswordProvingTheCurrentOne() {
    String username = invite("HOUSEKEEPING", house);
    TestRestTemplate me = SignedIn.as(anonymous, username, PASSWORD);
    String refused =
        PageForms.submitAndShow(
            me,
            "/account",
            "/account/password",
            Map.of("currentPassword", "wrong", "newPassword", "short"));
    assertThat(refused).contains("currentPassword").contains("newPassword");

    String changed =
        PageForms.submitAndShow(
            me,
            "/account",
            "/account/password",
            Map.of("currentPassword", PASSWORD, "newPassword", "a much longer secret"));
    assertThat(changed).contains("Your password is changed");
    assertThat(SignedIn.signIn(anonymous, username, PASSWORD, null)).isNull();
    assertThat(SignedIn.signIn(anonymous, username, "a much longer secret", null)).isNotNull();
  }

  @Test
  void aWrongInvitationStoresNothing() {
    long before = jdbc.sql("select count(*) from staff_account").query(Long.class).single();
    String shown =
        PageForms.submitAndShow(
            manager,
            "/access",
            "/access/staff",
            Map.of("username", "Bad Name!", "password", "short", "role", "FRONT_DESK"));
    assertThat(shown).contains("username").contains("password").contains("properties");
    String taken =
        PageForms.submitAndShow(
            manager,
            "/access",
            "/access/staff",
            Map.of(
                "username",
                "manager",
                "password",
                PASSWORD,
                "role",
                "MANAGER",
                "properties",
                "all"));
    assertThat(taken).contains("username is taken");
    assertThat(jdbc.sql("select count(*) from staff_account").query(Long.class).single())
        .isEqualTo(before);
  }
}
