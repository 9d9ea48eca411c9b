package org.guestjourney.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.guestjourney.booking.Booking;
import org.guestjourney.booking.BookingRequest;
import org.guestjourney.booking.BookingService;
import org.guestjourney.complaint.Complaint;
import org.guestjourney.complaint.ComplaintJourney;
import org.guestjourney.complaint.ComplaintRequest;
import org.guestjourney.complaint.ComplaintService;
import org.guestjourney.guestrequest.GuestRequest;
import org.guestjourney.guestrequest.GuestRequestJourney;
import org.guestjourney.guestrequest.GuestRequestService;
import org.guestjourney.inquiry.Inquiry;
import org.guestjourney.inquiry.InquiryJourney;
import org.guestjourney.inquiry.InquiryRequest;
import org.guestjourney.inquiry.InquiryService;
import org.guestjourney.journey.StayJourneys;
import org.guestjourney.messaging.ChannelType;
import org.guestjourney.messaging.DeliveryState;
import org.guestjourney.messaging.InboundMessageService;
import org.guestjourney.messaging.MessageStep;
import org.guestjourney.property.Property;
import org.guestjourney.support.JourneyIntegrationTest;
import org.guestjourney.support.Staff;
import org.guestjourney.survey.SurveyService;
import org.guestjourney.tasklist.StaffTask;
import org.guestjourney.tasklist.StaffTaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A whole stay through every shipped guest journey — inquiry, pre-arrival, a guest's SMS and the
 * reply, in-stay with a request, a complaint, post-stay with an answered survey and the phone
 * follow-up — leaves no contact data and nothing anyone typed in any process variable of the
 * engine: the journeys carry ids, ticks and choices; the texts stay in PostgreSQL.
 */
class FullStayProcessVariablesTest extends JourneyIntegrationTest {

  private static final Pattern SURVEY_LINK = Pattern.compile("/survey/([A-Za-z0-9_-]+)");

  @Autowired InquiryService inquiries;
  @Autowired BookingService bookings;
  @Autowired InboundMessageService inbound;
  @Autowired GuestRequestService requests;
  @Autowired ComplaintService complaints;
  @Autowired SurveyService surveys;
  @Autowired StaffTaskService taskService;

