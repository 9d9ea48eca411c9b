package org.guestjourney.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.process.test.assertions.BpmnAssert;
import io.camunda.zeebe.process.test.filters.RecordStream;
import io.camunda.zeebe.process.test.inspections.model.InspectedProcessInstance;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.guestjourney.booking.Booking;
import org.guestjourney.clock.TimeMachine;
import org.guestjourney.messaging.DeliveryState;
import org.guestjourney.messaging.MessageDelivery;
import org.guestjourney.messaging.MessageStep;
import org.guestjourney.property.Property;
import org.guestjourney.support.Mails;
import org.guestjourney.support.StandaloneApp;
import org.guestjourney.support.TestData;
import org.guestjourney.support.TestMailServer;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The embedded engine keeps its log and state on disk (the default, ADR 0022): after a stop and a
 * start every journey continues as it was — the same process instances and the same staff tasks
 * (ids, due dates), nothing lost, nothing sent twice, nothing sent late. (A {@code kill -9} in the
 * middle of every journey kind: {@code runtime.EveryJourneyKillTest}.)
 */
class EmbeddedRestartTest {

  private final Path dataDirectory = Path.of("target/test-data/restart-" + UUID.randomUUID());

  @Test
  void journeysContinueAfterARestartWithoutLosingDuplicatingOrSendingLate() throws Exception {
    String early = "early-" + UUID.randomUUID() + "@example.com";
    String later = "later-" + UUID.randomUUID() + "@example.com";
    long earlyBooking;
    long laterBooking;
    long earlyJourneyBefore;

    // first run: two bookings, their confirmations go out
    try (ConfigurableApplicationContext app =
        StandaloneApp.start(dataDirectory, TestMailServer.port())) {
      TestData data = TestData.of(app);
      Instant now = app.getBean(TimeMachine.class).now();
      Property property = data.property("Europe/Rome", "en");
      LocalDate today = LocalDate.ofInstant(now, property.timeZone());
      earlyBooking = data.book(data.request(property, today.plusDays(5), 2, early, "en")).id();
      laterBooking = data.book(data.request(property, today.plusDays(10), 2, later, "en")).id();
      earlyJourneyBefore = data.journeyOf(earlyBooking);
      data.journeyOf(laterBooking);
      data.awaitState(earlyBooking, MessageStep.BOOKING_CONFIRMATION, DeliveryState.SENT);
      data.awaitState(laterBooking, MessageStep.BOOKING_CONFIRMATION, DeliveryState.SENT);

      // the app is down for three days: real time moves on without it
      app.getBean(JdbcClient.class)
          .sql("update app_clock set offset_millis = offset_millis + ? where id = 1")
          .param(Duration.ofDays(3).toMillis())
          .update();
    }

    // second run, three days later
    try (ConfigurableApplicationContext app =
        StandaloneApp.start(dataDirectory, TestMailServer.port())) {
      TestData data = TestData.of(app);
      TimeMachine time = app.getBean(TimeMachine.class);
      long earlyJourneyAfter = data.journeyOf(earlyBooking);
      assertThat(earlyJourneyAfter)
          .as("the same journey, not a new one")
          .isEqualTo(earlyJourneyBefore);
      BpmnAssert.initRecordStream(
          RecordStream.of(app.getBean(ZeebeTestEngine.class).getRecordStreamSource()));
      await()
          .pollInSameThread()
          .atMost(Duration.ofSeconds(15))
          .ignoreException(java.util.ConcurrentModificationException.class)
          .untilAsserted(
              () ->
                  BpmnAssert.assertThat(new InspectedProcessInstance(earlyJourneyAfter))
                      .isActive());
      data.journeyOf(laterBooking);

      // the early booking's check-in guide was due while the app was down: skipped, not sent late
      MessageDelivery guide =
          data.awaitState(earlyBooking, MessageStep.CHECK_IN_GUIDE, DeliveryState.SKIPPED);
      assertThat(guide.reason()).startsWith("Stale");
      await()
          .during(Duration.ofSeconds(2))
          .atMost(Duration.ofSeconds(5))
          .until(
              () -> TestMailServer.to(early).size() == 1 && TestMailServer.to(later).size() == 1);

      // what is still ahead goes out at its moment, once; the reminder carries the missed guide
      Instant reminderAt = data.message(earlyBooking, MessageStep.DAY_BEFORE_REMINDER).plannedAt();
      time.jump(Duration.between(time.now(), reminderAt.plusSeconds(30)));
      data.awaitState(earlyBooking, MessageStep.DAY_BEFORE_REMINDER, DeliveryState.SENT);
      assertThat(TestMailServer.to(early)).hasSize(2);
      assertThat(Mails.visibleText(TestMailServer.to(early).get(1)))
          .contains("What time do you expect to arrive?")
          .contains("Getting here and checking in");
    }

    // third run, straight after: nothing is repeated, the later booking's guide still comes
    try (ConfigurableApplicationContext app =
        StandaloneApp.start(dataDirectory, TestMailServer.port())) {
      TestData data = TestData.of(app);
      TimeMachine time = app.getBean(TimeMachine.class);
      data.journeyOf(laterBooking);
      Booking later0 = data.reload(laterBooking);
      Instant guideAt = data.message(later0.id(), MessageStep.CHECK_IN_GUIDE).plannedAt();
      assertThat(data.message(later0.id(), MessageStep.CHECK_IN_GUIDE).state())
          .isEqualTo(DeliveryState.SCHEDULED);
      time.jump(Duration.between(time.now(), guideAt.plusSeconds(30)));
      data.awaitState(laterBooking, MessageStep.CHECK_IN_GUIDE, DeliveryState.SENT);
      await()
          .during(Duration.ofSeconds(2))
          .atMost(Duration.ofSeconds(5))
          .until(
              () -> TestMailServer.to(early).size() == 2 && TestMailServer.to(later).size() == 2);
    }
  }

