package org.guestjourney.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.guestjourney.booking.Booking;
import org.guestjourney.property.Property;
import org.guestjourney.support.JourneyIntegrationTest;
import org.guestjourney.support.StatementCounter;
import org.guestjourney.support.TestMailServer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

/**
 * What one sent message costs the database on the send path (decide, claim, render, send, record):
 * the booking, its guest, the house and its settings come in one joined read, not one statement
 * each. The figure is printed; the bound catches a send path that grows back.
 */
@Import(StatementCounter.class)
class SendPathStatementsTest extends JourneyIntegrationTest {

  @Autowired MessagingService messaging;

  @Test
  void aSentMessageTakesAFewStatements() throws Exception {
    Property house = data.property("Europe/Rome", "en");
    String guest = data.uniqueEmail();
    Booking booking = data.bookArrivingIn(house, 30, guest);
    String key = "booking/" + booking.id() + "/check-in-guide/statements";
    messaging.plan(booking.id(), MessageStep.CHECK_IN_GUIDE, key, timeMachine.now());
    GuestMessageRequest request =
        new GuestMessageRequest(booking.id(), MessageStep.CHECK_IN_GUIDE, key, Map.of())
            .requestedBy("front desk"); // staff's "send now": no spacing after the confirmation

    StatementCounter.Counted<java.util.Optional<MessageDelivery>> sent =
        StatementCounter.count(() -> messaging.send(request));

    MessageDelivery message = messaging.find(key).orElseThrow();
    assertThat(message.state()).as(message.reason()).isEqualTo(DeliveryState.SENT);
    assertThat(TestMailServer.to(guest))
        .filteredOn(m -> messageId(m).contains("check-in-guide.statements"))
        .hasSize(1);
    System.out.printf(
        "Send path: %d statements on %d connections for one sent message%n",
        sent.counts().statements(), sent.counts().connections());
    assertThat(sent.counts().statements()).isLessThanOrEqualTo(12);
  }

  private static String messageId(jakarta.mail.internet.MimeMessage m) {
    try {
      return m.getMessageID();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }
}