  @Test
  void noJourneyOfAFullStayCarriesContactDataOrAnythingTyped() {
    Staff staff = new Staff(taskService);
    Property property = data.property("Europe/Rome", "en");
    data.messageBudget(property, 30);
    String name = "Wilhelmina Quarterstaff";
    String email = data.uniqueEmail();
    String phone = "+3938" + (10_000_000 + (int) (Math.random() * 89_999_999));
    List<String> typed = new ArrayList<>();

    // before booking: a question, answered by the front desk
    Inquiry inquiry =
        org.guestjourney.support.Inquiries.started(
            inquiries,
            inquiries.receive(
                new InquiryRequest(
                    property.id(),
                    name,
                    email,
                    phone,
                    "en",
                    typed("Is the sauna heated in May?", typed))));
    staff.complete(
        staff.awaitOpenTask(inquiry.processInstanceKey(), InquiryJourney.TASK_ANSWER_INQUIRY),
        Staff.FRONT_DESK,
        Map.of(
            "answer", typed("Yes, from seven to ten.", typed),
            "travelPurpose", "leisure",
            "partyComposition", typed("two adults and a spaniel", typed)));

    // the booking, five nights (a high-value guest: the phone follow-up runs too)
    LocalDate arrival = LocalDate.ofInstant(engine.now(), property.timeZone()).plusDays(2);
    Booking booking =
        data.book(
            new BookingRequest(
                property.id(),
                "FULL-" + email,
                "direct",
                arrival,
                arrival.plusDays(5),
                null,
                2,
                typed("Allergic to feathers, please", typed),
                new BookingRequest.GuestDetails(name, email, phone, "en")));
    long preArrival = data.journeyOf(booking.id());
    bookings.recordArrivalTime(booking.id(), "16:00");
    data.awaitState(booking.id(), MessageStep.BOOKING_CONFIRMATION, DeliveryState.SENT);

    // the guest writes back by SMS; the front desk answers
    inbound.receive(
        ChannelType.SMS,
        phone,
        "+15005550006",
        typed("Can we bring the spaniel Brutus?", typed),
        "SM-full-" + phone);
    StaffTask reply =
        await()
            .atMost(Duration.ofSeconds(15))
            .until(
                () ->
                    taskService.ofBooking(booking.id()).stream()
                        .filter(t -> t.elementId().equals("task_reply_to_guest"))
                        .findFirst(),
                java.util.Optional::isPresent)
            .orElseThrow();
    staff.complete(
        reply,
        Staff.FRONT_DESK,
        Map.of("reply", typed("Brutus is welcome, bring his bowl.", typed)));
    data.awaitState(booking.id(), MessageStep.STAFF_REPLY, DeliveryState.SENT);

    // check-in: the in-stay journey; a request and a complaint on the way
    engine.moveTo(local(property, arrival, 15, 1));
    data.awaitState(booking.id(), MessageStep.WELCOME, DeliveryState.SENT);
    long inStay = engine.awaitInstanceOf(StayJourneys.IN_STAY, "bookingId", booking.id());
    GuestRequest request =
        org.guestjourney.support.GuestRequests.started(
            requests,
            requests.raise(booking.id(), "amenities", typed("A kettle for room nine", typed)));
    staff.complete(
        staff.awaitOpenTask(
            request.processInstanceKey(), GuestRequestJourney.TASK_HANDLE_GUEST_REQUEST),
        Staff.HOUSEKEEPING,
        Map.of(
            "actionTaken", typed("Brought the spare kettle", typed),
            "solved", false,
            "newDeadline", typed("after the laundry van", typed)));
    Complaint complaint =
        org.guestjourney.support.Complaints.started(
            complaints,
            complaints.raise(
                new ComplaintRequest(
                    booking.id(),
                    "breakfast",
                    typed("The coffee tasted of boiler water", typed),
                    "guest")));
    long complaintJourney = complaint.processInstanceKey();
    staff.complete(
        staff.awaitOpenTask(complaintJourney, ComplaintJourney.TASK_CONTACT_GUEST),
        Staff.FRONT_DESK,
        Map.of(
            "contacted",
            true,
            "solution",
            typed("Plumber Esposito bled the radiators", typed),
            "compensation",
            "none"));
    staff.complete(
        staff.awaitOpenTask(complaintJourney, ComplaintJourney.TASK_CALL_BACK_GUEST),
        Staff.FRONT_DESK,
        Map.of(
            "guestReached",
            true,
            "guestSatisfied",
            "yes",
            "callNotes",
            typed("Mrs Quarterstaff slept well", typed)));

    // check-out: post-stay; the survey is answered with a comment, the host calls
    LocalDate departure = arrival.plusDays(5);
    engine.moveTo(local(property, departure, 11, 1));
    engine.awaitInstance(inStay, i -> i.isCompleted());
    long postStay = engine.awaitInstanceOf(StayJourneys.POST_STAY, "bookingId", booking.id());
    engine.moveTo(local(property, departure.plusDays(1), 10, 1));
    var survey = data.awaitState(booking.id(), MessageStep.SATISFACTION_SURVEY, DeliveryState.SENT);
    Matcher link = SURVEY_LINK.matcher(survey.body());
    assertThat(link.find()).as("the survey e-mail carries its link").isTrue();
    surveys.answer(
        link.group(1),
        Map.of(
            "room", "5",
            "cleanliness", "5",
            "staff", "5",
            "services", "4",
            "value", "5",
            "recommend", "9",
            "returnLikelihood", "5",
            "comments", typed("The fig jam at breakfast was superb", typed)));
    engine.moveTo(local(property, departure.plusDays(2), 10, 1));
    data.awaitState(booking.id(), MessageStep.REVIEW_REQUEST, DeliveryState.SENT);
    staff.complete(
        staff.awaitOpenTask(postStay, StayJourneys.TASK_PHONE_FOLLOW_UP),
        Staff.FRONT_DESK,
        Map.of(
            "guestReached",
            true,
            "feedback",
            typed("She wants the attic room next spring", typed),
            "rebookingInterest",
            "yes"));
    engine.awaitInstance(postStay, i -> i.isCompleted());
    engine.awaitInstance(complaintJourney, i -> i.isCompleted());
    engine.awaitInstance(inquiry.processInstanceKey(), i -> i.isCompleted());
    engine.awaitInstance(preArrival, i -> i.isCompleted());

    List<String> variables = engine.allVariables();
    assertThat(variables).as("the journeys ran and carried variables").hasSizeGreaterThan(20);
    List<String> leaks = new ArrayList<>();
    for (String needle :
        concat(List.of(name, "Quarterstaff", email, phone, phone.substring(1)), typed)) {
      variables.stream()
          .filter(v -> v.toLowerCase().contains(needle.toLowerCase()))
          .forEach(v -> leaks.add(needle + " in " + v));
    }
    assertThat(leaks).as("process variables holding contact data or typed text").isEmpty();
  }

  private static String typed(String text, List<String> typed) {
    typed.add(text);
    return text;
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private static Instant local(Property property, LocalDate day, int hour, int minute) {
    return ZonedDateTime.of(day, LocalTime.of(hour, minute), property.timeZone()).toInstant();
  }
}
