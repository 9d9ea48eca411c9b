package org.guestjourney.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import org.guestjourney.booking.Booking;
import org.guestjourney.messaging.AutomationPauses;
import org.guestjourney.messaging.DeliveryState;
import org.guestjourney.messaging.MessageDelivery;
import org.guestjourney.messaging.MessageStep;
import org.guestjourney.property.Property;
import org.guestjourney.support.JourneyIntegrationTest;
import org.guestjourney.support.Mails;
import org.guestjourney.support.PageForms;
import org.guestjourney.support.TestMailServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.LinkedMultiValueMap;

/**
 * Staff take the wheel from the booking page: pause a guest's automatic messages, rewrite a
 * scheduled message, send it now, and write to the guest by hand, cancelling what that makes
 * redundant. The journey keeps running and never sends a message twice.
 */
class StaffMessageActionsTest extends JourneyIntegrationTest {

  @Autowired TestRestTemplate anonymous;
  @Autowired AutomationPauses pauses;
  @Autowired JdbcClient jdbc;
  TestRestTemplate http;

  @BeforeEach
  void signIn() {
    http = org.guestjourney.support.SignedIn.as(anonymous, "frontdesk", "frontdesk");
  }

  @Test
  void aPausedGuestGetsNoAutomaticMessageButAHandWrittenReplyStillGoes() throws Exception {
    Property property = quietlessProperty();
    String email = data.uniqueEmail();
    Booking booking = book(property, email, 6);
    String page = "/bookings/" + booking.id();

    ResponseEntity<String> paused =
        PageForms.submit(
            http,
            page,
            page + "/automation/pause",
            Map.of("note", "Guest asked for no messages <b>please</b>"));
    assertThat(paused.getStatusCode()).isEqualTo(HttpStatus.FOUND);
    assertThat(http.getForObject(page, String.class))
        .contains("Tried in this order: E-mail → WhatsApp → SMS")
        .contains("SMS/WhatsApp disabled: no Twilio account configured")
        .contains("data-testid=\"paused\"")
        .contains("Guest asked for no messages &lt;b&gt;please&lt;/b&gt;");

    MessageDelivery guide = data.message(booking.id(), MessageStep.CHECK_IN_GUIDE);
    engine.moveTo(guide.plannedAt().plus(Duration.ofMinutes(1)));
    MessageDelivery skipped =
        data.awaitState(booking.id(), MessageStep.CHECK_IN_GUIDE, DeliveryState.SKIPPED);
    assertThat(skipped.reason()).startsWith("Automation paused for this guest by frontdesk");
    assertThat(TestMailServer.to(email)).hasSize(1);

    String form = http.getForObject(page, String.class);
    PageForms.submit(
        http,
        page,
        page + "/conversation",
        Map.of(
            "text",
            "We will leave the keys in the box, no need to answer.",
            "formKey",
            PageForms.hidden(form, "formKey")));
    await().atMost(Duration.ofSeconds(10)).until(() -> TestMailServer.to(email).size() == 2);
    assertThat(Mails.visibleText(TestMailServer.to(email).getLast()))
        .contains("We will leave the keys in the box");

    PageForms.submit(http, page, page + "/automation/resume", Map.of());
    assertThat(pauses.of(booking.id())).isEmpty();
  }

