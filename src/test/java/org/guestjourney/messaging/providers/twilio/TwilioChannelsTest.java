package org.guestjourney.messaging.providers.twilio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.guestjourney.messaging.Channel;
import org.guestjourney.messaging.Channel.Receipt;
import org.guestjourney.messaging.ChannelType;
import org.guestjourney.messaging.OutgoingMessage;
import org.guestjourney.messaging.ProviderBusy;
import org.guestjourney.messaging.ProviderRejection;
import org.guestjourney.messaging.RenderedMessage;
import org.guestjourney.messaging.SendFailedException;
import org.guestjourney.messaging.providers.twilio.FakeTwilio.AcceptTooLate;
import org.guestjourney.messaging.providers.twilio.FakeTwilio.Received;
import org.guestjourney.messaging.providers.twilio.FakeTwilio.Refuse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The SMS and WhatsApp channels with the real Twilio SDK, talking HTTP to a local imitation of
 * Twilio: what is sent, how Twilio's refusals and failures come back, and that nothing is ever sent
 * a second time behind the caller's back.
 */
class TwilioChannelsTest {

  static final String SMS_NUMBER = "+15005550006";
  static final String WHATSAPP_NUMBER = "+14155238886";
  static final String GUEST = "+393331234567";
  static final String PUBLIC_URL = "https://guests.example.com";
  static final String TEXT =
      "Hi Anna Rossi, see you tomorrow at Casa Verde! Check-in from 15:00. - Casa Verde";

  private FakeTwilio twilio;
  private TwilioGateway gateway;

  @BeforeEach
  void startTwilio() throws Exception {
    twilio = new FakeTwilio();
  }

  @AfterEach
  void stop() {
    if (gateway != null) {
      gateway.close();
    }
    twilio.close();
  }

  @Test
  void sendsAnSmsFromTheConfiguredNumberWithAStatusCallback() throws Exception {
    Channel sms = sms(properties(SMS_NUMBER, null, null, Duration.ofSeconds(5)));

    Receipt receipt = sms.send(message(GUEST, TEXT));

    assertThat(sms.type()).isEqualTo(ChannelType.SMS);
    assertThat(twilio.posts()).hasSize(1);
    Received post = twilio.posts().getFirst();
    assertThat(post.params())
        .containsEntry("To", GUEST)
        .containsEntry("From", SMS_NUMBER)
        .containsEntry("Body", TEXT)
        .containsEntry("StatusCallback", PUBLIC_URL + "/webhooks/twilio/status")
        .doesNotContainKey("MessagingServiceSid");
    assertThat(receipt.providerMessageId()).startsWith("SM").hasSize(34);
    assertThat(receipt.detail()).isEqualTo("Accepted by Twilio (status queued)");
  }

  @Test
  void sendsAWhatsAppMessageWithTheWhatsAppPrefixOnBothNumbers() throws Exception {
    Channel whatsapp = whatsapp(properties(null, WHATSAPP_NUMBER, null, Duration.ofSeconds(5)));

    whatsapp.send(message(GUEST, "你好，王小明！明天见。【Casa Verde】"));

    assertThat(whatsapp.type()).isEqualTo(ChannelType.WHATSAPP);
    assertThat(twilio.posts().getFirst().params())
        .containsEntry("To", "whatsapp:" + GUEST)
        .containsEntry("From", "whatsapp:" + WHATSAPP_NUMBER)
        .containsEntry("Body", "你好，王小明！明天见。【Casa Verde】");
  }

  @Test
  void sendsThroughTheMessagingServiceWhenNoSmsNumberIsSet() throws Exception {
    Channel sms = sms(properties(null, null, "MG" + "1".repeat(32), Duration.ofSeconds(5)));

    Receipt receipt = sms.send(message(GUEST, TEXT));

    assertThat(twilio.posts().getFirst().params())
        .containsEntry("MessagingServiceSid", "MG" + "1".repeat(32))
        .doesNotContainKey("From");
    assertThat(receipt.detail()).contains("accepted");
  }

  @Test
  void withoutAPublicUrlNoStatusCallbackIsRequested() throws Exception {
    Channel sms =
        sms(
            new TwilioProperties(
                FakeTwilio.ACCOUNT_SID,
                FakeTwilio.AUTH_TOKEN,
                SMS_NUMBER,
                null,
                null,
                twilio.baseUrl(),
                null,
                Duration.ofSeconds(5),
                null));

    sms.send(message(GUEST, TEXT));

    assertThat(twilio.posts().getFirst().params()).doesNotContainKey("StatusCallback");
  }

