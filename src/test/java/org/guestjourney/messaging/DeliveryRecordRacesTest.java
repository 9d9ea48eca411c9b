package org.guestjourney.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.guestjourney.property.Property;
import org.guestjourney.support.JourneyIntegrationTest;
import org.guestjourney.support.TestMailServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Races on one delivery record, on the real PostgreSQL: several workers, a lease that ran out, a
 * cancellation against a skip. Exactly one contender wins each race, the losers change nothing, and
 * the history records only what happened. The messages here are planned under keys no journey uses,
 * far in the future, so no timer of the engine touches them.
 */
class DeliveryRecordRacesTest extends JourneyIntegrationTest {

  private static final Duration LEASE = Duration.ofMinutes(2);

  @Autowired DeliveryRepository deliveries;
  @Autowired MessagingService messaging;

  private long bookingId;

  @BeforeEach
  void aBooking() {
    Property property = data.property("Europe/Rome", "en");
    bookingId = data.bookArrivingIn(property, 30, data.uniqueEmail()).id();
  }

  @Test
  void ofEightWorkersClaimingAtOnceExactlyOneGetsTheMessage() throws Exception {
    long id = planned();
    Instant now = Instant.now();

    List<OptionalInt> claims = race(8, () -> deliveries.claim(id, now, now.plus(LEASE)));

    assertThat(claims.stream().filter(OptionalInt::isPresent)).hasSize(1);
    assertThat(claims.stream().filter(OptionalInt::isPresent).findFirst().orElseThrow().getAsInt())
        .isEqualTo(1);
    assertThat(states(id)).containsExactly(DeliveryState.SCHEDULED, DeliveryState.SENDING);
    assertThat(deliveries.findById(id).orElseThrow().attempts()).isEqualTo(1);
  }

  @Test
  void aMessageInsideItsLeaseCannotBeClaimedBySecondWorker() {
    long id = planned();
    Instant now = Instant.now();
    assertThat(deliveries.claim(id, now, now.plus(LEASE))).hasValue(1);

    assertThat(deliveries.claim(id, now.plus(LEASE).minusSeconds(1), now.plus(LEASE).plus(LEASE)))
        .isEmpty();

    assertThat(states(id)).containsExactly(DeliveryState.SCHEDULED, DeliveryState.SENDING);
  }

  @Test
  void aSendOfAMessageAnotherAttemptHoldsWaitsForItsLeaseWithoutUsingAnAttempt() {
    String guest = data.uniqueEmail();
    Property house = data.property("Europe/Rome", "en");
    long booking = data.bookArrivingIn(house, 30, guest).id();
    String key = "booking/" + booking + "/check-in-guide/held-by-another";
    messaging.plan(booking, MessageStep.CHECK_IN_GUIDE, key, timeMachine.now());
    long id = deliveries.findByKey(key).orElseThrow().id();
    // a run killed while sending it: its attempt holds the lease
    Instant leaseEnds = timeMachine.now().plus(LEASE);
    assertThat(deliveries.claim(id, timeMachine.now(), leaseEnds)).hasValue(1);

    GuestMessageRequest again =
        new GuestMessageRequest(booking, MessageStep.CHECK_IN_GUIDE, key, Map.of())
            .requestedBy("front desk");
    assertThatThrownBy(() -> messaging.send(again))
        .isInstanceOfSatisfying(
            SendInProgress.class,
            e -> {
              assertThat(e.retryAt())
                  .hasValueSatisfying(
                      at -> assertThat(at).isCloseTo(leaseEnds, within(1, ChronoUnit.MILLIS)));
              assertThat(e.retriesLeft(3)).as("no attempt used").isEqualTo(3);
              assertThat(e.getMessage()).contains("being sent by another attempt");
            });

    MessageDelivery message = deliveries.findById(id).orElseThrow();
    assertThat(message.state()).isEqualTo(DeliveryState.SENDING);
    assertThat(message.attempts()).isEqualTo(1);
    assertThat(TestMailServer.to(guest))
        .as("the check-in guide not sent (the booking's confirmation may be there)")
        .noneMatch(m -> messageId(m).contains("held-by-another"));
  }

