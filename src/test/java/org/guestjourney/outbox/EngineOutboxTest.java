package org.guestjourney.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camunda.zeebe.process.test.assertions.BpmnAssert;
import io.camunda.zeebe.protocol.record.RecordType;
import io.camunda.zeebe.protocol.record.intent.MessageIntent;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.guestjourney.booking.Booking;
import org.guestjourney.booking.BookingService;
import org.guestjourney.booking.DateChangeRequest;
import org.guestjourney.messaging.DeliveryState;
import org.guestjourney.messaging.MessageStep;
import org.guestjourney.property.Property;
import org.guestjourney.support.JourneyIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Engine commands that follow a booking write travel through the outbox. */
class EngineOutboxTest extends JourneyIntegrationTest {

  @Autowired BookingService bookings;
  @Autowired OutboxDispatcher dispatcher;
  @Autowired EngineOutbox outbox;
  @Autowired JdbcClient jdbc;
  @Autowired TransactionTemplate transactions;

  @AfterEach
  void resumeDispatcher() {
    dispatcher.resume();
  }

  @Test
  void aBookingIsStoredWithItsJourneyStartAndAnsweredWithoutWaitingForTheEngine() {
    Property property = data.property("Europe/Rome", "en");
    LocalDate arrival = LocalDate.ofInstant(engine.now(), property.timeZone()).plusDays(20);
    dispatcher.pause(); // as if the engine were slow or down: nothing leaves the outbox

    Booking booking =
        bookings.create(data.request(property, arrival, 2, data.uniqueEmail(), "en")).booking();

    assertThat(pending(booking.id())).containsExactly(JourneyStarterKind.START);

    dispatcher.resume();
    long journey = data.journeyOf(booking.id());
    assertThat(journey).isPositive();
    await().atMost(Duration.ofSeconds(10)).until(() -> pending(booking.id()).isEmpty());
    data.awaitState(booking.id(), MessageStep.BOOKING_CONFIRMATION, DeliveryState.SENT);
  }

  @Test
  void aJourneyStartSentAgainStartsNoSecondJourney() {
    Property property = data.property("Europe/Rome", "en");
    LocalDate arrival = LocalDate.ofInstant(engine.now(), property.timeZone()).plusDays(20);
    Booking booking =
        bookings.create(data.request(property, arrival, 2, data.uniqueEmail(), "en")).booking();
    long journey = data.journeyOf(booking.id());

    // a replica died after the engine took the start and before it was recorded: the booking has
    // no journey in the database and its start is in the outbox again
    transactions.executeWithoutResult(
        s -> {
          jdbc.sql("update booking set journey_instance_key = null where id = ?")
              .param(booking.id())
              .update();
          outbox.add(JourneyStarterKind.START, booking.id());
        });
    await().atMost(Duration.ofSeconds(20)).until(() -> pending(booking.id()).isEmpty());
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> data.reload(booking.id()).journeyInstanceKey(), k -> k != null);
    engine.waitForIdle();