  @Test
  void aRewrittenMessageSentNowGoesOnceWithTheStaffText() throws Exception {
    Property property = quietlessProperty();
    String email = data.uniqueEmail();
    Booking booking = book(property, email, 6);
    MessageDelivery guide = data.message(booking.id(), MessageStep.CHECK_IN_GUIDE);
    String page = "/messages/" + guide.id();
    assertThat(http.getForObject(page, String.class))
        .as("the edit form starts from the message's text in the guest's language")
        .contains("data-testid=\"edit-form\"")
        .contains("Key box left of the door");

    // an empty text is refused and changes nothing
    PageForms.submit(http, page, page + "/edit", Map.of("subject", "x", "text", "  "));
    assertThat(data.message(booking.id(), MessageStep.CHECK_IN_GUIDE).isEdited()).isFalse();
    assertThat(http.getForObject(page, String.class)).doesNotContain("data-testid=\"edited\"");

    PageForms.submit(
        http,
        page,
        page + "/edit",
        Map.of(
            "subject",
            "Your arrival on Friday",
            "text",
            "Hi! The gate code is 4711 <b>not bold</b>.\nSee you soon, Anna"));
    assertThat(data.message(booking.id(), MessageStep.CHECK_IN_GUIDE).editedBy())
        .isEqualTo("frontdesk");

    ResponseEntity<String> sent = PageForms.submit(http, page, page + "/send-now", Map.of());
    assertThat(sent.getStatusCode()).isEqualTo(HttpStatus.FOUND);
    MessageDelivery now = data.message(booking.id(), MessageStep.CHECK_IN_GUIDE);
    assertThat(now.state()).isEqualTo(DeliveryState.SENT);
    assertThat(data.history(now.id()))
        .anySatisfy(r -> assertThat(r).isEqualTo("Send now requested by frontdesk"));
    await().atMost(Duration.ofSeconds(10)).until(() -> TestMailServer.to(email).size() == 2);
    var mail = TestMailServer.to(email).getLast();
    assertThat(mail.getSubject()).isEqualTo("Your arrival on Friday");
    assertThat(Mails.body(mail))
        .contains("The gate code is 4711 &lt;b&gt;not bold&lt;/b&gt;")
        .doesNotContain("<b>not bold</b>");

    // the journey's own timer comes and finds the message gone: nothing twice, the journey goes on
    engine.moveTo(guide.plannedAt().plus(Duration.ofMinutes(1)));
    engine.assertStillWaitingAt(
        data.journeyOf(booking.id()), PreArrivalJourney.TIMER_DAY_BEFORE_ARRIVAL);
    assertThat(TestMailServer.to(email)).hasSize(2);
    assertThat(data.message(booking.id(), MessageStep.CHECK_IN_GUIDE).sentAt())
        .isEqualTo(now.sentAt());

    // a message that went cannot be rewritten
    PageForms.submit(http, page, page + "/edit", Map.of("text", "too late"));
    assertThat(data.message(booking.id(), MessageStep.CHECK_IN_GUIDE).editedBody())
        .startsWith("Hi! The gate code");
  }

