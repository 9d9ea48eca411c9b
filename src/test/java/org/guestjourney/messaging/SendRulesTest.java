package org.guestjourney.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import org.guestjourney.booking.Booking;
import org.guestjourney.property.Property;
import org.guestjourney.support.JourneyIntegrationTest;
import org.guestjourney.support.TestMailServer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Rules checked when a message is due: quiet hours, opt-outs, a channel to use; and receipts. */
class SendRulesTest extends JourneyIntegrationTest {

  @Autowired OptOuts optOuts;
  @Autowired InboundMessageService inbound;
  @Autowired DeliveryStatusService receipts;
  @Autowired MessagingService messaging;

  @Test
  void aProactiveMessageDueInQuietHoursWaitsForTheMorning() {
    Property property = data.property("Europe/Rome", LocalTime.of(22, 30), "en");
    LocalDate arrival = LocalDate.ofInstant(engine.now(), property.timeZone()).plusDays(6);
    String email = data.uniqueEmail();
    Booking booking = data.book(data.request(property, arrival, 2, email, "en"));
    data.awaitState(booking.id(), MessageStep.BOOKING_CONFIRMATION, DeliveryState.SENT);
    Instant guideAt = data.message(booking.id(), MessageStep.CHECK_IN_GUIDE).plannedAt();
    Instant nineNextMorning =
        ZonedDateTime.of(arrival.minusDays(2), LocalTime.of(9, 0), property.timeZone()).toInstant();

    engine.moveTo(guideAt.plus(Duration.ofMinutes(1)));

    await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () ->
                data.message(booking.id(), MessageStep.CHECK_IN_GUIDE)
                    .plannedAt()
                    .equals(nineNextMorning));
    MessageDelivery waiting = data.message(booking.id(), MessageStep.CHECK_IN_GUIDE);
    assertThat(waiting.state()).isEqualTo(DeliveryState.SCHEDULED);
    assertThat(waiting.reason()).startsWith("Waiting for the end of quiet hours").contains("09:00");
    assertThat(TestMailServer.to(email)).hasSize(1);