  @Test
  void anUnsubscribedRecipientIsARefusalForGoodThatMarksAnOptOut() {
    Channel sms = sms(properties(SMS_NUMBER, null, null, Duration.ofSeconds(5)));
    twilio.answerNextWith(new Refuse(400, 21610, "Attempt to send to unsubscribed recipient"));

    Throwable thrown = catchThrowable(() -> sms.send(message(GUEST, TEXT)));

    assertThat(thrown).isInstanceOf(ProviderRejection.class);
    ProviderRejection rejection = (ProviderRejection) thrown;
    assertThat(rejection.code()).isEqualTo("21610");
    assertThat(rejection.recipientOptedOut()).isTrue();
    assertThat(rejection.getMessage()).isEqualTo("Attempt to send to unsubscribed recipient");
    assertThat(twilio.posts()).hasSize(1);
  }

  @Test
  void anInvalidNumberIsARefusalForGoodButNotAnOptOut() {
    Channel sms = sms(properties(SMS_NUMBER, null, null, Duration.ofSeconds(5)));
    twilio.answerNextWith(new Refuse(400, 21211, "Invalid 'To' Phone Number: +3933312"));

    Throwable thrown = catchThrowable(() -> sms.send(message("+3933312", TEXT)));

    assertThat(thrown)
        .isInstanceOfSatisfying(
            ProviderRejection.class,
            r -> {
              assertThat(r.code()).isEqualTo("21211");
              assertThat(r.recipientOptedOut()).isFalse();
            });
    assertThat(twilio.posts()).hasSize(1);
  }

  @Test
  void tooManyRequestsIsTemporaryAndTheClientDoesNotRetry() {
    Channel sms = sms(properties(SMS_NUMBER, null, null, Duration.ofSeconds(5)));
    twilio.answerNextWith(new Refuse(429, 20429, "Too Many Requests"));

    Throwable thrown = catchThrowable(() -> sms.send(message(GUEST, TEXT)));

    assertThat(thrown).isNotNull().isNotInstanceOf(ProviderRejection.class);
    assertThat(twilio.posts()).hasSize(1);
  }