  @Test
  void aHandWrittenMessageCancelsThePlannedOnesItMakesRedundant() {
    Property property = quietlessProperty();
    String email = data.uniqueEmail();
    Booking booking = book(property, email, 6);
    MessageDelivery guide = data.message(booking.id(), MessageStep.CHECK_IN_GUIDE);
    String page = "/bookings/" + booking.id();
    String form = http.getForObject(page, String.class);
    String key = PageForms.hidden(form, "formKey");
    LinkedMultiValueMap<String, String> fields = new LinkedMultiValueMap<>();
    fields.add("text", "Everything for your arrival: gate code 4711, keys in the box.");
    fields.add("formKey", key);
    fields.add("replaces", String.valueOf(guide.id()));

    PageForms.submit(http, page, page + "/conversation", fields);
    // the same form sent twice (double click, back button) sends one message
    PageForms.submit(http, page, page + "/conversation", fields);

    await().atMost(Duration.ofSeconds(10)).until(() -> TestMailServer.to(email).size() == 2);
    MessageDelivery cancelled = data.message(booking.id(), MessageStep.CHECK_IN_GUIDE);
    assertThat(cancelled.state()).isEqualTo(DeliveryState.CANCELLED);
    assertThat(cancelled.reason()).isEqualTo("Replaced by a reply from frontdesk");
    assertThat(data.messages(booking.id()))
        .filteredOn(d -> MessageStep.STAFF_REPLY.equals(d.step()))
        .hasSize(1);
    assertThat(http.getForObject(page, String.class))
        .contains("data-testid=\"conversation\"")
        .contains("Everything for your arrival: gate code 4711");

    engine.moveTo(guide.plannedAt().plus(Duration.ofMinutes(1)));
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(5))
        .until(() -> TestMailServer.to(email).size() == 2);
  }

  /** A property without quiet hours, so that sending is independent of the hour the test runs. */
  private Property quietlessProperty() {
    Property property = data.property("Europe/Rome", "en");
    jdbc.sql(
            "update property set quiet_hours_start = '00:00', quiet_hours_end = '00:00' where id = ?")
        .param(property.id())
        .update();
    return property;
  }

  private Booking book(Property property, String email, int daysAhead) {
    Booking booking =
        data.book(
            data.request(
                property,
                LocalDate.ofInstant(engine.now(), property.timeZone()).plusDays(daysAhead),
                2,
                email,
                "en"));
    data.awaitState(booking.id(), MessageStep.BOOKING_CONFIRMATION, DeliveryState.SENT);
    data.journeyOf(booking.id());
    return booking;
  }

  @Autowired org.guestjourney.messaging.InboundMessageService inbound;
  @Autowired org.guestjourney.tasklist.StaffTaskService taskService;

  @Test
  void answeringFromTheConversationCompletesTheWaitingReplyTaskAndSendsOnce() throws Exception {
    Property property = quietlessProperty();
    String email = data.uniqueEmail();
    String phone = "+3938" + (10000000 + (int) (Math.random() * 89999999));
    Booking booking =
        data.book(
            new org.guestjourney.booking.BookingRequest(
                property.id(),
                "CONV-" + email,
                "direct",
                LocalDate.ofInstant(engine.now(), property.timeZone()).plusDays(5),
                LocalDate.ofInstant(engine.now(), property.timeZone()).plusDays(7),
                null,
                2,
                null,
                new org.guestjourney.booking.BookingRequest.GuestDetails(
                    "Pia Conversa", email, phone, "en")));
    data.awaitState(booking.id(), MessageStep.BOOKING_CONFIRMATION, DeliveryState.SENT);
    inbound.receive(
        org.guestjourney.messaging.ChannelType.SMS,
        phone,
        "+15005550006",
        "Can we bring our dog?",
        "SM-conv-" + phone);
    var task =
        await()
            .atMost(Duration.ofSeconds(15))
            .until(
                () ->
                    taskService.ofBooking(booking.id()).stream()
                        .filter(t -> t.elementId().equals("task_reply_to_guest"))
                        .findFirst(),
                java.util.Optional::isPresent)
            .orElseThrow();
    String page = "/bookings/" + booking.id();
    assertThat(http.getForObject(page, String.class)).contains("Can we bring our dog?");

    String shown =
        PageForms.submitAndShow(
            http,
            page,
            page + "/conversation",
            Map.of(
                "text",
                "Of course, dogs are welcome!",
                "formKey",
                PageForms.hidden(http.getForObject(page, String.class), "formKey")));

    assertThat(shown).contains("conversation journey; it goes in a moment");
    var done = taskService.get(task.id(), org.guestjourney.support.Staff.MANAGER);
    assertThat(done.state()).isEqualTo(org.guestjourney.tasklist.StaffTaskState.COMPLETED);
    assertThat(done.completedBy()).isEqualTo("frontdesk");
    data.awaitState(booking.id(), MessageStep.STAFF_REPLY, DeliveryState.SENT);
    await().atMost(Duration.ofSeconds(10)).until(() -> TestMailServer.to(email).size() == 2);
    assertThat(Mails.visibleText(TestMailServer.to(email).getLast()))
        .contains("Of course, dogs are welcome!")
        .contains("Can we bring our dog?");
    assertThat(data.messages(booking.id()))
        .filteredOn(d -> MessageStep.STAFF_REPLY.equals(d.step()))
        .hasSize(1);
  }
}
