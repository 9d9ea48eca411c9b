package org.guestjourney.journey;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import org.guestjourney.booking.Booking;
import org.guestjourney.messaging.DeliveryState;
import org.guestjourney.messaging.MessageDelivery;
import org.guestjourney.messaging.MessageStep;
import org.guestjourney.property.Property;
import org.guestjourney.support.JourneyIntegrationTest;
import org.guestjourney.support.TestMailServer;
import org.junit.jupiter.api.Test;

/**
 * Moving the clock past the moment many stays' messages fall due at once returns only when they are
 * done: every message sent (none still scheduled or being sent, none skipped as stale because the
 * engine was busy when the clock moved on), each received once by the mail server.
 */
class TimeMachineSettlesTest extends JourneyIntegrationTest {

  private static final int STAYS = 100;

  @Test
  void aBurstOfDueMessagesIsDoneWhenTheClockHasMoved() throws Exception {
    Property house = data.property("Europe/Rome", LocalTime.of(10, 0), "en");
    LocalDate arrival = LocalDate.ofInstant(timeMachine.now(), house.timeZone()).plusDays(12);
    List<Booking> stays = new ArrayList<>();
    List<String> guests = new ArrayList<>();
    for (int i = 0; i < STAYS; i++) {
      String email = data.uniqueEmail();
      guests.add(email);
      stays.add(data.book(data.request(house, arrival, 2, email, "en")));
    }
    // the check-in guides (3 days before, 10:00) and the day-before reminders (10:00) in one move
    Instant beforeArrival = arrival.atTime(6, 0).atZone(house.timeZone()).toInstant();

    timeMachine.advance(Duration.between(timeMachine.now(), beforeArrival));

    // no waiting here: the move itself waited until what fell due was done
    for (Booking stay : stays) {
      for (MessageStep step :
          List.of(MessageStep.CHECK_IN_GUIDE, MessageStep.DAY_BEFORE_REMINDER)) {
        MessageDelivery message = data.message(stay.id(), step);
        assertThat(message.state())
            .as("%s of booking %d: %s", step.code(), stay.id(), message.reason())
            .isEqualTo(DeliveryState.SENT);
      }
    }
    for (String guest : guests) {
      List<String> ids = new ArrayList<>();
      for (MimeMessage m : TestMailServer.to(guest)) {
        ids.add(m.getMessageID());
      }
      assertThat(ids).as(guest).filteredOn(id -> id.contains("check-in-guide")).hasSize(1);
      assertThat(ids).as(guest).filteredOn(id -> id.contains("day-before-reminder")).hasSize(1);
    }
  }
}