  private static String messageId(jakarta.mail.internet.MimeMessage m) {
    try {
      return m.getMessageID();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aSendThatOutlivedItsLeaseCannotBeMarkedSentAfterASecondAttemptTookOver() {
    long id = planned();
    Instant now = Instant.now();
    int first = deliveries.claim(id, now, now.plus(LEASE)).getAsInt();

    // the first attempt hangs past its lease; a second worker takes the message over
    Instant later = now.plus(LEASE).plusSeconds(1);
    int second = deliveries.claim(id, later, later.plus(LEASE)).getAsInt();
    assertThat(second).isEqualTo(first + 1);

    // the first attempt comes back: its outcome is refused, in any form
    assertThat(deliveries.markSent(id, first, "id-1", "Accepted", later)).isEmpty();
    assertThat(deliveries.markFailed(id, first, "timeout", later)).isFalse();
    assertThat(deliveries.markRejected(id, first, "550", "refused", later)).isFalse();
    assertThat(deliveries.findById(id).orElseThrow().state()).isEqualTo(DeliveryState.SENDING);

    // the second attempt's outcome counts, once
    assertThat(deliveries.markSent(id, second, "id-2", "Accepted", later))
        .hasValueSatisfying(
            d -> {
              assertThat(d.state()).isEqualTo(DeliveryState.SENT);
              assertThat(d.providerMessageId()).isEqualTo("id-2");
            });
    assertThat(deliveries.markSent(id, second, "id-2", "Accepted", later)).isEmpty();

    MessageDelivery sent = deliveries.findById(id).orElseThrow();
    assertThat(sent.state()).isEqualTo(DeliveryState.SENT);
    assertThat(sent.providerMessageId()).isEqualTo("id-2");
    assertThat(states(id))
        .containsExactly(
            DeliveryState.SCHEDULED,
            DeliveryState.SENDING,
            DeliveryState.SENDING,
            DeliveryState.SENT);
    // the take-over says the first attempt may have reached the provider
    assertThat(deliveries.history(id).get(2).reason())
        .startsWith("Sending again (attempt 2): attempt 1 ended without an outcome");
  }

  @Test
  void theOutcomesOfOneAttemptRacingEachOtherRecordOnlyTheFirst() throws Exception {
    long id = planned();
    Instant now = Instant.now();
    int attempt = deliveries.claim(id, now, now.plus(LEASE)).getAsInt();

    List<Boolean> outcomes =
        race(
            List.of(
                () -> deliveries.markSent(id, attempt, "id", "Accepted", now).isPresent(),
                () -> deliveries.markFailed(id, attempt, "timeout", now),
                () -> deliveries.markRejected(id, attempt, "21610", "unsubscribed", now),
                () -> deliveries.markSent(id, attempt, "id", "Accepted", now).isPresent()));

    assertThat(outcomes.stream().filter(b -> b)).hasSize(1);
    List<DeliveryState> states = states(id);
    assertThat(states).hasSize(3);
    assertThat(states.get(2)).isEqualTo(deliveries.findById(id).orElseThrow().state());
  }

  @Test
  void aCancellationAndASkipAtOnceLeaveOneStateAndOneEvent() throws Exception {
    long id = planned();
    Instant now = Instant.now();

    List<Boolean> outcomes =
        race(
            List.of(
                () -> deliveries.cancel(id, "dates changed", now),
                () -> deliveries.skip(id, "stale", now),
                () -> deliveries.cancel(id, "booking cancelled", now),
                () -> deliveries.skip(id, "no channel", now)));

    assertThat(outcomes.stream().filter(b -> b)).hasSize(1);
    assertThat(states(id)).hasSize(2);
    MessageDelivery settled = deliveries.findById(id).orElseThrow();
    assertThat(deliveries.history(id).get(1).reason()).isEqualTo(settled.reason());
  }

  @Test
  void aMessageBeingSentIsNotCancelledSkippedDeferredEditedOrBroughtForward() {
    long id = planned();
    Instant now = Instant.now();
    deliveries.claim(id, now, now.plus(LEASE));

    assertThat(deliveries.cancel(id, "dates changed", now)).isFalse();
    assertThat(deliveries.skip(id, "stale", now)).isFalse();
    assertThat(deliveries.edit(id, "s", "b", "anna", now)).isFalse();
    assertThat(deliveries.bringForward(id, "send now", now)).isFalse();
    deliveries.defer(id, now.plus(Duration.ofDays(60)), "quiet hours", now);

    assertThat(states(id)).containsExactly(DeliveryState.SCHEDULED, DeliveryState.SENDING);
  }

  @Test
  void aSentMessageCannotBeClaimedAgainOrMarkedFailed() {
    long id = planned();
    Instant now = Instant.now();
    int attempt = deliveries.claim(id, now, now.plus(LEASE)).getAsInt();
    deliveries.markSent(id, attempt, "id", "Accepted", now);

    Instant muchLater = now.plus(Duration.ofHours(1));
    assertThat(deliveries.claim(id, muchLater, muchLater.plus(LEASE))).isEmpty();
    assertThat(deliveries.markFailed(id, attempt, "late timeout", muchLater)).isFalse();

    assertThat(states(id))
        .containsExactly(DeliveryState.SCHEDULED, DeliveryState.SENDING, DeliveryState.SENT);
  }

  @Test
  void aMessageRefusedForGoodIsNotClaimedAgain() {
    long id = planned();
    Instant now = Instant.now();
    int attempt = deliveries.claim(id, now, now.plus(LEASE)).getAsInt();
    assertThat(deliveries.markRejected(id, attempt, "21211", "invalid number", now)).isTrue();

    assertThat(deliveries.claim(id, now.plusSeconds(60), now.plus(LEASE))).isEmpty();
    assertThat(states(id))
        .containsExactly(DeliveryState.SCHEDULED, DeliveryState.SENDING, DeliveryState.FAILED);
  }

  @Test
  void aFailedAttemptIsClaimedByTheNextAttemptOnly() throws Exception {
    long id = planned();
    Instant now = Instant.now();
    int first = deliveries.claim(id, now, now.plus(LEASE)).getAsInt();
    deliveries.markFailed(id, first, "SMTP down", now);

    List<OptionalInt> claims =
        race(4, () -> deliveries.claim(id, now.plusSeconds(30), now.plus(LEASE)));

    assertThat(claims.stream().filter(OptionalInt::isPresent)).hasSize(1);
    assertThat(deliveries.findById(id).orElseThrow().attempts()).isEqualTo(2);
    assertThat(deliveries.history(id).get(3).reason()).isEqualTo("Sending");
  }

  @Test
  void planningTheSameMessageFromFourInstancesStoresItOnce() throws Exception {
    String key = "test/" + UUID.randomUUID();
    PlannedMessage plan =
        PlannedMessage.scheduled(
            MessageStep.CHECK_IN_GUIDE, key, Instant.now().plus(Duration.ofDays(30)));

    List<Boolean> inserted =
        race(4, () -> deliveries.insertIfAbsent(bookingId, plan, ChannelType.EMAIL, Instant.now()));

    assertThat(inserted.stream().filter(b -> b)).hasSize(1);
    assertThat(states(deliveries.findByKey(key).orElseThrow().id()))
        .containsExactly(DeliveryState.SCHEDULED);
  }

  /** A message of the test's booking, planned a month ahead under a key of its own. */
  private long planned() {
    String key = "test/" + UUID.randomUUID();
    assertThat(
            deliveries.insertIfAbsent(
                bookingId,
                PlannedMessage.scheduled(
                    MessageStep.CHECK_IN_GUIDE, key, Instant.now().plus(Duration.ofDays(30))),
                ChannelType.EMAIL,
                Instant.now()))
        .isTrue();
    return deliveries.findByKey(key).orElseThrow().id();
  }

  private List<DeliveryState> states(long id) {
    return deliveries.history(id).stream().map(DeliveryEvent::state).toList();
  }

  private static <T> List<T> race(int contenders, Callable<T> call) throws Exception {
    List<Callable<T>> calls = new ArrayList<>();
    for (int i = 0; i < contenders; i++) {
      calls.add(call);
    }
    return race(calls);
  }

  /** Runs the calls on their own threads, released at the same moment. */
  private static <T> List<T> race(List<Callable<T>> calls) throws Exception {
    CyclicBarrier start = new CyclicBarrier(calls.size());
    try (ExecutorService threads = Executors.newFixedThreadPool(calls.size())) {
      List<Future<T>> futures = new ArrayList<>();
      for (Callable<T> call : calls) {
        futures.add(
            threads.submit(
                () -> {
                  start.await();
                  return call.call();
                }));
      }
      List<T> results = new ArrayList<>();
      for (Future<T> f : futures) {
        results.add(f.get());
      }
      return results;
    }
  }
}