  @Test
  void theStayAndItsOpenTasksContinueAfterARestart() throws Exception {
    String email = "stay-" + UUID.randomUUID() + "@example.com";
    long booking;
    long complaint;
    long oldTask;
    long complaintJourney;
    long oldReplyTask;
    Instant acknowledgeBy;
    Instant replyDue;
    String phone = "+3936" + (10000000 + (int) (Math.random() * 89999999));
    Path dir = Path.of("target/test-data/restart-stay-" + UUID.randomUUID());

    try (ConfigurableApplicationContext app = StandaloneApp.start(dir, TestMailServer.port())) {
      TestData data = TestData.of(app);
      TimeMachine time = app.getBean(TimeMachine.class);
      Property property = data.property("Europe/Rome", "en");
      LocalDate arrival = LocalDate.ofInstant(time.now(), property.timeZone()).plusDays(1);
      booking =
          data.book(
                  new org.guestjourney.booking.BookingRequest(
                      property.id(),
                      "RESTART-" + email,
                      "direct",
                      arrival,
                      arrival.plusDays(3),
                      null,
                      2,
                      null,
                      new org.guestjourney.booking.BookingRequest.GuestDetails(
                          "Nina Stay", email, phone, "en")))
              .id();
      data.journeyOf(booking);
      app.getBean(org.guestjourney.booking.BookingService.class)
          .recordArrivalTime(booking, "16:00");
      data.awaitState(booking, MessageStep.BOOKING_CONFIRMATION, DeliveryState.SENT);
      Instant checkIn =
          java.time.ZonedDateTime.of(arrival, java.time.LocalTime.of(15, 1), property.timeZone())
              .toInstant();
      time.jump(Duration.between(time.now(), checkIn));
      data.awaitState(booking, MessageStep.WELCOME, DeliveryState.SENT);
      var complaintService = app.getBean(org.guestjourney.complaint.ComplaintService.class);
      org.guestjourney.complaint.Complaint c =
          org.guestjourney.support.Complaints.started(
              complaintService,
              complaintService.raise(
                  new org.guestjourney.complaint.ComplaintRequest(
                      booking, "noise", "Loud music next door", "guest")));
      complaint = c.id();
      complaintJourney = c.processInstanceKey();
      oldTask =
          new org.guestjourney.support.Staff(
                  app.getBean(org.guestjourney.tasklist.StaffTaskService.class))
              .awaitOpenTaskOfKind(c.processInstanceKey(), "resolve-complaint")
              .id();
      acknowledgeBy =
          await()
              .atMost(Duration.ofSeconds(10))
              .until(
                  () ->
                      app.getBean(org.guestjourney.complaint.ComplaintService.class)
                          .get(complaint)
                          .acknowledgeDueAt(),
                  java.util.Objects::nonNull);
      // the guest also wrote and waits for an answer
      app.getBean(org.guestjourney.messaging.InboundMessageService.class)
          .receive(
              org.guestjourney.messaging.ChannelType.SMS,
              phone,
              "+15005550006",
              "Is there parking nearby?",
              "SM-restart-" + UUID.randomUUID());
      var reply =
          new org.guestjourney.support.Staff(
                  app.getBean(org.guestjourney.tasklist.StaffTaskService.class))
              .awaitOpenTask(replyJourney(app, booking), "task_reply_to_guest");
      oldReplyTask = reply.id();
      replyDue = reply.dueAt();
    }

    try (ConfigurableApplicationContext app = StandaloneApp.start(dir, TestMailServer.port())) {
      TestData data = TestData.of(app);
      TimeMachine time = app.getBean(TimeMachine.class);
      var tasks = app.getBean(org.guestjourney.tasklist.StaffTaskService.class);
      var complaints = app.getBean(org.guestjourney.complaint.ComplaintService.class);

      // the complaint's task is the same one, still open, its journey the same process
      var task = tasks.get(oldTask, org.guestjourney.support.Staff.MANAGER);
      assertThat(task.state()).isEqualTo(org.guestjourney.tasklist.StaffTaskState.OPEN);
      assertThat(task.complaintId()).isEqualTo(complaint);
      assertThat(task.processInstanceKey()).isEqualTo(complaintJourney);
      assertThat(complaints.get(complaint).processInstanceKey()).isEqualTo(complaintJourney);
      assertThat(complaints.get(complaint).acknowledgeDueAt()).isEqualTo(acknowledgeBy);

      // the guest's message still waits for its answer: the same task, due when it was due
      var reply = tasks.get(oldReplyTask, org.guestjourney.support.Staff.MANAGER);
      assertThat(reply.state()).isEqualTo(org.guestjourney.tasklist.StaffTaskState.OPEN);
      assertThat(reply.dueAt()).isEqualTo(replyDue);

      // the in-stay journey goes on: the welcome is not sent again, the quick survey comes next
      // morning
      Instant quickSurveyAt = data.message(booking, MessageStep.QUICK_SURVEY).plannedAt();
      time.jump(Duration.between(time.now(), quickSurveyAt.plusSeconds(30)));
      data.awaitState(booking, MessageStep.QUICK_SURVEY, DeliveryState.SENT);
      await()
          .during(Duration.ofSeconds(2))
          .atMost(Duration.ofSeconds(5))
          .until(
              () ->
                  TestMailServer.to(email).stream()
                          .filter(m -> subject(m).startsWith("Welcome"))
                          .count()
                      == 1);
    }
  }

  /** The guest-reply journey of the booking's latest guest message. */
  private static long replyJourney(ConfigurableApplicationContext app, long booking) {
    return await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () ->
                app.getBean(org.springframework.jdbc.core.simple.JdbcClient.class)
                    .sql(
                        "select process_instance_key from inbound_message where booking_id = ? order by id desc limit 1")
                    .param(booking)
                    .query(Long.class)
                    .optional()
                    .orElse(null),
            java.util.Objects::nonNull);
  }

  private static String subject(jakarta.mail.internet.MimeMessage m) {
    try {
      return m.getSubject();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
