package org.guestjourney.messaging.providers.twilio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.guestjourney.booking.BookingRequest;
import org.guestjourney.booking.BookingRequest.GuestDetails;
import org.guestjourney.clock.TimeMachine;
import org.guestjourney.messaging.ChannelType;
import org.guestjourney.messaging.DeliveryState;
import org.guestjourney.messaging.DeliveryStatusService;
import org.guestjourney.messaging.MessageDelivery;
import org.guestjourney.messaging.MessageStep;
import org.guestjourney.messaging.ProviderStatus;
import org.guestjourney.property.Property;
import org.guestjourney.support.StandaloneApp;
import org.guestjourney.support.TestData;
import org.guestjourney.support.TestMailServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A guest who prefers WhatsApp but does not get the message there gets it by SMS: at once when
 * Twilio reports it undelivered, after the property's wait when no delivery receipt comes, never
 * when WhatsApp delivered it, and only once however often the check runs. A property with a Twilio
 * account of its own sends from it.
 */
class WhatsAppFallbackAppTest {

  private static FakeTwilio twilio;
  private static ConfigurableApplicationContext app;
  private static TestData data;

  @BeforeAll
  static void start() throws Exception {
    twilio = new FakeTwilio();
    app =
        StandaloneApp.start(
            Path.of("target/test-data/fallback-" + UUID.randomUUID()),
            TestMailServer.port(),
            "guest-journey.twilio.account-sid=" + FakeTwilio.ACCOUNT_SID,
            "guest-journey.twilio.auth-token=" + FakeTwilio.AUTH_TOKEN,
            "guest-journey.twilio.sms-from=+15005550006",
            "guest-journey.twilio.whatsapp-from=+14155238886",
            "guest-journey.twilio.api-base-url=" + twilio.baseUrl(),
            "guest-journey.messaging.fallback-check-every=PT1S",
            "guest-journey.twilio.auth-tokens."
                + FakeTwilio.OTHER_ACCOUNT_SID
                + "="
                + FakeTwilio.OTHER_AUTH_TOKEN);
    data = TestData.of(app);
  }

  @AfterAll
  static void stop() throws Exception {
    if (app != null) {
      app.close();
    }
    if (twilio != null) {
      twilio.close();
    }
  }