  @Test
  void tooManyRequestsWithRetryAfterMakesTheRetryWaitAsLongAsTwilioAsked() {
    Channel sms = sms(properties(SMS_NUMBER, null, null, Duration.ofSeconds(5)));
    twilio.answerNextWith(new FakeTwilio.Busy(Duration.ofSeconds(90)));

    Throwable thrown = catchThrowable(() -> sms.send(message(GUEST, TEXT)));

    assertThat(thrown).isInstanceOf(ProviderBusy.class);
    assertThat(((ProviderBusy) thrown).retryAfter()).isEqualTo(Duration.ofSeconds(90));
    assertThat(twilio.posts()).hasSize(1);
    assertThat(twilio.messagesTo(GUEST)).isEmpty();
    // the job's retry waits Twilio's 90 s rather than the usual backoff, and a shorter ask does
    // not shorten the usual backoff
    Instant now = Instant.now();
    assertThat(new SendFailedException("busy", thrown).backoff(Duration.ofSeconds(30), now))
        .isEqualTo(Duration.ofSeconds(90));
    assertThat(
            new SendFailedException("busy", new ProviderBusy("busy", Duration.ofSeconds(5)))
                .backoff(Duration.ofSeconds(30), now))
        .isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void aServerErrorIsTemporaryAndTheSdkDoesNotRetry() {
    Channel sms = sms(properties(SMS_NUMBER, null, null, Duration.ofSeconds(5)));
    twilio.answerNextWith(new Refuse(500, 20500, "An internal server error has occurred"));

    Throwable thrown = catchThrowable(() -> sms.send(message(GUEST, TEXT)));

    assertThat(thrown).isNotNull().isNotInstanceOf(ProviderRejection.class);
    assertThat(twilio.posts()).hasSize(1);
  }

  @Test
  void wrongCredentialsAreTemporaryNotTheMessagesFault() {
    Channel sms =
        sms(
            new TwilioProperties(
                FakeTwilio.ACCOUNT_SID,
                "not-the-token",
                SMS_NUMBER,
                null,
                null,
                twilio.baseUrl(),
                PUBLIC_URL,
                Duration.ofSeconds(5),
                null));

    Throwable thrown = catchThrowable(() -> sms.send(message(GUEST, TEXT)));

    assertThat(thrown).isNotNull().isNotInstanceOf(ProviderRejection.class);
    assertThat(twilio.posts()).hasSize(1);
  }

  @Test
  void afterATimeoutTwiliosRecordShowsTheMessageWentOutSoItIsNotSentAgain() throws Exception {
    Channel sms = sms(properties(SMS_NUMBER, null, null, Duration.ofMillis(300)));
    twilio.answerNextWith(new AcceptTooLate(Duration.ofSeconds(3)));
    Instant firstAttempt = Instant.now();

    assertThatThrownBy(() -> sms.send(message(GUEST, TEXT)))
        .isNotInstanceOf(ProviderRejection.class)
        .hasMessageContaining("No answer from Twilio");
    Optional<Receipt> earlier = sms.findAlreadySent(message(GUEST, TEXT), firstAttempt);

    assertThat(earlier).isPresent();
    assertThat(earlier.get().providerMessageId()).startsWith("SM");
    assertThat(earlier.get().detail()).isEqualTo("Found at Twilio (status queued)");
    assertThat(twilio.posts()).hasSize(1);
    Received lookup = twilio.received().getLast();
    assertThat(lookup.method()).isEqualTo("GET");
    assertThat(lookup.params()).containsEntry("To", GUEST).containsEntry("From", SMS_NUMBER);
  }

  @Test
  void twiliosRecordIsNotMistakenForTheMessageWhenTheTextOrTheTimeDiffer() throws Exception {
    Channel sms = sms(properties(SMS_NUMBER, null, null, Duration.ofSeconds(5)));
    Instant since = Instant.now();
    twilio.alreadyHas(SMS_NUMBER, GUEST, "Another message", since.plusSeconds(1));
    twilio.alreadyHas(SMS_NUMBER, GUEST, TEXT, since.minus(Duration.ofDays(3))); // last stay's
    twilio.alreadyHas(SMS_NUMBER, "+393339999999", TEXT, since.plusSeconds(1)); // another guest

    assertThat(sms.findAlreadySent(message(GUEST, TEXT), since)).isEmpty();
  }

  @Test
  void aWhatsAppMessageIsLookedUpWithItsPrefixes() throws Exception {
    Channel whatsapp = whatsapp(properties(null, WHATSAPP_NUMBER, null, Duration.ofSeconds(5)));
    Instant since = Instant.now();
    Map<String, Object> sent =
        twilio.alreadyHas("whatsapp:" + WHATSAPP_NUMBER, "whatsapp:" + GUEST, TEXT, since);

    Optional<Receipt> found = whatsapp.findAlreadySent(message(GUEST, TEXT), since);

    assertThat(found).map(Receipt::providerMessageId).contains((String) sent.get("sid"));
  }

  @Test
  void withoutATwilioAccountBothChannelsAreUnavailableAndNeverCallTwilio() throws Exception {
    TwilioProperties none =
        new TwilioProperties(
            null,
            null,
            SMS_NUMBER,
            WHATSAPP_NUMBER,
            null,
            twilio.baseUrl(),
            PUBLIC_URL,
            Duration.ofSeconds(5),
            null);
    Channel sms = sms(none);
    Channel whatsapp = new TwilioWhatsAppChannel(gateway, none);

    for (Channel channel : new Channel[] {sms, whatsapp}) {
      assertThat(channel.unavailableReason())
          .contains(
              "SMS/WhatsApp disabled: no Twilio account configured"
                  + " (GUEST_JOURNEY_TWILIO_ACCOUNTSID, GUEST_JOURNEY_TWILIO_AUTHTOKEN)");
      assertThatThrownBy(() -> channel.send(message(GUEST, TEXT)))
          .isInstanceOf(IllegalStateException.class);
      assertThat(channel.findAlreadySent(message(GUEST, TEXT), Instant.now())).isEmpty();
    }
    assertThat(twilio.received()).isEmpty();
  }

  @Test
  void aChannelWithoutASenderSaysWhichSettingIsMissing() {
    TwilioProperties noSenders = properties(null, null, null, Duration.ofSeconds(5));

    assertThat(sms(noSenders).unavailableReason())
        .contains(
            "SMS disabled: no sender configured"
                + " (GUEST_JOURNEY_TWILIO_SMSFROM or GUEST_JOURNEY_TWILIO_MESSAGINGSERVICESID)");
    assertThat(new TwilioWhatsAppChannel(gateway, noSenders).unavailableReason())
        .contains("WhatsApp disabled: no sender configured (GUEST_JOURNEY_TWILIO_WHATSAPPFROM)");
    assertThat(twilio.received()).isEmpty();
  }

  private TwilioProperties properties(
      String smsFrom, String whatsappFrom, String messagingServiceSid, Duration timeout) {
    return new TwilioProperties(
        FakeTwilio.ACCOUNT_SID,
        FakeTwilio.AUTH_TOKEN,
        smsFrom,
        whatsappFrom,
        messagingServiceSid,
        twilio.baseUrl(),
        PUBLIC_URL,
        timeout,
        null);
  }

  private Channel sms(TwilioProperties properties) {
    gateway = new TwilioGateway(properties);
    return new TwilioSmsChannel(gateway, properties);
  }

  private Channel whatsapp(TwilioProperties properties) {
    gateway = new TwilioGateway(properties);
    return new TwilioWhatsAppChannel(gateway, properties);
  }

  private static OutgoingMessage message(String to, String text) {
    return new OutgoingMessage(
        "booking/1/day-before-reminder",
        to,
        "Casa Verde",
        "host@casaverde.example",
        new RenderedMessage("en", null, null, text));
  }
}
