package org.guestjourney.messaging.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.guestjourney.messaging.ChannelType;
import org.guestjourney.messaging.MessagingProperties;
import org.guestjourney.messaging.OutgoingMessage;
import org.guestjourney.messaging.ProviderRejection;
import org.guestjourney.messaging.RenderedMessage;
import org.guestjourney.support.FaultySmtpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The e-mail channel against an SMTP server that misbehaves: a refused recipient is a refusal for
 * good, a server that hangs does not hold the sender for ever, and a repeated send carries the same
 * {@code Message-ID}. The time-outs come from the shipped {@code application.yaml}.
 */
class EmailChannelFaultsTest {

  private static final MessagingProperties SETTINGS =
      new MessagingProperties(
          Duration.ofHours(1),
          Duration.ofMinutes(2),
          Duration.ofSeconds(30),
          "guest-journey@localhost",
          List.of(ChannelType.EMAIL),
          Duration.ofMinutes(10),
          null,
          Duration.ofSeconds(150));

  private FaultySmtpServer smtp;
  private EmailChannel channel;

  @BeforeEach
  void channelToAFaultySmtpServer() throws Exception {
    smtp = new FaultySmtpServer();
    JavaMailSenderImpl sender = new JavaMailSenderImpl();
    sender.setHost("127.0.0.1");
    sender.setPort(smtp.port());
    Properties shipped = new Properties();
    shipped.putAll(shippedMailProperties());
    sender.setJavaMailProperties(shipped);
    channel =
        new EmailChannel(
            new StaticListableBeanFactory(Map.of("mailSender", sender))
                .getBeanProvider(JavaMailSender.class),
            SETTINGS);
  }

  @AfterEach
  void stop() throws Exception {
    smtp.close();
  }

  @Test
  void aRecipientTheServerRefusesWith550IsRefusedForGood() {
    smtp.refuse("nobody@example.com");

    Throwable thrown = catchThrowable(() -> channel.send(message("nobody@example.com")));

    assertThat(thrown).isInstanceOf(ProviderRejection.class);
    assertThat(((ProviderRejection) thrown).code()).isEqualTo("550");
    assertThat(thrown.getMessage()).contains("refused the recipient").contains("no such user");
    assertThat(smtp.receivedBy("nobody@example.com")).isEmpty();
  }

  @Test
  @Timeout(60) // a safety net: without read time-outs this test would never end
  void aServerThatAcceptsAndHangsEndsTheSendAsATemporaryFailure() {
    smtp.hang(true);

    Throwable thrown = catchThrowable(() -> channel.send(message("emma@example.com")));

    assertThat(thrown).isNotNull().isNotInstanceOf(ProviderRejection.class);
    assertThat(smtp.receivedBy("emma@example.com")).isEmpty();
  }

  @Test
  void aRepeatedSendCarriesTheSameMessageId() throws Exception {
    channel.send(message("emma@example.com"));
    channel.send(message("emma@example.com"));

    List<FaultySmtpServer.Received> received = smtp.receivedBy("emma@example.com");
    assertThat(received).hasSize(2);
    assertThat(received.get(0).messageId())
        .isEqualTo(EmailChannel.messageId("booking/7/booking-confirmation"))
        .isEqualTo(received.get(1).messageId());
  }

  @Test
  void theShippedTimeOutsEndAHungSendWellInsideTheSendLease() throws Exception {
    Map<String, String> mail = shippedMailProperties();
    long connect = Long.parseLong(mail.get("mail.smtp.connectiontimeout"));
    long read = Long.parseLong(mail.get("mail.smtp.timeout"));
    long write = Long.parseLong(mail.get("mail.smtp.writetimeout"));

    // greeting, EHLO, AUTH, MAIL, RCPT, DATA, the message, QUIT: each may wait its time-out
    Duration worstCase = Duration.ofMillis(connect + 7 * read + write);
    assertThat(worstCase).isLessThan(SETTINGS.sendLease().multipliedBy(3).dividedBy(4));
  }

  /** {@code spring.mail.properties} as {@code application.yaml} ships them. */
  private static Map<String, String> shippedMailProperties() throws Exception {
    StandardEnvironment environment = new StandardEnvironment();
    new YamlPropertySourceLoader()
        .load("application", new ClassPathResource("application.yaml"))
        .forEach(environment.getPropertySources()::addLast);
    return Binder.get(environment)
        .bind("spring.mail.properties", Bindable.mapOf(String.class, String.class))
        .orElseThrow(() -> new AssertionError("application.yaml sets no spring.mail.properties"));
  }

  private static OutgoingMessage message(String to) {
    return new OutgoingMessage(
        "booking/7/booking-confirmation",
        to,
        "Casa Verde",
        "host@casaverde.example",
        new RenderedMessage("en", "Your booking", "<p>See you soon</p>"),
        null,
        1L);
  }
}