  @Test
  void anUndeliveredWhatsAppGoesAgainBySmsAtOnceAndOnlyOnce() {
    Property property = data.property("Europe/Rome", "en");
    String phone = phone();
    long booking = book(property, phone);
    MessageDelivery whatsapp = awaitWhatsApp(booking);

    app.getBean(DeliveryStatusService.class)
        .record(whatsapp.providerMessageId(), ProviderStatus.UNDELIVERED, "63016");
    // Twilio repeats its callbacks: the second one changes nothing
    app.getBean(DeliveryStatusService.class)
        .record(whatsapp.providerMessageId(), ProviderStatus.UNDELIVERED, "63016");

    MessageDelivery sms = awaitFallback(booking);
    assertThat(sms.recipient()).isEqualTo(phone);
    assertThat(sms.body()).isEqualTo(whatsapp.body());
    assertThat(sms.fallbackFor()).isEqualTo(whatsapp.id());
    assertThat(data.history(whatsapp.id()))
        .anySatisfy(
            r ->
                assertThat(r)
                    .startsWith("WhatsApp reports the message undelivered (error 63016)")
                    .endsWith("sent again by SMS (message " + sms.id() + ")"));
    List<FakeTwilio.Received> posts = postsTo(phone);
    assertThat(posts).hasSize(2);
    assertThat(posts.get(0).params()).containsEntry("To", "whatsapp:" + phone);
    assertThat(posts.get(1).params())
        .containsEntry("To", phone)
        .containsEntry("From", "+15005550006");
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(5))
        .until(() -> postsTo(phone).size() == 2);
  }

  @Test
  void noReceiptWithinTheWaitMeansSmsButADeliveredWhatsAppIsLeftAlone() throws Exception {
    Property property = data.property("Europe/Rome", "en");
    String silent = phone();
    String delivered = phone();
    long silentBooking = book(property, silent);
    long deliveredBooking = book(property, delivered);
    awaitWhatsApp(silentBooking);
    MessageDelivery ok = awaitWhatsApp(deliveredBooking);
    app.getBean(DeliveryStatusService.class)
        .record(ok.providerMessageId(), ProviderStatus.DELIVERED, null);

    // not yet: the property waits ten minutes for WhatsApp's receipt
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(4))
        .until(() -> postsTo(silent).size() == 1);

    app.getBean(TimeMachine.class).jump(Duration.ofMinutes(11));

    MessageDelivery sms = awaitFallback(silentBooking);
    assertThat(data.history(sms.fallbackFor()))
        .anySatisfy(
            r -> assertThat(r).startsWith("Not delivered by WhatsApp in time (provider status:"));
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(5))
        .until(() -> postsTo(delivered).size() == 1 && postsTo(silent).size() == 2);
  }

  @Test
  void aPropertyWithItsOwnTwilioAccountSendsFromItsOwnNumber() throws Exception {
    Property property = data.property("Europe/Rome", "en");
    String api = "/api/properties/" + property.id() + "/twilio";
    assertThat(
            java.net.http.HttpClient.newHttpClient()
                .send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(local() + api))
                        .header("Content-Type", "application/json")
                        .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{}"))
                        .build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString())
                .statusCode())
        .as("only managers may change where a house's messages come from")
        .isEqualTo(401);

    // an account whose token the app does not know, and a malformed number: refused, nothing kept
    var refused =
        put(api, "{\"accountSid\":\"AC" + "1".repeat(32) + "\",\"smsFrom\":\"0039 333\"}");
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.headers().firstValue("Content-Type")).contains("application/problem+json");
    assertThat(refused.body())
        .contains("GUESTJOURNEY_TWILIO_AUTHTOKENS_AC" + "1".repeat(32))
        .contains("smsFrom");
    assertThat(get(api).body()).contains(FakeTwilio.ACCOUNT_SID);

    var saved =
        put(
            api,
            "{\"accountSid\":\""
                + FakeTwilio.OTHER_ACCOUNT_SID
                + "\",\"smsFrom\":\"+15005550009\",\"whatsappFrom\":\"+15005550010\"}");
    assertThat(saved.statusCode()).isEqualTo(200);
    assertThat(saved.body()).contains(FakeTwilio.OTHER_ACCOUNT_SID).doesNotContain("auth");
    assertThat(get("/properties/" + property.id() + "/settings").body())
        .contains(FakeTwilio.OTHER_ACCOUNT_SID + " (this house&#39;s own)")
        .contains("on, from +15005550009")
        .doesNotContain(FakeTwilio.OTHER_AUTH_TOKEN);

    String phone = phone();
    LocalDate arrival =
        LocalDate.ofInstant(app.getBean(TimeMachine.class).now(), property.timeZone()).plusDays(8);
    long booking =
        data.book(
                new BookingRequest(
                    property.id(),
                    "OWN-" + UUID.randomUUID(),
                    "direct",
                    arrival,
                    arrival.plusDays(2),
                    null,
                    2,
                    null,
                    new GuestDetails("Mia Rossi", null, phone, "en", "SMS")))
            .id();
    data.awaitState(booking, MessageStep.BOOKING_CONFIRMATION, DeliveryState.SENT);
    FakeTwilio.Received post = postsTo(phone).getFirst();
    assertThat(post.path()).isEqualTo(FakeTwilio.messagesOf(FakeTwilio.OTHER_ACCOUNT_SID));
    assertThat(post.params()).containsEntry("From", "+15005550009");
  }

  private static java.net.http.HttpResponse<String> put(String path, String json) throws Exception {
    return java.net.http.HttpClient.newHttpClient()
        .send(
            java.net.http.HttpRequest.newBuilder(java.net.URI.create(local() + path))
                .header("Content-Type", "application/json")
                .header("Cookie", manager().cookie())
                .header("X-CSRF-TOKEN", manager().csrfToken())
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(json))
                .build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
  }

  private static java.net.http.HttpResponse<String> get(String path) throws Exception {
    return java.net.http.HttpClient.newHttpClient()
        .send(
            java.net.http.HttpRequest.newBuilder(java.net.URI.create(local() + path))
                .header("Cookie", manager().cookie())
                .build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
  }

  private static org.guestjourney.support.SignedIn.Session manager;

  /** The embedded default's demo manager, signed in: only managers may set a property's senders. */
  private static org.guestjourney.support.SignedIn.Session manager() {
    if (manager == null) {
      manager =
          org.guestjourney.support.SignedIn.session(
              new org.springframework.boot.test.web.client.TestRestTemplate(
                  new org.springframework.boot.web.client.RestTemplateBuilder().rootUri(local())),
              "manager",
              "manager");
    }
    return manager;
  }

  private static String local() {
    return "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
  }

  private static MessageDelivery awaitWhatsApp(long booking) {
    MessageDelivery sent =
        data.awaitState(booking, MessageStep.BOOKING_CONFIRMATION, DeliveryState.SENT);
    assertThat(sent.channel()).isEqualTo(ChannelType.WHATSAPP);
    return sent;
  }

  private static MessageDelivery awaitFallback(long booking) {
    return await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () ->
                data.messages(booking).stream()
                    .filter(d -> d.fallbackFor() != null && d.state() == DeliveryState.SENT)
                    .findFirst(),
            java.util.Optional::isPresent)
        .orElseThrow();
  }

  private static List<FakeTwilio.Received> postsTo(String phone) {
    return twilio.posts().stream()
        .filter(
            p ->
                phone.equals(p.params().get("To"))
                    || ("whatsapp:" + phone).equals(p.params().get("To")))
        .toList();
  }

  private static long book(Property property, String phone) {
    LocalDate arrival =
        LocalDate.ofInstant(app.getBean(TimeMachine.class).now(), property.timeZone()).plusDays(8);
    return data.book(
            new BookingRequest(
                property.id(),
                "WA-" + UUID.randomUUID(),
                "direct",
                arrival,
                arrival.plusDays(2),
                null,
                2,
                null,
                new GuestDetails("Lena Weber", null, phone, "en", "WHATSAPP")))
        .id();
  }

  private static String phone() {
    return "+4915" + (10000000 + (int) (Math.random() * 89999999));
  }
}
