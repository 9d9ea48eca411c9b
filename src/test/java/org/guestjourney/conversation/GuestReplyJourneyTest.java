package org.guestjourney.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import org.guestjourney.booking.Booking;
import org.guestjourney.booking.BookingRequest;
import org.guestjourney.booking.BookingRequest.GuestDetails;
import org.guestjourney.messaging.ChannelType;
import org.guestjourney.messaging.DeliveryState;
import org.guestjourney.messaging.InboundMessageService;
import org.guestjourney.messaging.MessageStep;
import org.guestjourney.property.Property;
import org.guestjourney.support.JourneyIntegrationTest;
import org.guestjourney.support.Mails;
import org.guestjourney.support.Staff;
import org.guestjourney.support.TestMailServer;
import org.guestjourney.tasklist.StaffTask;
import org.guestjourney.tasklist.StaffTaskService;
import org.guestjourney.tasklist.TaskDetails;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** What a guest writes back reaches a person, and their answer reaches the guest. */
class GuestReplyJourneyTest extends JourneyIntegrationTest {

  @Autowired InboundMessageService inbound;
  @Autowired StaffTaskService tasks;
  @Autowired org.guestjourney.staffalert.StaffContacts contacts;
  @Autowired java.util.List<TaskDetails> details;
  @Autowired org.guestjourney.complaint.ComplaintService complaints;

  @Test
  void aGuestsMessageBecomesAFrontDeskTaskAndTheAnswerGoesBack() throws Exception {
    Property property = data.property("Europe/Rome", "en");
    String email = data.uniqueEmail();
    String phone = "+3935" + (10000000 + (int) (Math.random() * 89999999));
    LocalDate arrival = LocalDate.ofInstant(engine.now(), property.timeZone()).plusDays(4);
    Booking booking =
        data.book(
            new BookingRequest(
                property.id(),
                "REPLY-" + email,
                "direct",
                arrival,
                arrival.plusDays(2),
                null,
                2,
                null,
                new GuestDetails("Sofia Conti", email, phone, "en")));
    data.awaitState(booking.id(), MessageStep.BOOKING_CONFIRMATION, DeliveryState.SENT);

    var result =
        inbound.receive(
            ChannelType.SMS,
            phone,
            "+15005550006",
            "Can we check in at 13:00?",
            "SM-reply-" + phone);
    assertThat(result.kind()).isEqualTo(InboundMessageService.Kind.REPLY);
    assertThat(result.answer()).isEmpty();

    StaffTask reply = awaitReplyTask(booking);
    assertThat(reply.candidateGroups()).containsExactly("front-desk");
    assertThat(Duration.between(engine.now(), reply.dueAt()))
        .isBetween(Duration.ofMinutes(59), Duration.ofMinutes(61));
    assertThat(details.stream().flatMap(d -> d.detailsFor(reply).stream()))
        .anySatisfy(d -> assertThat(d.value()).isEqualTo("Can we check in at 13:00?"));

    // signed with the name the front desk gave, not their sign-in name
    contacts.save("frontdesk", "Anna Bianchi", null, null);
    new Staff(tasks)
        .complete(
            reply,
            Staff.FRONT_DESK,
            Map.of("reply", "Hi Sofia, yes, your room will be ready at 13:00."));

    data.awaitState(booking.id(), MessageStep.STAFF_REPLY, DeliveryState.SENT);
    await().atMost(Duration.ofSeconds(10)).until(() -> TestMailServer.to(email).size() == 2);
    assertThat(Mails.visibleText(TestMailServer.to(email).getLast()))
        .contains("Hi Sofia, yes, your room will be ready at 13:00.")
        .contains("Warm regards, Anna Bianchi,")
        .doesNotContain("frontdesk")
        .as("one greeting only: the reply's own")
        .doesNotContain("Dear Sofia")
        .contains("Can we check in at 13:00?");
  }

  @Test
  void staffCanTurnAGuestsMessageIntoAComplaint() {
    Property property = data.property("Europe/Rome", "en");
    String phone = "+3937" + (10000000 + (int) (Math.random() * 89999999));
    LocalDate arrival = LocalDate.ofInstant(engine.now(), property.timeZone()).plusDays(4);
    Booking booking =
        data.book(
            new BookingRequest(
                property.id(),
                "REPLY-C-" + phone,
                "direct",
                arrival,
                arrival.plusDays(2),
                null,
                2,
                null,
                new GuestDetails("Marta Ricci", data.uniqueEmail(), phone, "en")));
    inbound.receive(
        ChannelType.SMS,
        phone,
        "+15005550006",
        "The neighbours' music kept us awake",
        "SM-c-" + phone);
    StaffTask reply = awaitReplyTask(booking);

    new Staff(tasks)
        .complete(
            reply,
            Staff.FRONT_DESK,
            Map.of(
                "reply",
                "We are so sorry, we will call you now.",
                "isComplaint",
                true,
                "complaintCategory",
                "noise"));

    var complaint =
        await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> complaints.forBooking(booking.id()), l -> !l.isEmpty())
            .getFirst();
    assertThat(complaint.source()).isEqualTo("guest");
    assertThat(complaint.category()).isEqualTo("noise");
    assertThat(complaint.description()).isEqualTo("The neighbours' music kept us awake");
  }

  @Test
  void anUnansweredMessageAlertsTheManagerAfterAnHour() {
    Property property = data.property("Europe/Rome", "en");
    String phone = "+3936" + (10000000 + (int) (Math.random() * 89999999));
    LocalDate arrival = LocalDate.ofInstant(engine.now(), property.timeZone()).plusDays(4);
    Booking booking =
        data.book(
            new BookingRequest(
                property.id(),
                "REPLY-" + phone,
                "direct",
                arrival,
                arrival.plusDays(2),
                null,
                2,
                null,
                new GuestDetails("Luca Bruno", data.uniqueEmail(), phone, "en")));
    inbound.receive(
        ChannelType.WHATSAPP,
        "whatsapp:" + phone,
        "whatsapp:+15005550006",
        "Is there parking?",
        "SM-wa-" + phone);
    StaffTask reply = awaitReplyTask(booking);

    engine.move(Duration.ofMinutes(62));

    await().atMost(Duration.ofSeconds(15)).until(() -> new Staff(tasks).reload(reply).escalated());
    assertThat(new Staff(tasks).reload(reply).escalationReason()).isEqualTo("reply-sla");
  }

  /** The front-desk task the guest's message started. */
  StaffTask awaitReplyTask(Booking booking) {
    return await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () ->
                tasks.ofBooking(booking.id()).stream()
                    .filter(t -> t.elementId().equals("task_reply_to_guest"))
                    .findFirst(),
            java.util.Optional::isPresent)
        .orElseThrow();
  }
}
