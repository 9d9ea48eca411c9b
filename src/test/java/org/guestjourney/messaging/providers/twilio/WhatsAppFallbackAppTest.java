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
 * when WhatsApp delivered it, and only once however often the check runs.
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
            "guest-journey.messaging.fallback-check-every=PT1S");
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
