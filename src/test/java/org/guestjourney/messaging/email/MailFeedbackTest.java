package org.guestjourney.messaging.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.guestjourney.booking.Booking;
import org.guestjourney.messaging.ChannelType;
import org.guestjourney.messaging.DeliveryState;
import org.guestjourney.messaging.MessageDelivery;
import org.guestjourney.messaging.MessageStep;
import org.guestjourney.messaging.OptOuts;
import org.guestjourney.property.Property;
import org.guestjourney.support.JourneyIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Bounces and spam complaints reported by the mail provider: only with the shared token, checked
 * whole before anything is stored, recorded once, shown on the message, and e-mail to an address
 * that cannot receive it stops with the reason.
 */
class MailFeedbackTest extends JourneyIntegrationTest {

  @Autowired TestRestTemplate http;
  @Autowired OptOuts optOuts;
  @Autowired JdbcClient jdbc;
  @Autowired org.guestjourney.privacy.ContactCipher cipher;

  @Test
  void aPermanentBounceStopsEmailToThatAddressAndShowsOnTheMessage() {
    Property property = data.property("Europe/Rome", "en");
    String email = data.uniqueEmail();
    Booking booking = data.bookArrivingIn(property, 6, email);
    MessageDelivery confirmation =
        data.awaitState(booking.id(), MessageStep.BOOKING_CONFIRMATION, DeliveryState.SENT);
    Map<String, Object> bounce =
        Map.of(
            "provider",
            "postmark",
            "events",
            List.of(
                Map.of(
                    "id",
                    "evt-" + email,
                    "type",
                    "bounce",
                    "email",
                    email,
                    // providers give the Message-ID back without its angle brackets
                    "messageId",
                    confirmation.providerMessageId().replaceAll("^<|>$", ""),
                    "permanent",
                    true,
                    "detail",
                    "550 5.1.1 user unknown")));

    ResponseEntity<String> forged = post(bounce, "Bearer not-the-token");
    assertThat(forged.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(forged.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(optOuts.isOptedOut(email, ChannelType.EMAIL)).isFalse();

    ResponseEntity<String> first = post(bounce, "Bearer " + MAIL_WEBHOOK_TOKEN);
    ResponseEntity<String> repeat = post(bounce, "Bearer " + MAIL_WEBHOOK_TOKEN);
    assertThat(first.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(first.getBody()).contains("\"recorded\":1");
    assertThat(repeat.getBody()).contains("\"recorded\":0").contains("\"repeated\":1");
    assertThat(feedbackRows(email)).isEqualTo(1);

    MessageDelivery bounced = data.message(booking.id(), MessageStep.BOOKING_CONFIRMATION);
    assertThat(bounced.providerStatus()).isEqualTo("BOUNCED");
    assertThat(data.history(bounced.id()))
        .contains("Provider reports bounced (error 550 5.1.1 user unknown)");
    assertThat(optOuts.whyNot(email, ChannelType.EMAIL))
        .contains("the address bounces (550 5.1.1 user unknown)");

    // the guest has no phone: the next message has no way to go, and says why
    MessageDelivery guide = data.message(booking.id(), MessageStep.CHECK_IN_GUIDE);
    engine.moveTo(guide.plannedAt().plus(Duration.ofMinutes(1)));
    assertThat(
            // a service message no channel carries: failed for good, for the front desk (ADR 0011)
            data.awaitState(booking.id(), MessageStep.CHECK_IN_GUIDE, DeliveryState.FAILED)
                .reason())
        .contains("email: the address bounces (550 5.1.1 user unknown)");
  }

  @Test
  void aSpamComplaintStopsEmailButATemporaryBounceDoesNot() {
    String complainer = data.uniqueEmail();
    String fullMailbox = data.uniqueEmail();
    ResponseEntity<String> response =
        post(
            Map.of(
                "provider",
                "ses",
                "events",
                List.of(
                    Map.of("id", "c-" + complainer, "type", "complaint", "email", complainer),
                    Map.of(
                        "id",
                        "b-" + fullMailbox,
                        "type",
                        "bounce",
                        "email",
                        fullMailbox,
                        "permanent",
                        false,
                        "detail",
                        "452 mailbox full"))),
            "Bearer " + MAIL_WEBHOOK_TOKEN);

    assertThat(response.getBody()).contains("\"recorded\":2");
    assertThat(optOuts.whyNot(complainer, ChannelType.EMAIL))
        .contains("the guest reported our e-mail as spam");
    assertThat(optOuts.whyNot(fullMailbox, ChannelType.EMAIL)).isEmpty();
    assertThat(feedbackRows(fullMailbox)).isEqualTo(1);
  }

  @Test
  void anInvalidBatchIsRefusedWholeWithTheFieldsAtFault() {
    String valid = data.uniqueEmail();
    ResponseEntity<String> response =
        post(
            Map.of(
                "provider",
                "ses",
                "events",
                List.of(
                    Map.of("id", "ok-" + valid, "type", "complaint", "email", valid),
                    Map.of("id", "bad-" + valid, "type", "bounced", "email", "not an address"))),
            "Bearer " + MAIL_WEBHOOK_TOKEN);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.getHeaders().getContentType())
        .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(response.getBody()).contains("events[1].type").contains("events[1].email");
    assertThat(feedbackRows(valid)).isZero();
    assertThat(optOuts.isOptedOut(valid, ChannelType.EMAIL)).isFalse();
  }

  private int feedbackRows(String email) {
    return jdbc.sql("select count(*) from mail_feedback where address_index = ?")
        .param(cipher.index(email))
        .query(Integer.class)
        .single();
  }

  private ResponseEntity<String> post(Map<String, Object> body, String authorization) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    headers.set(HttpHeaders.AUTHORIZATION, authorization);
    return http.postForEntity(
        MailFeedbackWebhook.PATH, new HttpEntity<>(body, headers), String.class);
  }
}
