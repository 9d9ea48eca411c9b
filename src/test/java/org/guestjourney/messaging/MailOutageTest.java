package org.guestjourney.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.UUID;
import org.guestjourney.clock.TimeMachine;
import org.guestjourney.property.Property;
import org.guestjourney.support.StandaloneApp;
import org.guestjourney.support.TestData;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** The SMTP server is down when a message is due: the send fails, is retried, and goes out once. */
class MailOutageTest {

  @Test
  void retriesAFailedSendAndDeliversItExactlyOnce() throws Exception {
    int smtpPort;
    try (ServerSocket probe = new ServerSocket(0)) {
      smtpPort = probe.getLocalPort();
    }
    Path dataDirectory = Path.of("target/test-data/outage-" + UUID.randomUUID());
    GreenMail smtp =
        new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    try (ConfigurableApplicationContext app = StandaloneApp.start(dataDirectory, smtpPort)) {
      TestData data = TestData.of(app);
      Property property = data.property("Europe/Rome", "en");
      LocalDate arrival =
          LocalDate.ofInstant(app.getBean(TimeMachine.class).now(), property.timeZone())
              .plusDays(9);
      String email = data.uniqueEmail();
      long booking = data.book(data.request(property, arrival, 2, email, "en")).id();

      MessageDelivery failed =
          data.awaitState(booking, MessageStep.BOOKING_CONFIRMATION, DeliveryState.FAILED);
      assertThat(failed.reason()).startsWith("E-mail not sent:");

      smtp.start(); // the mail server is back
      MessageDelivery sent =
          data.awaitState(booking, MessageStep.BOOKING_CONFIRMATION, DeliveryState.SENT);
      assertThat(sent.attempts()).isGreaterThanOrEqualTo(2);
      await()
          .during(Duration.ofSeconds(2))
          .atMost(Duration.ofSeconds(5))
          .until(() -> smtp.getReceivedMessages().length == 1);
      assertThat(app.getBean(MessagingService.class).history(sent.id()))
          .extracting(DeliveryEvent::state)
          .containsSubsequence(
              DeliveryState.SCHEDULED,
              DeliveryState.SENDING,
              DeliveryState.FAILED,
              DeliveryState.SENDING,
              DeliveryState.SENT);
    } finally {
      smtp.stop();
    }
  }
}
