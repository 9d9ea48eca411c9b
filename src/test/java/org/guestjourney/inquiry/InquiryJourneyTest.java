package org.guestjourney.inquiry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.guestjourney.inquiry.InquiryJourney.*;

import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.guestjourney.messaging.DeliveryState;
import org.guestjourney.messaging.MessageDelivery;
import org.guestjourney.messaging.MessagingService;
import org.guestjourney.property.Property;
import org.guestjourney.support.JourneyIntegrationTest;
import org.guestjourney.support.Mails;
import org.guestjourney.support.Staff;
import org.guestjourney.support.TestMailServer;
import org.guestjourney.tasklist.StaffTask;
import org.guestjourney.tasklist.StaffTaskService;
import org.guestjourney.tasklist.StaffTaskState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A prospective guest's inquiry: personal answer within the working-hours SLA. */
class InquiryJourneyTest extends JourneyIntegrationTest {

  @Autowired InquiryService inquiries;
  @Autowired MessagingService messaging;
  @Autowired StaffTaskService taskService;
  Staff staff;
  Property property;

  @BeforeEach
  void property() {
    staff = new Staff(taskService);
    property = data.property("Europe/Rome", "en", "zh-CN");
  }

  /** Moves the clock to the next moment at {@code local} o'clock at the property. */
  void moveToNextLocal(LocalTime local) {
    ZonedDateTime now = engine.now().atZone(property.timeZone());
    ZonedDateTime next = now.with(local);
    if (!next.isAfter(now.plusMinutes(1))) {
      next = next.plusDays(1);
    }
    engine.moveTo(next.toInstant());
  }