    engine.moveTo(nineNextMorning.plus(Duration.ofMinutes(1)));
    MessageDelivery sent =
        data.awaitState(booking.id(), MessageStep.CHECK_IN_GUIDE, DeliveryState.SENT);
    assertThat(sent.sentAt()).isAfterOrEqualTo(nineNextMorning);
    assertThat(TestMailServer.to(email)).hasSize(2);
  }

  @Test
  void twoMessagesDueAtTheSameMomentAreSpacedOut() {
    // the guide one day before arrival at 10:00 meets the day-before reminder at 10:00
    Property property = data.property("Europe/Rome", LocalTime.of(10, 0), 1, "en");
    LocalDate arrival = LocalDate.ofInstant(engine.now(), property.timeZone()).plusDays(5);
    String email = data.uniqueEmail();
    Booking booking = data.book(data.request(property, arrival, 2, email, "en"));
    data.awaitState(booking.id(), MessageStep.BOOKING_CONFIRMATION, DeliveryState.SENT);
    Instant ten =
        ZonedDateTime.of(arrival.minusDays(1), LocalTime.of(10, 0), property.timeZone())
            .toInstant();

    engine.moveTo(ten.plus(Duration.ofMinutes(1)));
    MessageDelivery guide =
        data.awaitState(booking.id(), MessageStep.CHECK_IN_GUIDE, DeliveryState.SENT);
    await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () ->
                data.message(booking.id(), MessageStep.DAY_BEFORE_REMINDER).reason() != null
                    && data.message(booking.id(), MessageStep.DAY_BEFORE_REMINDER)
                        .reason()
                        .startsWith("Spaced out"));
    MessageDelivery reminder = data.message(booking.id(), MessageStep.DAY_BEFORE_REMINDER);
    assertThat(reminder.state()).isEqualTo(DeliveryState.SCHEDULED);
    assertThat(reminder.plannedAt()).isEqualTo(guide.sentAt().plus(Duration.ofMinutes(10)));

    engine.moveTo(reminder.plannedAt().plus(Duration.ofMinutes(1)));
    data.awaitState(booking.id(), MessageStep.DAY_BEFORE_REMINDER, DeliveryState.SENT);
    assertThat(TestMailServer.to(email)).hasSize(3);
  }

  @Test
  void aGuestWhoOptedOutOfEveryChannelGetsNothingAndThePageSaysWhy() {
    Property property = data.property("Europe/Rome", "en");
    String email = data.uniqueEmail();
    optOuts.record(email, ChannelType.EMAIL, true, "test", engine.now());
    Booking booking =
        data.book(
            data.request(
                property,
                LocalDate.ofInstant(engine.now(), property.timeZone()).plusDays(9),
                2,
                email,
                "en"));

    MessageDelivery skipped =
        data.awaitState(booking.id(), MessageStep.BOOKING_CONFIRMATION, DeliveryState.SKIPPED);
    assertThat(skipped.reason())
        .startsWith("No way to reach the guest")
        .contains("email: the guest opted out")
        .contains("sms: ")
        .contains("whatsapp: ");
    assertThat(TestMailServer.to(email)).isEmpty();
  }

  @Test
  void stopAndStartRepliesSwitchMessagesOffAndOnForThatNumber() {
    String phone = "+3934" + (10000000 + (int) (Math.random() * 89999999));
    assertThat(
            inbound
                .receive(ChannelType.SMS, phone, "+15005550006", " stop ", "SM-stop-" + phone)
                .kind())
        .isEqualTo(InboundMessageService.Kind.OPT_OUT);
    assertThat(optOuts.isOptedOut(phone, ChannelType.SMS)).isTrue();
    assertThat(optOuts.isOptedOut(phone, ChannelType.WHATSAPP)).isFalse();

    assertThat(
            inbound
                .receive(ChannelType.SMS, phone, "+15005550006", "START", "SM-start-" + phone)
                .kind())
        .isEqualTo(InboundMessageService.Kind.OPT_IN);
    assertThat(optOuts.isOptedOut(phone, ChannelType.SMS)).isFalse();

    // the same webhook delivered twice changes nothing the second time
    inbound.receive(ChannelType.SMS, phone, "+15005550006", "STOP", "SM-twice-" + phone);
    inbound.receive(ChannelType.SMS, phone, "+15005550006", "START", "SM-twice-" + phone);
    assertThat(optOuts.isOptedOut(phone, ChannelType.SMS)).isTrue();
  }

  @Test
  void helpIsAnsweredWithThePropertysContact() {
    Property property = data.property("Europe/Rome", "en");
    String email = data.uniqueEmail();
    var request =
        data.request(
            property,
            LocalDate.ofInstant(engine.now(), property.timeZone()).plusDays(9),
            2,
            email,
            "en");
    String phone = "+4366" + (10000000 + (int) (Math.random() * 89999999));
    data.book(
        new org.guestjourney.booking.BookingRequest(
            request.propertyId(),
            request.externalReference(),
            "direct",
            request.arrivalDate(),
            request.departureDate(),
            null,
            2,
            null,
            new org.guestjourney.booking.BookingRequest.GuestDetails(
                "Help Me", email, phone, "en")));

    var result =
        inbound.receive(ChannelType.SMS, phone, "+15005550006", "help", "SM-help-" + phone);

    assertThat(result.kind()).isEqualTo(InboundMessageService.Kind.HELP);
    assertThat(result.answer())
        .hasValueSatisfying(a -> assertThat(a).contains(property.name()).contains("+390612345678"));
  }

  @Test
  void deliveryReceiptsOnlyMoveForward() {
    Property property = data.property("Europe/Rome", "en");
    Booking booking =
        data.book(
            data.request(
                property,
                LocalDate.ofInstant(engine.now(), property.timeZone()).plusDays(9),
                2,
                data.uniqueEmail(),
                "en"));
    MessageDelivery sent =
        data.awaitState(booking.id(), MessageStep.BOOKING_CONFIRMATION, DeliveryState.SENT);
    String id = sent.providerMessageId();

    assertThat(receipts.record(id, ProviderStatus.SENT, null))
        .isEqualTo(DeliveryStatusService.Outcome.APPLIED);
    assertThat(receipts.record(id, ProviderStatus.DELIVERED, null))
        .isEqualTo(DeliveryStatusService.Outcome.APPLIED);
    assertThat(receipts.record(id, ProviderStatus.SENT, null))
        .isEqualTo(DeliveryStatusService.Outcome.IGNORED);
    assertThat(receipts.record(id, ProviderStatus.DELIVERED, null))
        .isEqualTo(DeliveryStatusService.Outcome.IGNORED);
    assertThat(receipts.record(id, ProviderStatus.READ, null))
        .isEqualTo(DeliveryStatusService.Outcome.APPLIED);
    assertThat(receipts.record("SM-unknown", ProviderStatus.READ, null))
        .isEqualTo(DeliveryStatusService.Outcome.UNKNOWN_MESSAGE);
    assertThat(data.message(booking.id(), MessageStep.BOOKING_CONFIRMATION).providerStatus())
        .isEqualTo("READ");
    assertThat(messaging.history(sent.id()))
        .extracting(DeliveryEvent::reason)
        .contains("Provider reports delivered", "Provider reports read");
  }
}