    assertThat(
            engine.countInstancesOf(
                org.guestjourney.journey.PreArrivalJourney.PROCESS_ID, "bookingId", booking.id()))
        .as("pre-arrival journeys of the booking")
        .isEqualTo(1);
    assertThat(publishRecords("booking-confirmed/" + booking.id(), RecordType.COMMAND))
        .as("the start was sent twice")
        .isEqualTo(2);
    assertThat(data.reload(booking.id()).journeyInstanceKey()).isIn(0L, journey);
  }

  @Autowired org.guestjourney.guestrequest.GuestRequestService guestRequests;
  @Autowired org.guestjourney.tasklist.StaffTaskService tasks;

  @Test
  void aGuestRequestIsKeptWhileTheEngineIsAwayAndBecomesATaskWhenItIsBack() {
    Property property = data.property("Europe/Rome", "en");
    Booking booking = data.bookArrivingIn(property, 5, data.uniqueEmail());
    dispatcher.pause(); // nothing reaches the engine

    var raised = guestRequests.raise(booking.id(), "amenities", "Two more towels, please");

    assertThat(raised.processInstanceKey()).isNull();
    assertThat(pending(booking.id())).containsExactly("start-guest-request");

    dispatcher.resume();
    var started = org.guestjourney.support.GuestRequests.started(guestRequests, raised);
    new org.guestjourney.support.Staff(tasks)
        .awaitOpenTask(
            started.processInstanceKey(),
            org.guestjourney.guestrequest.GuestRequestJourney.TASK_HANDLE_GUEST_REQUEST);
    await().atMost(Duration.ofSeconds(10)).until(() -> pending(booking.id()).isEmpty());
  }

  @Autowired org.guestjourney.complaint.ComplaintService complaints;

  @Test
  void aComplaintStartSentAgainAfterTheEngineStartedItStartsNoSecondJourney() throws Exception {
    Property property = data.property("Europe/Rome", "en");
    Booking booking = data.bookInRoom3Today(property);
    dispatcher.pause();
    var raised =
        complaints.raise(
            new org.guestjourney.complaint.ComplaintRequest(
                booking.id(), "facilities", "The air conditioning does not work", "guest"));
    long complaintId = raised.id();
    String messageId =
        org.guestjourney.complaint.ComplaintJourney.MESSAGE_COMPLAINT_RAISED + "/" + complaintId;

    startSentAgainBeforeItsKeyIsRecorded(
        "complaint",
        "start-complaint",
        booking.id(),
        complaintId,
        org.guestjourney.complaint.ComplaintJourney.PROCESS_ID,
        "complaintId",
        messageId,
        () -> complaints.get(complaintId).processInstanceKey());

    long journey =
        org.guestjourney.support.Complaints.started(complaints, raised).processInstanceKey();
    new org.guestjourney.support.Staff(tasks)
        .awaitOpenTask(journey, org.guestjourney.complaint.ComplaintJourney.TASK_CALL_GUEST_NOW);
    engine.waitForIdle();
    assertThat(
            engine.countInstancesOf(
                org.guestjourney.complaint.ComplaintJourney.PROCESS_ID, "complaintId", complaintId))
        .as("complaint journeys")
        .isEqualTo(1);
    assertThat(
            engine.awaitInstanceOf(
                org.guestjourney.complaint.ComplaintJourney.PROCESS_ID, "complaintId", complaintId))
        .isEqualTo(journey);
    assertThat(staffTasks("complaint_id", complaintId))
        .as("staff tasks of the complaint")
        .containsExactly("resolve-complaint");
  }

  @Test
  void aGuestRequestStartSentAgainAfterTheEngineStartedItStartsNoSecondProcess() throws Exception {
    Property property = data.property("Europe/Rome", "en");
    Booking booking = data.bookArrivingIn(property, 5, data.uniqueEmail());
    dispatcher.pause();
    var raised = guestRequests.raise(booking.id(), "amenities", "Two more towels, please");
    long requestId = raised.id();
    String messageId =
        org.guestjourney.guestrequest.GuestRequestJourney.MESSAGE_GUEST_REQUEST_MADE
            + "/"
            + requestId;

    startSentAgainBeforeItsKeyIsRecorded(
        "guest_request",
        "start-guest-request",
        booking.id(),
        requestId,
        org.guestjourney.guestrequest.GuestRequestJourney.PROCESS_ID,
        "requestId",
        messageId,
        () -> guestRequests.get(requestId).processInstanceKey());

    long process =
        org.guestjourney.support.GuestRequests.started(guestRequests, raised).processInstanceKey();
    new org.guestjourney.support.Staff(tasks)
        .awaitOpenTask(
            process, org.guestjourney.guestrequest.GuestRequestJourney.TASK_HANDLE_GUEST_REQUEST);
    engine.waitForIdle();
    assertThat(
            engine.countInstancesOf(
                org.guestjourney.guestrequest.GuestRequestJourney.PROCESS_ID,
                "requestId",
                requestId))
        .as("guest-request processes")
        .isEqualTo(1);
    assertThat(
            engine.awaitInstanceOf(
                org.guestjourney.guestrequest.GuestRequestJourney.PROCESS_ID,
                "requestId",
                requestId))
        .isEqualTo(process);
    assertThat(staffTasks("request_id", requestId))
        .as("staff tasks of the request")
        .containsExactly("handle-guest-request");
  }

  @Test
  void aDateChangeSentTwiceIsOneMessageForTheEngine() {
    Property property = data.property("Europe/Rome", "en");
    Booking booking = data.bookArrivingIn(property, 20, data.uniqueEmail());
    data.journeyOf(booking.id());
    LocalDate newArrival = booking.arrivalDate().plusDays(1);
    bookings.changeDates(
        booking.id(), new DateChangeRequest(newArrival, booking.departureDate().plusDays(1)));
    data.awaitState(booking.id(), MessageStep.BOOKING_CHANGED, DeliveryState.SENT);
    await().atMost(Duration.ofSeconds(10)).until(() -> pending(booking.id()).isEmpty());
    String messageId =
        "booking-modified/" + booking.id() + "/r" + data.reload(booking.id()).revision();

    // a retry of the same command (e.g. the first answer from the engine was lost)
    transactions.executeWithoutResult(
        tx ->
            outbox.publishMessage(
                "booking-modified",
                Long.toString(booking.id()),
                messageId,
                Duration.ofHours(1),
                booking.id()));
    await().atMost(Duration.ofSeconds(10)).until(() -> pending(booking.id()).isEmpty());

    await()
        .pollInSameThread() // the record stream is bound to the test's thread
        .atMost(Duration.ofSeconds(10))
        .ignoreException(java.util.ConcurrentModificationException.class)
        .untilAsserted(
            () -> {
              assertThat(publishRecords(messageId, RecordType.COMMAND_REJECTION))
                  .as("the retry reached the engine and was refused as a duplicate")
                  .isEqualTo(1);
              assertThat(publishRecords(messageId, RecordType.EVENT))
                  .as("one message published")
                  .isEqualTo(1);
            });
    assertThat(
            data.messages(booking.id()).stream()
                .filter(m -> MessageStep.BOOKING_CHANGED.equals(m.step())))
        .hasSize(1);
  }

  @Test
  void replicasNeverClaimTheSameCommand() throws Exception {
    dispatcher.pause();
    List<Long> ids =
        List.of(insert("replica-test-a"), insert("replica-test-b"), insert("replica-test-c"));
    CountDownLatch locked = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    // another replica is in the middle of claiming the first row
    Thread other =
        Thread.ofPlatform()
            .start(
                () ->
                    transactions.executeWithoutResult(
                        tx -> {
                          jdbc.sql("select id from engine_outbox where id = ? for update")
                              .param(ids.getFirst())
                              .query(Long.class)
                              .single();
                          locked.countDown();
                          try {
                            release.await(10, TimeUnit.SECONDS);
                          } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                          }
                        }));
    try {
      assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();
      List<Long> claimed =
          dispatcher.claim(100).stream().map(OutboxEntry::id).filter(ids::contains).toList();
      assertThat(claimed).containsExactly(ids.get(1), ids.get(2));
      // claimed rows are leased: a second claim right after takes none of them
      assertThat(dispatcher.claim(100).stream().map(OutboxEntry::id).filter(ids::contains))
          .isEmpty();
    } finally {
      release.countDown();
      other.join();
      jdbc.sql("delete from engine_outbox where id in (:ids)").param("ids", ids).update();
    }
  }

  private long insert(String messageId) {
    return jdbc.sql(
            """
            insert into engine_outbox (kind, message_name, correlation_key, message_id,
              time_to_live_ms) values ('publish-message', 'replica-test', 'none', ?, 1000)
            returning id
            """)
        .param(messageId + "-" + System.nanoTime())
        .query(Long.class)
        .single();
  }

  /** A row locked by another transaction until closed: writes to it wait, reads do not. */
  private interface RowHeld extends AutoCloseable {
    @Override
    void close() throws InterruptedException;
  }

  /**
   * The journey's first job cannot record its key (its row is held), as if the app died after the
   * engine started the journey and before anything was written back; then the outbox entry is sent
   * again (another replica, after the lease of the one that died). Returns once both sends went:
   * two publish commands, one of them refused as the same message.
   */
  private void startSentAgainBeforeItsKeyIsRecorded(
      String table,
      String kind,
      long bookingId,
      long subjectId,
      String processId,
      String idVariable,
      String messageId,
      java.util.function.Supplier<Long> recordedKey)
      throws Exception {
    try (RowHeld held = holdRow(table, subjectId)) {
      dispatcher.resume();
      engine.awaitInstanceOf(processId, idVariable, subjectId);
      await().atMost(Duration.ofSeconds(20)).until(() -> pendingStarts(kind, subjectId) == 0);
      assertThat(recordedKey.get()).isNull();

      transactions.executeWithoutResult(tx -> outbox.add(kind, bookingId, subjectId));
      await().atMost(Duration.ofSeconds(20)).until(() -> pendingStarts(kind, subjectId) == 0);
      awaitPublishRecords(messageId, 2, 1);
    }
  }

  private RowHeld holdRow(String table, long id) throws InterruptedException {
    CountDownLatch locked = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Thread holder =
        Thread.ofPlatform()
            .start(
                () ->
                    transactions.executeWithoutResult(
                        tx -> {
                          jdbc.sql("select id from " + table + " where id = ? for update")
                              .param(id)
                              .query(Long.class)
                              .single();
                          locked.countDown();
                          try {
                            release.await(60, TimeUnit.SECONDS);
                          } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                          }
                        }));
    assertThat(locked.await(10, TimeUnit.SECONDS)).as("row locked").isTrue();
    return () -> {
      release.countDown();
      holder.join();
    };
  }

  /**
   * Waits until the message id was published {@code commands} times and refused {@code refusals}.
   */
  private void awaitPublishRecords(String messageId, long commands, long refusals) {
    await()
        .pollInSameThread() // the record stream is bound to the test's thread
        .atMost(Duration.ofSeconds(20))
        .ignoreException(java.util.ConcurrentModificationException.class)
        .untilAsserted(
            () -> {
              assertThat(publishRecords(messageId, RecordType.COMMAND))
                  .as("the start was sent twice")
                  .isEqualTo(commands);
              assertThat(publishRecords(messageId, RecordType.COMMAND_REJECTION))
                  .as("the second start was refused as a duplicate")
                  .isEqualTo(refusals);
              assertThat(publishRecords(messageId, RecordType.EVENT))
                  .as("one message published")
                  .isEqualTo(1);
            });
  }

  /** Outbox entries about the complaint or request (its start) not sent yet. */
  private long pendingStarts(String kind, long subjectId) {
    return jdbc.sql("select count(*) from engine_outbox where kind = ? and subject_id = ?")
        .params(kind, subjectId)
        .query(Long.class)
        .single();
  }

  private List<String> staffTasks(String subjectColumn, long subjectId) {
    return jdbc.sql("select task_kind from staff_task where " + subjectColumn + " = ? order by id")
        .param(subjectId)
        .query(String.class)
        .list();
  }

  private List<String> pending(long bookingId) {
    return jdbc.sql("select kind from engine_outbox where booking_id = ? order by id")
        .param(bookingId)
        .query(String.class)
        .list();
  }

  private long publishRecords(String messageId, RecordType type) {
    return StreamSupport.stream(BpmnAssert.getRecordStream().messageRecords().spliterator(), false)
        .filter(r -> r.getRecordType() == type)
        .filter(
            r ->
                type == RecordType.EVENT
                    ? r.getIntent() == MessageIntent.PUBLISHED
                    : r.getIntent() == MessageIntent.PUBLISH)
        .filter(r -> messageId.equals(r.getValue().getMessageId()))
        .count();
  }

  /** The kinds as the journey package writes them. */
  private static final class JourneyStarterKind {
    static final String START = "start-journey";
  }
}
