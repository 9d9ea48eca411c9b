package org.guestjourney.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.guestjourney.booking.Booking;
import org.guestjourney.booking.BookingRequest;
import org.guestjourney.booking.BookingRequest.GuestDetails;
import org.guestjourney.messaging.DeliveryState;
import org.guestjourney.messaging.MessageStep;
import org.guestjourney.property.Property;
import org.guestjourney.support.InboxIntegrationTest;
import org.guestjourney.support.TestMailServer;
import org.guestjourney.tasklist.StaffTask;
import org.guestjourney.tasklist.StaffTaskService;
import org.guestjourney.tasklist.StaffTaskState;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Guests' e-mail replies through the inbound webhook over HTTP, as a mail provider posts them
 * (Postmark's inbound JSON): each booking's e-mails carry their own Reply-To, a reply to it reaches
 * the booking's conversation (and its front-desk task) once, whatever its From header says; what
 * names no booking is kept as unmatched; callers without the token are refused.
 */
class InboundEmailTest extends InboxIntegrationTest {

  static final String PATH = "/webhooks/mail/inbound";

  @Autowired TestRestTemplate http;
  @Autowired JdbcClient jdbc;
  @Autowired StaffTaskService tasks;
  final ObjectMapper json = new ObjectMapper();

  Booking book(Property house, String name, String email) {
    LocalDate arrival = LocalDate.ofInstant(engine.now(), house.timeZone()).plusDays(5);
    Booking booking =
        data.book(
            new BookingRequest(
                house.id(),
                "MAIL-" + UUID.randomUUID(),
                "direct",
                arrival,
                arrival.plusDays(2),
                "4",
                2,
                null,
                new GuestDetails(name, email, null, "en")));
    data.awaitState(booking.id(), MessageStep.BOOKING_CONFIRMATION, DeliveryState.SENT);
    return booking;
  }

  static String replyToOf(String guestEmail) throws Exception {
    MimeMessage confirmation =
        await()
            .atMost(Duration.ofSeconds(15))
            .until(() -> TestMailServer.to(guestEmail), l -> !l.isEmpty())
            .getFirst();
    return ((InternetAddress) confirmation.getReplyTo()[0]).getAddress();
  }

  static Map<String, Object> mail(String from, String to, String messageId, String text) {
    return Map.of(
        "MessageID",
        UUID.randomUUID().toString(),
        "From",
        "\"Guest\" <" + from + ">",
        "FromFull",
        Map.of("Email", from, "Name", "Guest"),
        "To",
        to,
        "ToFull",
        List.of(Map.of("Email", to, "Name", "")),
        "OriginalRecipient",
        to,
        "Subject",
        "Re: Your booking",
        "TextBody",
        text,
        "HtmlBody",
        "<p>ignored when there is text</p>",
        "Headers",
        List.of(Map.of("Name", "Message-ID", "Value", messageId)));
  }

  ResponseEntity<String> post(Object body, String authorization) throws Exception {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    if (authorization != null) {
      headers.set(HttpHeaders.AUTHORIZATION, authorization);
    }
    return http.postForEntity(
        PATH, new HttpEntity<>(json.writeValueAsString(body), headers), String.class);
  }

  static String bearer() {
    return "Bearer " + INBOUND_TOKEN;
  }

  int stored(String messageId) {
    return jdbc.sql("select count(*) from inbound_message where provider_id = ?")
        .param("email:" + messageId)
        .query(Integer.class)
        .single();
  }

  @Test
  void aReplyToTheBookingsAddressReachesItsConversationOnceWithoutTheQuotedHistory()
      throws Exception {
    Property house = data.property("Europe/Rome", "en");
    String guest = data.uniqueEmail();
    Booking booking = book(house, "Marco Rossi", guest);
    String replyTo = replyToOf(guest);
    assertThat(replyTo).matches("house-" + house.id() + "\\+[a-z0-9]{20}@" + INBOUND_DOMAIN);

    String messageId = "<" + UUID.randomUUID() + "@mail.example.com>";
    Map<String, Object> reply =
        mail(
            guest,
            replyTo,
            messageId,
            "Can we arrive at 22:00? <b>thanks</b>\n\nOn Tue, 1 Dec 2026, Casa Verde wrote:\n"
                + "> Dear Marco Rossi,\n> your booking is confirmed.");

    ResponseEntity<String> first = post(reply, bearer());
    ResponseEntity<String> again = post(reply, "Basic dXNlcjp0ZXN0LWluYm91bmQtbWFpbC10b2tlbg==");

    assertThat(first.getStatusCode().value()).isEqualTo(200);
    JsonNode outcome = json.readTree(first.getBody());
    assertThat(outcome.get("stored").asBoolean()).isTrue();
    assertThat(outcome.get("matched").asBoolean()).isTrue();
    assertThat(json.readTree(again.getBody()).get("stored").asBoolean()).isFalse();
    assertThat(stored(messageId)).isEqualTo(1);
    Map<String, Object> row =
        jdbc.sql(
                "select booking_id, property_id, channel, body, subject from inbound_message"
                    + " where provider_id = ?")
            .param("email:" + messageId)
            .query()
            .singleRow();
    assertThat(row)
        .containsEntry("booking_id", booking.id())
        .containsEntry("property_id", house.id())
        .containsEntry("channel", "EMAIL")
        .containsEntry("body", "Can we arrive at 22:00? <b>thanks</b>")
        .containsEntry("subject", "Re: Your booking");

    // the same path as an SMS reply: the conversation journey gives the front desk a task
    StaffTask task =
        await()
            .atMost(Duration.ofSeconds(20))
            .until(
                () ->
                    tasks.ofBooking(booking.id()).stream()
                        .filter(t -> "reply-to-guest".equals(t.taskKind()))
                        .filter(t -> t.state() == StaffTaskState.OPEN)
                        .findFirst()
                        .orElse(null),
                t -> t != null);
    assertThat(task.candidateGroups()).contains("front-desk");
  }

  @Test
  void whatNamesNoBookingIsKeptUnmatchedForTheHouseAndTheFromHeaderAloneMatchesNothing()
      throws Exception {
    Property house = data.property("Europe/Rome", "en");
    Property other = data.property("Europe/Rome", "en");
    String guest = data.uniqueEmail();
    Booking booking = book(house, "Giulia Verdi", guest);
    String token = replyToOf(guest).replaceAll("^house-\\d+\\+([a-z0-9]+)@.*$", "$1");

    // the guest's own From, but sent to the house's plain address: no booking is trusted
    String plain = "<" + UUID.randomUUID() + "@mail.example.com>";
    post(mail(guest, "house-" + house.id() + "@" + INBOUND_DOMAIN, plain, "Hello?"), bearer());
    // a real token, but under another house's address: not that booking either
    String crossed = "<" + UUID.randomUUID() + "@mail.example.com>";
    post(
        mail(
            "someone@example.org",
            "house-" + other.id() + "+" + token + "@" + INBOUND_DOMAIN,
            crossed,
            "Is there a room?"),
        bearer());
    // an address that is not ours at all is still kept
    String stray = "<" + UUID.randomUUID() + "@mail.example.com>";
    post(mail("x@example.org", "info@elsewhere.example", stray, "Hi"), bearer());

    assertThat(propertyAndBooking(plain)).containsExactly(house.id(), null);
    assertThat(propertyAndBooking(crossed)).containsExactly(other.id(), null);
    assertThat(propertyAndBooking(stray)).containsExactly(null, null);
    assertThat(tasks.ofBooking(booking.id())).noneMatch(t -> "reply-to-guest".equals(t.taskKind()));
  }

  List<Object> propertyAndBooking(String messageId) {
    return jdbc.sql("select property_id, booking_id from inbound_message where provider_id = ?")
        .param("email:" + messageId)
        .query((rs, n) -> java.util.Arrays.asList(rs.getObject(1), rs.getObject(2)))
        .single();
  }

  @Test
  void callersWithoutTheTokenAndInvalidMailAreRefusedAsProblemsAndStoreNothing() throws Exception {
    String messageId = "<" + UUID.randomUUID() + "@mail.example.com>";
    Map<String, Object> mail =
        mail("guest@example.com", "house-1@" + INBOUND_DOMAIN, messageId, "Hi");

    ResponseEntity<String> none = post(mail, null);
    ResponseEntity<String> wrong = post(mail, "Bearer not-the-token");
    assertThat(none.getStatusCode().value()).isEqualTo(401);
    assertThat(wrong.getStatusCode().value()).isEqualTo(401);
    assertThat(wrong.getHeaders().getContentType().toString())
        .startsWith("application/problem+json");

    Map<String, Object> noSender = new java.util.HashMap<>(mail);
    noSender.remove("From");
    noSender.remove("FromFull");
    ResponseEntity<String> invalid = post(noSender, bearer());
    assertThat(invalid.getStatusCode().value()).isEqualTo(400);
    assertThat(invalid.getHeaders().getContentType().toString())
        .startsWith("application/problem+json");
    assertThat(invalid.getBody()).contains("\"From\"");
    assertThat(stored(messageId)).isZero();
  }
}
