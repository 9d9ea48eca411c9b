package org.guestjourney.messaging.providers.twilio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.UUID;
import org.guestjourney.booking.BookingRequest;
import org.guestjourney.booking.BookingRequest.GuestDetails;
import org.guestjourney.clock.TimeMachine;
import org.guestjourney.messaging.ChannelType;
import org.guestjourney.messaging.DeliveryState;
import org.guestjourney.messaging.MessageDelivery;
import org.guestjourney.messaging.MessageStep;
import org.guestjourney.messaging.OptOuts;
import org.guestjourney.property.Property;
import org.guestjourney.support.StandaloneApp;
import org.guestjourney.support.TestData;
import org.guestjourney.support.TestMailServer;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole app with Twilio configured, against a local imitation of Twilio's API: a guest who
 * prefers SMS gets their messages by SMS, an uncertain attempt is not sent twice, and a number that
 * unsubscribed at Twilio is respected from then on.
 */
class SmsJourneyAppTest {

  @Test
  void aGuestWhoPrefersSmsGetsItOnceEvenWhenTwilioAnswersTooLate() throws Exception {
    try (FakeTwilio twilio = new FakeTwilio();
        ConfigurableApplicationContext app =
            StandaloneApp.start(
                Path.of("target/test-data/sms-" + UUID.randomUUID()),
                TestMailServer.port(),
                "guest-journey.twilio.account-sid=" + FakeTwilio.ACCOUNT_SID,
                "guest-journey.twilio.auth-token=" + FakeTwilio.AUTH_TOKEN,
                "guest-journey.twilio.sms-from=+15005550006",
                "guest-journey.twilio.api-base-url=" + twilio.baseUrl(),
                "guest-journey.twilio.request-timeout=PT1S")) {
      TestData data = TestData.of(app);
      Property property = data.property("Europe/Rome", "en");
      LocalDate arrival =
          LocalDate.ofInstant(app.getBean(TimeMachine.class).now(), property.timeZone())
              .plusDays(8);
      String phone = "+3934" + (10000000 + (int) (Math.random() * 89999999));

      // Twilio takes the message but answers after our timeout: the outcome is unknown to us
      twilio.answerNextWith(new FakeTwilio.AcceptTooLate(Duration.ofSeconds(3)));
      long booking =
          data.book(
                  new BookingRequest(
                      property.id(),
                      "SMS-" + UUID.randomUUID(),
                      "direct",
                      arrival,
                      arrival.plusDays(2),
                      null,
                      2,
                      null,
                      new GuestDetails("Giulia Verdi", null, phone, "en", "SMS")))
              .id();
      MessageDelivery failed =
          data.awaitState(booking, MessageStep.BOOKING_CONFIRMATION, DeliveryState.FAILED);
      assertThat(failed.reason()).startsWith("SMS not sent:");
      twilio.answerNextWith(new FakeTwilio.Accept());

      // the retry finds the message in Twilio's record and does not send it again
      MessageDelivery sent =
          data.awaitState(booking, MessageStep.BOOKING_CONFIRMATION, DeliveryState.SENT);
      assertThat(sent.channel()).isEqualTo(ChannelType.SMS);
      assertThat(sent.recipient()).isEqualTo(phone);
      assertThat(sent.reason()).startsWith("Found at the provider after an uncertain attempt");
      assertThat(sent.providerMessageId()).startsWith("SM");
      await()
          .during(Duration.ofSeconds(2))
          .atMost(Duration.ofSeconds(4))
          .until(() -> twilio.posts().size() == 1);
      assertThat(twilio.posts().getFirst().params())
          .containsEntry("To", phone)
          .containsEntry("From", "+15005550006");
      assertThat(twilio.posts().getFirst().params().get("Body")).contains("Giulia");
    }
  }

  @Test
  void aNumberTwilioReportsAsUnsubscribedIsNotTriedAgain() throws Exception {
    try (FakeTwilio twilio = new FakeTwilio();
        ConfigurableApplicationContext app =
            StandaloneApp.start(
                Path.of("target/test-data/sms-" + UUID.randomUUID()),
                TestMailServer.port(),
                "guest-journey.twilio.account-sid=" + FakeTwilio.ACCOUNT_SID,
                "guest-journey.twilio.auth-token=" + FakeTwilio.AUTH_TOKEN,
                "guest-journey.twilio.sms-from=+15005550006",
                "guest-journey.twilio.api-base-url=" + twilio.baseUrl())) {
      TestData data = TestData.of(app);
      Property property = data.property("Europe/Rome", "en");
      LocalDate arrival =
          LocalDate.ofInstant(app.getBean(TimeMachine.class).now(), property.timeZone())
              .plusDays(8);
      String phone = "+3934" + (10000000 + (int) (Math.random() * 89999999));

      twilio.answerNextWith(
          new FakeTwilio.Refuse(400, 21610, "Attempt to send to unsubscribed recipient"));
      long booking =
          data.book(
                  new BookingRequest(
                      property.id(),
                      "SMS-" + UUID.randomUUID(),
                      "direct",
                      arrival,
                      arrival.plusDays(2),
                      null,
                      2,
                      null,
                      new GuestDetails("Paolo Neri", null, phone, "en", "SMS")))
              .id();

      await()
          .atMost(Duration.ofSeconds(15))
          .until(
              () ->
                  data.message(booking, MessageStep.BOOKING_CONFIRMATION).reason() != null
                      && data.message(booking, MessageStep.BOOKING_CONFIRMATION)
                          .reason()
                          .startsWith("Refused by the provider"));
      MessageDelivery refused = data.message(booking, MessageStep.BOOKING_CONFIRMATION);
      assertThat(refused.state()).isEqualTo(DeliveryState.FAILED);
      assertThat(refused.providerError()).isEqualTo("21610");
      assertThat(refused.reason()).contains("opted out");
      assertThat(app.getBean(OptOuts.class).isOptedOut(phone, ChannelType.SMS)).isTrue();
      await()
          .during(Duration.ofSeconds(3))
          .atMost(Duration.ofSeconds(5))
          .until(() -> twilio.posts().size() == 1);
    }
  }
}