  /** Waits until the inquiry's journey has started (from the engine outbox, after the commit). */
  Inquiry started(Inquiry received) {
    return org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(15))
        .until(() -> inquiries.get(received.id()), i -> i.processInstanceKey() != null);
  }

  Inquiry ask(String email, String language) {
    return receiveAndStart(
        new InquiryRequest(
            property.id(),
            "Sara Bianchi",
            email,
            null,
            language,
            "Do you have a room for 2 adults and a child in May?"));
  }

  Inquiry receiveAndStart(InquiryRequest request) {
    return started(inquiries.receive(request));
  }

  List<MessageDelivery> messages(long inquiryId) {
    return messaging.forInquiry(inquiryId);
  }

  @Test
  void aHouseKnowsWhetherAnAddressHasAskedBefore() {
    // the demo data asks its one question once, however often the app starts on its data
    Property other = data.property("Europe/Rome", "en");
    assertThat(inquiries.askedBefore(property.id(), "tom.walker@example.com")).isFalse();

    ask("tom.walker@example.com", "en");

    assertThat(inquiries.askedBefore(property.id(), "tom.walker@example.com")).isTrue();
    assertThat(inquiries.askedBefore(property.id(), "Tom.Walker@Example.com "))
        .as("the address as the guest may type it")
        .isTrue();
    assertThat(inquiries.askedBefore(property.id(), "sara@example.com")).isFalse();
    assertThat(inquiries.askedBefore(other.id(), "tom.walker@example.com")).isFalse();
  }

  @Test
  void outsideWorkingHoursSendsAHoldingReplyAndTheAnswerComesWithinAnHourOfOpening()
      throws Exception {
    moveToNextLocal(LocalTime.of(23, 0));
    String email = data.uniqueEmail();
    Inquiry inquiry = ask(email, "en");

    StaffTask answerTask = staff.awaitOpenTask(inquiry.processInstanceKey(), TASK_ANSWER_INQUIRY);
    Instant nineNextMorning =
        engine.now().atZone(property.timeZone()).plusDays(1).with(LocalTime.of(9, 0)).toInstant();
    assertThat(answerTask.dueAt()).isEqualTo(nineNextMorning);
    assertThat(answerTask.candidateGroups()).containsExactly("front-desk");

    await().atMost(Duration.ofSeconds(15)).until(() -> TestMailServer.to(email).size() == 1);
    MimeMessage holding = TestMailServer.to(email).getFirst();
    assertThat(Mails.visibleText(holding))
        .contains("Do you have a room for 2 adults")
        .contains("09:00");
    assertThat(messages(inquiry.id()))
        .singleElement()
        .satisfies(d -> assertThat(d.state()).isEqualTo(DeliveryState.SENT));

    staff.complete(
        answerTask,
        Staff.FRONT_DESK,
        Map.of(
            "answer",
            "Yes! Our family room is free.\nBreakfast included.",
            "travelPurpose",
            "family"));

    engine.awaitInstance(
        inquiry.processInstanceKey(), i -> i.isCompleted().hasPassedElement(END_INQUIRY_ANSWERED));
    await().atMost(Duration.ofSeconds(15)).until(() -> TestMailServer.to(email).size() == 2);
    assertThat(Mails.visibleText(TestMailServer.to(email).get(1)))
        .contains("Our family room is free")
        .contains("Breakfast included");
    Inquiry answered = inquiries.get(inquiry.id());
    assertThat(answered.status()).isEqualTo("ANSWERED");
    assertThat(answered.answeredBy()).isEqualTo("frontdesk");
    assertThat(answered.travelPurpose()).isEqualTo("family");
  }

  @Test
  void inWorkingHoursThereIsNoHoldingReplyAndABreachAlertsTheManager() {
    moveToNextLocal(LocalTime.of(10, 0));
    String email = data.uniqueEmail();
    Inquiry inquiry = ask(email, "zh-CN");

    StaffTask answerTask = staff.awaitOpenTask(inquiry.processInstanceKey(), TASK_ANSWER_INQUIRY);
    assertThat(Duration.between(engine.now(), answerTask.dueAt()))
        .isBetween(Duration.ofMinutes(59), Duration.ofMinutes(61));
    engine.awaitInstance(
        inquiry.processInstanceKey(), i -> i.hasNotPassedElement(TASK_SEND_HOLDING_REPLY));
    assertThat(messages(inquiry.id())).isEmpty();

    engine.move(Duration.ofMinutes(62));

    await().atMost(Duration.ofSeconds(15)).until(() -> staff.reload(answerTask).escalated());
    assertThat(staff.reload(answerTask).escalationReason()).isEqualTo("answer-sla");
    assertThat(staff.reload(answerTask).state()).isEqualTo(StaffTaskState.OPEN);
    engine.assertStillWaitingAt(inquiry.processInstanceKey(), TASK_ANSWER_INQUIRY);
    assertThat(TestMailServer.to(email)).isEmpty();
  }

  @org.springframework.beans.factory.annotation.Autowired
  org.springframework.boot.test.web.client.TestRestTemplate http;

  @Test
  void aBookingBySomeoneWhoAskedBeforeContinuesTheirConversation() {
    String email = data.uniqueEmail();
    Inquiry inquiry =
        receiveAndStart(
            new InquiryRequest(
                property.id(),
                "Sara Bianchi",
                email,
                null,
                "en",
                "Is there a cot? <script>alert('cot')</script>"));
    String other = data.uniqueEmail();
    Inquiry unrelated = ask(other, "en");

    var booking =
        data.book(
            data.request(
                property,
                java.time.LocalDate.ofInstant(engine.now(), property.timeZone()).plusDays(20),
                2,
                email.toUpperCase(java.util.Locale.ROOT),
                "en"));

    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                booking.id()
                    == java.util.Objects.requireNonNullElse(
                        inquiries.get(inquiry.id()).bookingId(), -1L));
    assertThat(inquiries.get(unrelated.id()).bookingId()).isNull();
    StaffTask answerTask = staff.awaitOpenTask(inquiry.processInstanceKey(), TASK_ANSWER_INQUIRY);
    assertThat(
            new InquiryTaskDetails(inquiryRepository, staffWords)
                .detailsFor(answerTask).stream()
                    .filter(d -> d.label().equals("Booked since"))
                    .map(org.guestjourney.tasklist.TaskDetails.Detail::value))
        .containsExactly("yes, booking " + booking.id() + " (see its journey page)");
    assertThat(
            org.guestjourney.support.SignedIn.as(http, "frontdesk", "frontdesk")
                .getForObject("/bookings/" + booking.id(), String.class))
        .contains("Asked before booking")
        .contains("Is there a cot? &lt;script&gt;")
        .doesNotContain("<script>alert('cot')");
  }

  @org.springframework.beans.factory.annotation.Autowired InquiryRepository inquiryRepository;

  @org.springframework.beans.factory.annotation.Autowired
  org.guestjourney.web.StaffWords staffWords;
}
