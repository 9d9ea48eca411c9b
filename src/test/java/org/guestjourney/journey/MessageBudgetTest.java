package org.guestjourney.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.guestjourney.booking.Booking;
import org.guestjourney.messaging.DeliveryState;
import org.guestjourney.messaging.MessageDelivery;
import org.guestjourney.messaging.MessageStep;
import org.guestjourney.property.Property;
import org.guestjourney.support.JourneyIntegrationTest;
import org.guestjourney.support.Mails;
import org.guestjourney.support.TestMailServer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

/**
 * A three-night stay at a house with the default budget of six automated messages: the shipped
 * journeys would send ten; the models let the thank-you carry the survey and the review request,
 * and leave the courtesy check-in and the survey reminder out. Every merge and omission is on the
 * record with its reason; nothing is dropped silently.
 */
class MessageBudgetTest extends JourneyIntegrationTest {

  private static final Duration MINUTE = Duration.ofMinutes(1);

  @Autowired TestRestTemplate anonymous;

  @Test
  void aThreeNightStayGetsSixMessagesWithTheSurveyAndReviewRidingOnTheThankYou() throws Exception {
    Property property = data.property("Europe/Rome", "en");
    ZoneId rome = property.timeZone();
    LocalDate arrival = LocalDate.ofInstant(engine.now(), rome).plusDays(10);
    LocalDate departure = arrival.plusDays(3);
    String email = data.uniqueEmail();
    Booking booking = data.book(data.request(property, arrival, 3, email, "en"));
    data.awaitState(booking.id(), MessageStep.BOOKING_CONFIRMATION, DeliveryState.SENT);

    String page =
        org.guestjourney.support.SignedIn.as(anonymous, "frontdesk", "frontdesk")
            .getForObject("/bookings/" + booking.id(), String.class);
    assertThat(page).contains("data-testid=\"plan-count\">6 automated messages<");

    record Step(Instant at, MessageStep step) {}
    for (Step next :
        List.of(
            new Step(at(arrival.minusDays(3), 10, 0, rome), MessageStep.CHECK_IN_GUIDE),
            new Step(at(arrival.minusDays(1), 10, 0, rome), MessageStep.DAY_BEFORE_REMINDER),
            new Step(at(arrival, 15, 0, rome), MessageStep.WELCOME),
            new Step(at(arrival.plusDays(1), 9, 30, rome), MessageStep.QUICK_SURVEY),
            new Step(at(arrival.plusDays(1), 17, 0, rome), MessageStep.COURTESY_CHECK_IN),
            new Step(at(departure, 14, 0, rome), MessageStep.THANK_YOU),
            new Step(at(departure.plusDays(1), 10, 0, rome), MessageStep.SATISFACTION_SURVEY),
            new Step(at(departure.plusDays(2), 10, 0, rome), MessageStep.REVIEW_REQUEST),
            new Step(
                at(departure.plusDays(4), 10, 0, rome),
                MessageStep.SATISFACTION_SURVEY_REMINDER))) {
      engine.moveTo(next.at().plus(MINUTE));
      // each step settles (sent, skipped or merged) at its own moment before time moves on
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  data.messages(booking.id()).stream()
                      .anyMatch(d -> d.step().equals(next.step()) && d.isSettled()));
    }
    MessageDelivery reminder = data.message(booking.id(), MessageStep.SATISFACTION_SURVEY_REMINDER);
    assertThat(reminder.state()).isEqualTo(DeliveryState.SKIPPED);

    List<MimeMessage> mails = TestMailServer.to(email);
    assertThat(mails)
        .extracting(MimeMessage::getSubject)
        .containsExactly(
            "Your booking at " + property.name() + " is confirmed",
            "How to get to " + property.name() + " and check in",
            "See you tomorrow at " + property.name(),
            mails.get(3).getSubject(),
            mails.get(4).getSubject(),
            "Thank you for staying at " + property.name());
    String thankYou = Mails.body(mails.get(5));
    assertThat(thankYou).contains("/survey/").contains("Share your feedback").contains("review");

    assertThat(data.message(booking.id(), MessageStep.SATISFACTION_SURVEY).reason())
        .isEqualTo("To keep the stay within its message budget it went with the thank-you");
    assertThat(data.message(booking.id(), MessageStep.REVIEW_REQUEST).reason())
        .isEqualTo("To keep the stay within its message budget it went with the thank-you");
    assertThat(data.message(booking.id(), MessageStep.COURTESY_CHECK_IN))
        .satisfies(d -> assertThat(d.state()).isEqualTo(DeliveryState.SKIPPED))
        .satisfies(d -> assertThat(d.reason()).startsWith("Left out").contains("budget of 6"));
    assertThat(reminder.reason()).startsWith("Left out").contains("budget of 6");
    await().atMost(Duration.ofSeconds(5)).until(() -> TestMailServer.to(email).size() == 6);
  }

  private static Instant at(LocalDate day, int hour, int minute, ZoneId zone) {
    return ZonedDateTime.of(day, LocalTime.of(hour, minute), zone).toInstant();
  }
}
