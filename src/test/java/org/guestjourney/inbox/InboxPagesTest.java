package org.guestjourney.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;
import org.guestjourney.booking.Booking;
import org.guestjourney.booking.BookingRequest;
import org.guestjourney.booking.BookingRequest.GuestDetails;
import org.guestjourney.messaging.InboundMessageService;
import org.guestjourney.messaging.InboundMessageService.InboundEmail;
import org.guestjourney.property.Property;
import org.guestjourney.security.StaffAccountService;
import org.guestjourney.security.StaffRole;
import org.guestjourney.staffalert.StaffContacts;
import org.guestjourney.support.InboxIntegrationTest;
import org.guestjourney.support.SignedIn;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.LinkedMultiValueMap;

/**
 * The inbox pages behind their real security: staff see and change only their houses'
 * conversations, conversations go to the house's own managers and front desk, saved replies are
 * kept by managers, and a wrong value stores nothing.
 */
class InboxPagesTest extends InboxIntegrationTest {

  static final String PASSWORD = "a-long-password-1234";

  @Autowired TestRestTemplate http;
  @Autowired StaffAccountService accounts;
  @Autowired InboundMessageService inbound;
  @Autowired StaffContacts contacts;
  @Autowired JdbcClient jdbc;

  String account(StaffRole role, Property house) {
    String username = "pages-" + UUID.randomUUID().toString().substring(0, 8);
    accounts.create(username, PASSWORD, role, false, Set.of(house.id()), "test");
    return username;
  }

  Booking bookWithReply(Property house, String name, String text) {
    return bookWithReply(house, name, text, data.uniqueEmail());
  }

  Booking bookWithReply(Property house, String name, String text, String email) {
    LocalDate arrival = LocalDate.ofInstant(engine.now(), house.timeZone()).plusDays(6);
    Booking booking =
        data.book(
            new BookingRequest(
                house.id(),
                "PAGES-" + UUID.randomUUID(),
                "direct",
                arrival,
                arrival.plusDays(1),
                null,
                1,
                null,
                new GuestDetails(name, email, null, "en")));
    inbound.receiveEmail(
        new InboundEmail(
            "<" + UUID.randomUUID() + "@m.test>",
            "guest@example.com",
            "house-" + house.id() + "@" + INBOUND_DOMAIN,
            "Question",
            text,
            house.id(),
            booking.id()));
    return booking;
  }

  long unmatched(Property house, String text) {
    String id = "<" + UUID.randomUUID() + "@m.test>";
    inbound.receiveEmail(
        new InboundEmail(
            id,
            "stranger@example.org",
            "house-" + house.id() + "@x",
            "Hi",
            text,
            house.id(),
            null));
    return jdbc.sql("select id from inbound_message where provider_id = ?")
        .param("email:" + id)
        .query(Long.class)
        .single();
  }

