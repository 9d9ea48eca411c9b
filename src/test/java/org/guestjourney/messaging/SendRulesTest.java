package org.guestjourney.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
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
    Booking booking = data.bookArrivingIn(property, 9, email);

    // a service message: failed for good, and the journey hands it to the front desk (ADR 0011)
    MessageDelivery skipped =
        data.awaitState(booking.id(), MessageStep.BOOKING_CONFIRMATION, DeliveryState.FAILED);
    assertThat(skipped.failedForGood()).isTrue();
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
    Booking booking = data.bookArrivingIn(property, 9, data.uniqueEmail());
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

  @Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc;

  @Test
  void surveysAndReviewRequestsRespectTheDailyAndTheStayCapInTheGuestsTimeZone() {
    // Shanghai: the guest's "today" is not the UTC day the test machine may be in
    Property property = data.property("Asia/Shanghai", "en");
    jdbc.sql(
            """
            update property set quiet_hours_start = '00:00', quiet_hours_end = '00:00',
              max_messages_per_day = 1, max_messages_per_stay = 2 where id = ?
            """)
        .param(property.id())
        .update();
    String email = data.uniqueEmail();
    LocalDate arrival = LocalDate.ofInstant(engine.now(), property.timeZone()).plusDays(6);
    Booking booking = data.book(data.request(property, arrival, 2, email, "en"));
    data.awaitState(booking.id(), MessageStep.BOOKING_CONFIRMATION, DeliveryState.SENT);
    engine.move(Duration.ofMinutes(11)); // past the spacing after the confirmation
    String key = "booking/" + booking.id() + "/test-review-request";
    messaging.recordPlan(
        booking.id(),
        java.util.List.of(PlannedMessage.scheduled(MessageStep.REVIEW_REQUEST, key, engine.now())));
    var request =
        new GuestMessageRequest(
            booking.id(),
            MessageStep.REVIEW_REQUEST,
            key,
            java.util.Map.of("reviewUrl", "https://reviews.example/house"));

    // one message today already: the review request waits for the guest's next day
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> messaging.send(request))
        .isInstanceOf(SendFailedException.class);
    MessageDelivery held = messaging.find(key).orElseThrow();
    Instant shanghaiMidnight =
        LocalDate.ofInstant(engine.now(), property.timeZone())
            .plusDays(1)
            .atStartOfDay(property.timeZone())
            .toInstant();
    assertThat(held.state()).isEqualTo(DeliveryState.SCHEDULED);
    assertThat(held.plannedAt()).isEqualTo(shanghaiMidnight);
    assertThat(held.reason())
        .startsWith("Frequency cap: 1 messages already went to this guest today");

    // a service message is never capped: the check-in guide goes on the next day
    MessageDelivery guide = data.message(booking.id(), MessageStep.CHECK_IN_GUIDE);
    engine.moveTo(guide.plannedAt().plus(Duration.ofMinutes(1)));
    data.awaitState(booking.id(), MessageStep.CHECK_IN_GUIDE, DeliveryState.SENT);

    // two messages in this stay now: a review request is no longer worth the guest's patience
    String later = key + "-later";
    messaging.recordPlan(
        booking.id(),
        java.util.List.of(
            PlannedMessage.scheduled(MessageStep.REVIEW_REQUEST, later, engine.now())));
    MessageDelivery capped =
        messaging
            .send(
                new GuestMessageRequest(
                    booking.id(), MessageStep.REVIEW_REQUEST, later, request.model()))
            .orElseThrow();
    assertThat(capped.state()).isEqualTo(DeliveryState.SKIPPED);
    assertThat(capped.reason())
        .isEqualTo(
            "Frequency cap: 2 messages already went to this guest during this stay"
                + " (the property's cap is 2 per stay); not sent");
    assertThat(TestMailServer.to(email)).hasSize(2);
  }

  @Test
  void beforeTheStayTheDailyCapCountsTheDayWhereTheGuestLives() {
    // a Shanghai house, a guest in New York: the cap's day and the next morning are New York's
    Property property = data.property("Asia/Shanghai", "en");
    jdbc.sql(
            """
            update property set quiet_hours_start = '00:00', quiet_hours_end = '00:00',
              max_messages_per_day = 1 where id = ?
            """)
        .param(property.id())
        .update();
    ZoneId newYork = ZoneId.of("America/New_York");
    LocalDate nyToday = LocalDate.ofInstant(engine.now(), newYork);
    engine.moveTo(ZonedDateTime.of(nyToday.plusDays(1), LocalTime.NOON, newYork).toInstant());
    String email = data.uniqueEmail();
    LocalDate arrival = LocalDate.ofInstant(engine.now(), property.timeZone()).plusDays(6);
    Booking booking =
        data.book(
            new org.guestjourney.booking.BookingRequest(
                property.id(),
                "CAP-" + email,
                "direct",
                arrival,
                arrival.plusDays(2),
                null,
                2,
                null,
                new org.guestjourney.booking.BookingRequest.GuestDetails(
                    "Ana Ruiz", email, null, "en", null, "America/New_York")));
    data.awaitState(booking.id(), MessageStep.BOOKING_CONFIRMATION, DeliveryState.SENT);
    engine.move(Duration.ofMinutes(11)); // past the spacing after the confirmation
    String key = "booking/" + booking.id() + "/test-review-request";
    messaging.recordPlan(
        booking.id(),
        java.util.List.of(PlannedMessage.scheduled(MessageStep.REVIEW_REQUEST, key, engine.now())));

    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                messaging.send(
                    new GuestMessageRequest(
                        booking.id(),
                        MessageStep.REVIEW_REQUEST,
                        key,
                        java.util.Map.of("reviewUrl", "https://reviews.example/house"))))
        .isInstanceOf(SendFailedException.class);

    MessageDelivery held = messaging.find(key).orElseThrow();
    Instant newYorkMidnight =
        LocalDate.ofInstant(engine.now(), newYork).plusDays(1).atStartOfDay(newYork).toInstant();
    assertThat(held.state()).isEqualTo(DeliveryState.SCHEDULED);
    assertThat(held.plannedAt()).isEqualTo(newYorkMidnight);
    assertThat(held.reason())
        .startsWith("Frequency cap: 1 messages already went to this guest today")
        .endsWith(
            " ("
                + java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z")
                    .format(newYorkMidnight.atZone(newYork))
                + " where the guest is)");
  }

  @Test
  void beforeTheStayQuietHoursFollowTheGuestsOwnClock() {
    // 16:00 in Rome is 23:00 in Shanghai: night for a guest who lives there
    Property property = data.property("Europe/Rome", LocalTime.of(16, 0), "en");
    LocalDate arrival = LocalDate.ofInstant(engine.now(), property.timeZone()).plusDays(6);
    String abroad = data.uniqueEmail();
    String local = data.uniqueEmail();
    Booking fromShanghai =
        data.book(
            new org.guestjourney.booking.BookingRequest(
                property.id(),
                "TZ-" + abroad,
                "direct",
                arrival,
                arrival.plusDays(2),
                null,
                2,
                null,
                new org.guestjourney.booking.BookingRequest.GuestDetails(
                    "Li Wei", abroad, null, "en", null, "Asia/Shanghai")));
    Booking fromRome = data.book(data.request(property, arrival, 2, local, "en"));
    data.awaitState(fromShanghai.id(), MessageStep.BOOKING_CONFIRMATION, DeliveryState.SENT);
    data.awaitState(fromRome.id(), MessageStep.BOOKING_CONFIRMATION, DeliveryState.SENT);
    Instant guideAt = data.message(fromShanghai.id(), MessageStep.CHECK_IN_GUIDE).plannedAt();
    ZoneId shanghai = ZoneId.of("Asia/Shanghai");
    Instant nineInShanghai =
        ZonedDateTime.of(
                guideAt.atZone(shanghai).toLocalDate().plusDays(1), LocalTime.of(9, 0), shanghai)
            .toInstant();

    engine.moveTo(guideAt.plus(Duration.ofMinutes(1)));

    data.awaitState(fromRome.id(), MessageStep.CHECK_IN_GUIDE, DeliveryState.SENT);
    await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () ->
                data.message(fromShanghai.id(), MessageStep.CHECK_IN_GUIDE)
                    .plannedAt()
                    .equals(nineInShanghai));
    assertThat(data.message(fromShanghai.id(), MessageStep.CHECK_IN_GUIDE).reason())
        .startsWith("Waiting for the end of quiet hours")
        .contains("09:00 CST where the guest is");

    engine.moveTo(nineInShanghai.plus(Duration.ofMinutes(1)));
    data.awaitState(fromShanghai.id(), MessageStep.CHECK_IN_GUIDE, DeliveryState.SENT);
  }

  @Test
  void aTimeZoneThatDoesNotExistIsRefusedAndNothingIsBooked() {
    Property property = data.property("Europe/Rome", "en");
    String email = data.uniqueEmail();
    var request =
        new org.guestjourney.booking.BookingRequest(
            property.id(),
            "TZ-" + email,
            "direct",
            LocalDate.ofInstant(engine.now(), property.timeZone()).plusDays(6),
            LocalDate.ofInstant(engine.now(), property.timeZone()).plusDays(8),
            null,
            2,
            null,
            new org.guestjourney.booking.BookingRequest.GuestDetails(
                "Li Wei", email, null, "en", null, "Mars/Olympus"));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> bookingService.create(request))
        .isInstanceOf(org.guestjourney.web.InvalidRequestException.class)
        .hasMessageContaining("guest.timeZone");
  }

  @Autowired org.guestjourney.booking.BookingService bookingService;
}
