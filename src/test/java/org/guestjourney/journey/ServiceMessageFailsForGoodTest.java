package org.guestjourney.journey;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.guestjourney.clock.TimeMachine;
import org.guestjourney.messaging.DeliveryState;
import org.guestjourney.messaging.MessageDelivery;
import org.guestjourney.messaging.MessageStep;
import org.guestjourney.messaging.MessagingService;
import org.guestjourney.property.Property;
import org.guestjourney.support.FaultySmtpServer;
import org.guestjourney.support.ProcessTestEngine;
import org.guestjourney.support.Staff;
import org.guestjourney.support.StandaloneApp;
import org.guestjourney.support.TestData;
import org.guestjourney.tasklist.StaffTask;
import org.guestjourney.tasklist.StaffTaskService;
import org.guestjourney.tasklist.TaskDetails.Detail;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A booking confirmation the mail server refuses for good, or whose every attempt fails, reaches
 * the same "call the guest" path as a guest no channel reaches: no incident, no silent completion.
 * A real SMTP server that refuses a recipient with 550, or is down; the real engine.
 */
class ServiceMessageFailsForGoodTest {

  @Test
  void aRefusedOrUndeliverableConfirmationBecomesACallForTheFrontDesk() throws Exception {
    Path dataDirectory = Path.of("target/test-data/fails-for-good-" + UUID.randomUUID());
    try (FaultySmtpServer smtp = new FaultySmtpServer();
        ConfigurableApplicationContext app = StandaloneApp.start(dataDirectory, smtp.port())) {
      TestData data = TestData.of(app);
      ProcessTestEngine engine =
          new ProcessTestEngine(app.getBean(ZeebeTestEngine.class), app.getBean(TimeMachine.class));
      Staff staff = new Staff(app.getBean(StaffTaskService.class));
      CallGuestTaskDetails details = app.getBean(CallGuestTaskDetails.class);
      Property property = data.property("Europe/Rome", "en");
      LocalDate arrival = LocalDate.ofInstant(engine.now(), property.timeZone()).plusDays(10);

      // the mail server refuses the recipient for good (550 to RCPT TO)
      String refused = data.uniqueEmail();
      smtp.refuse(refused);
      long first = data.book(data.request(property, arrival, 2, refused, "en")).id();
      long firstJourney = data.journeyOf(first);
      MessageDelivery rejected =
          data.awaitState(first, MessageStep.BOOKING_CONFIRMATION, DeliveryState.FAILED);
      assertThat(rejected.failedForGood()).isTrue();
      assertThat(rejected.reason()).startsWith("Refused by the provider (error 550)");
      StaffTask call =
          staff.awaitOpenTask(firstJourney, PreArrivalJourney.TASK_CALL_GUEST_BOOKING_CONFIRMATION);
      assertThat(details.detailsFor(call))
          .contains(new Detail("Why", rejected.reason()))
          .contains(new Detail("What did not reach the guest", "Booking confirmation"));
      staff.complete(call, Staff.FRONT_DESK, Map.of("guestReached", true));
      engine.assertStillWaitingAt(firstJourney, PreArrivalJourney.TIMER_CHECK_IN_GUIDE_DUE);
      assertThat(smtp.receivedBy(refused)).isEmpty();

      // the mail server is down for every attempt: the last one gives up and hands it over
      smtp.down();
      long second = data.book(data.request(property, arrival, 2, data.uniqueEmail(), "en")).id();
      long secondJourney = data.journeyOf(second);
      StaffTask secondCall =
          staff.awaitOpenTask(
              secondJourney, PreArrivalJourney.TASK_CALL_GUEST_BOOKING_CONFIRMATION);
      MessageDelivery gaveUp = data.message(second, MessageStep.BOOKING_CONFIRMATION);
      assertThat(gaveUp.failedForGood()).isTrue();
      assertThat(gaveUp.providerError()).isEqualTo(MessagingService.ATTEMPTS_EXHAUSTED);
      assertThat(gaveUp.attempts()).isEqualTo(5); // the model's retries
      assertThat(gaveUp.reason()).startsWith("Failed for good after its last attempt: E-mail not");
      assertThat(details.detailsFor(secondCall)).contains(new Detail("Why", gaveUp.reason()));

      smtp.up(); // back, but the message failed for good: it is never sent late
      staff.complete(secondCall, Staff.FRONT_DESK, Map.of("guestReached", true));
      engine.assertStillWaitingAt(secondJourney, PreArrivalJourney.TIMER_CHECK_IN_GUIDE_DUE);
      assertThat(data.message(second, MessageStep.BOOKING_CONFIRMATION).attempts()).isEqualTo(5);
    }
  }
}