  static ResponseEntity<String> post(TestRestTemplate as, String path, String... pairs) {
    LinkedMultiValueMap<String, String> form = new LinkedMultiValueMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      form.add(pairs[i], pairs[i + 1]);
    }
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    return as.postForEntity(path, new HttpEntity<>(form, headers), String.class);
  }

  @Test
  void staffSeeOnlyTheirHousesConversationsAndTheGuestsWordsEscaped() {
    Property mine = data.property("Europe/Rome", "en");
    Property other = data.property("Asia/Shanghai", "zh-CN", "en");
    TestRestTemplate desk = SignedIn.as(http, account(StaffRole.FRONT_DESK, mine), PASSWORD);
    Booking here = bookWithReply(mine, "Luca Bruni", "<script>alert('x')</script> towels?");
    Booking there = bookWithReply(other, "Wang Fang", "Another house's guest");
    long strayThere = unmatched(other, "for the other house");
    long strayHere = unmatched(mine, "a stranger writes");

    String list = desk.getForObject("/inbox", String.class);
    assertThat(list)
        .contains("Luca Bruni")
        .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; towels?")
        .doesNotContain("<script>alert")
        .doesNotContain("Wang Fang")
        .contains("data-message=\"" + strayHere + "\"")
        .doesNotContain("data-message=\"" + strayThere + "\"");
    assertThat(desk.getForEntity("/inbox/bookings/" + here.id(), String.class).getBody())
        .contains("Luca Bruni");
    assertThat(
            desk.getForEntity("/inbox/bookings/" + there.id(), String.class)
                .getStatusCode()
                .value())
        .isEqualTo(404);
    assertThat(
            desk.getForEntity("/inbox/unmatched/" + strayThere, String.class)
                .getStatusCode()
                .value())
        .isEqualTo(404);
    post(desk, "/inbox/bookings/" + there.id() + "/read");
    assertThat(unreadOf(there.id())).isEqualTo(1);

    post(desk, "/inbox/bookings/" + here.id() + "/read");
    assertThat(unreadOf(here.id())).isZero();
    assertThat(desk.getForObject("/inbox?channel=fax", String.class))
        .contains("There is no such channel");
  }

  int unreadOf(long bookingId) {
    return jdbc.sql("select count(*) from inbound_message where booking_id = ? and read_at is null")
        .param(bookingId)
        .query(Integer.class)
        .single();
  }

  @Test
  void aConversationGoesToANamedMemberOfTheHouseOnly() {
    Property house = data.property("Europe/Rome", "en");
    Property other = data.property("Europe/Rome", "en");
    String manager = account(StaffRole.MANAGER, house);
    String desk = account(StaffRole.FRONT_DESK, house);
    String housekeeper = account(StaffRole.HOUSEKEEPING, house);
    String elsewhere = account(StaffRole.FRONT_DESK, other);
    contacts.saveReplyIdentity(desk, "Sara Neri", null);
    Booking booking = bookWithReply(house, "Paolo Gallo", "Late check-out?");
    TestRestTemplate asManager = SignedIn.as(http, manager, PASSWORD);

    post(asManager, "/inbox/bookings/" + booking.id() + "/assign", "assignee", housekeeper);
    post(asManager, "/inbox/bookings/" + booking.id() + "/assign", "assignee", elsewhere);
    assertThat(assignments(booking.id())).isZero();

    post(asManager, "/inbox/bookings/" + booking.id() + "/assign", "assignee", desk);
    assertThat(assignments(booking.id())).isOne();
    TestRestTemplate asDesk = SignedIn.as(http, desk, PASSWORD);
    assertThat(asDesk.getForObject("/inbox?mine=true", String.class))
        .contains("data-booking=\"" + booking.id() + "\"")
        .contains("Given to Sara Neri");
    assertThat(asManager.getForObject("/inbox?mine=true", String.class))
        .doesNotContain("data-booking=\"" + booking.id() + "\"");
  }

  int assignments(long bookingId) {
    return jdbc.sql("select count(*) from inbox_assignment where booking_id = ?")
        .param(bookingId)
        .query(Integer.class)
        .single();
  }

  @Test
  void managersKeepSavedRepliesForTheirHousesAndAWrongValueKeepsNothing() {
    Property house = data.property("Europe/Rome", "en");
    Property other = data.property("Europe/Rome", "en");
    TestRestTemplate manager = SignedIn.as(http, account(StaffRole.MANAGER, house), PASSWORD);
    TestRestTemplate desk = SignedIn.as(http, account(StaffRole.FRONT_DESK, house), PASSWORD);
    String id = String.valueOf(house.id());

    post(desk, "/inbox/settings/saved-replies", "propertyId", id, "title", "T", "body", "B");
    post(manager, "/inbox/settings/saved-replies", "propertyId", id, "title", " ", "body", "B");
    post(
        manager,
        "/inbox/settings/saved-replies",
        "propertyId",
        id,
        "title",
        "T",
        "body",
        "x".repeat(1001));
    post(
        manager,
        "/inbox/settings/saved-replies",
        "propertyId",
        String.valueOf(other.id()),
        "title",
        "T",
        "body",
        "B");
    assertThat(savedReplies(house)).isZero();
    assertThat(savedReplies(other)).isZero();

    post(
        manager,
        "/inbox/settings/saved-replies",
        "propertyId",
        id,
        "title",
        "Early check-in",
        "body",
        "Your room is ready from 12:00 <b>on</b>.");
    assertThat(savedReplies(house)).isOne();
    Booking booking = bookWithReply(house, "Elena Riva", "Can we come early?");
    assertThat(desk.getForObject("/inbox/bookings/" + booking.id(), String.class))
        .contains(">Early check-in</option>")
        .contains("Your room is ready from 12:00 &lt;b&gt;on&lt;/b&gt;.");
  }

  int savedReplies(Property house) {
    return jdbc.sql("select count(*) from saved_reply where property_id = ?")
        .param(house.id())
        .query(Integer.class)
        .single();
  }

  @Test
  void aSignatureTooLongIsNotSaved() {
    Property house = data.property("Europe/Rome", "en");
    String username = account(StaffRole.FRONT_DESK, house);
    TestRestTemplate desk = SignedIn.as(http, username, PASSWORD);

    post(desk, "/inbox/settings/signature", "displayName", "Anna", "signature", "s".repeat(301));
    assertThat(contacts.of(username).orElseThrow().displayName()).isNull();

    post(
        desk,
        "/inbox/settings/signature",
        "displayName",
        "Anna Bianchi",
        "signature",
        "Anna Bianchi\r\nFront desk");
    assertThat(contacts.of(username).orElseThrow().signature())
        .isEqualTo("Anna Bianchi\nFront desk");
  }

  @Test
  void aReplyFromTheThreadGoesBackByEmailUnderTheSignature() throws Exception {
    Property house = data.property("Europe/Rome", "en");
    String username = account(StaffRole.FRONT_DESK, house);
    contacts.saveReplyIdentity(
        username, "Anna Bianchi", "Anna Bianchi\nFront desk, " + house.name());
    String guest = data.uniqueEmail();
    Booking booking = bookWithReply(house, "Marco Rossi", "Is there parking?", guest);
    TestRestTemplate desk = SignedIn.as(http, username, PASSWORD);
    String page = desk.getForObject("/inbox/bookings/" + booking.id(), String.class);
    java.util.regex.Matcher key =
        java.util.regex.Pattern.compile("name=\"formKey\" value=\"([0-9a-f-]{36})\"").matcher(page);
    assertThat(key.find()).isTrue();

    post(
        desk,
        "/inbox/bookings/" + booking.id() + "/reply",
        "text",
        "Yes, free parking behind the house.",
        "formKey",
        key.group(1));

    String body =
        org.awaitility.Awaitility.await()
            .atMost(java.time.Duration.ofSeconds(30))
            .until(
                () ->
                    org.guestjourney.support.TestMailServer.to(guest).stream()
                        .map(
                            m -> {
                              try {
                                return String.valueOf(m.getContent()).replace("\r\n", "\n");
                              } catch (Exception e) {
                                throw new IllegalStateException(e);
                              }
                            })
                        .filter(c -> c.contains("free parking behind the house"))
                        .findFirst()
                        .orElse(null),
                c -> c != null);
    assertThat(body)
        .contains("Dear <span>Marco Rossi</span>,")
        .contains("Anna Bianchi\nFront desk, " + house.name())
        .doesNotContain(username);
    assertThat(unreadOf(booking.id())).isZero();
  }
}
