package org.guestjourney.journey;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.guestjourney.booking.Booking;
import org.guestjourney.messaging.DeliveryState;
import org.guestjourney.messaging.MessageDelivery;
import org.guestjourney.messaging.MessageStep;
import org.guestjourney.property.Property;
import org.guestjourney.support.JourneyIntegrationTest;
import org.guestjourney.support.Mails;
import org.guestjourney.support.SignedIn;
import org.guestjourney.support.TestMailServer;
import org.guestjourney.survey.SurveyService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A manager's settings change reaches journeys that are already waiting: the moments not yet
 * reached are armed again from the new values, and what went is not sent again. Real engine, real
 * SMTP, the settings API.
 */
class SettingsChangeRearmsJourneyTest extends JourneyIntegrationTest {

  private static final Duration MINUTE = Duration.ofMinutes(1);

  @Autowired TestRestTemplate anonymous;
  @Autowired SurveyService surveys;
  @Autowired JdbcClient jdbc;

  @Test
  void movesAWaitingDayBeforeReminderFromSixPmToNineAmAndSendsItOnce() {
    TestRestTemplate manager = SignedIn.as(anonymous, "manager", "manager");
    Property property = data.property("Europe/Rome", "en");
    String settingsUrl = "/api/properties/" + property.id() + "/settings";
    assertThat(put(manager, settingsUrl, Map.of("dayBeforeReminderSendTime", "18:00")))
        .isEqualTo(HttpStatus.OK);

    LocalDate arrival = LocalDate.ofInstant(engine.now(), property.timeZone()).plusDays(6);
    String email = data.uniqueEmail();
    Booking booking = data.book(data.request(property, arrival, 2, email, "en"));
    long journey = data.journeyOf(booking.id());
    data.awaitState(booking.id(), MessageStep.BOOKING_CONFIRMATION, DeliveryState.SENT);
    assertThat(data.plannedAt(booking.id(), MessageStep.DAY_BEFORE_REMINDER))
        .isEqualTo(local(property, arrival.minusDays(1), 18, 0));

    // the check-in guide goes at its moment, before the change
    engine.moveTo(local(property, arrival.minusDays(3), 10, 1));
    data.awaitState(booking.id(), MessageStep.CHECK_IN_GUIDE, DeliveryState.SENT);
    engine.assertStillWaitingAt(journey, PreArrivalJourney.TIMER_DAY_BEFORE_ARRIVAL);

    assertThat(put(manager, settingsUrl, Map.of("dayBeforeReminderSendTime", "09:00")))
        .isEqualTo(HttpStatus.OK);

    // the journey page shows the new moment at once
    Instant nineAm = local(property, arrival.minusDays(1), 9, 0);
    String page = manager.getForObject("/bookings/" + booking.id(), String.class);
    assertThat(planWhen(page, "day-before-reminder"))
        .isEqualTo(
            DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm", Locale.ENGLISH)
                    .format(nineAm.atZone(property.timeZone()))
                + " "
                + property.timeZone().getId());
    // the running journey read the settings again and waits for the new moment
    engine.awaitInstance(
        journey, i -> i.hasPassedElement(PreArrivalJourney.TASK_READ_NEW_SETTINGS));
    engine.assertStillWaitingAt(journey, PreArrivalJourney.TIMER_DAY_BEFORE_ARRIVAL);

    engine.moveTo(nineAm.minus(MINUTE));
    engine.assertStillWaitingAt(journey, PreArrivalJourney.TIMER_DAY_BEFORE_ARRIVAL);
    engine.moveTo(nineAm.plus(MINUTE));
    MessageDelivery reminder =
        data.awaitState(booking.id(), MessageStep.DAY_BEFORE_REMINDER, DeliveryState.SENT);
    assertThat(reminder.sentAt()).isBetween(nineAm, nineAm.plus(MINUTE.multipliedBy(2)));

    // at the old moment nothing more goes, and the guide (passed again on re-entry) went once
    engine.moveTo(local(property, arrival.minusDays(1), 18, 1));
    engine.assertStillWaitingAt(journey, PreArrivalJourney.TIMER_ARRIVAL_MORNING);
    assertThat(TestMailServer.to(email)).hasSize(3); // confirmation, guide, reminder
    assertThat(data.messages(booking.id()))
        .filteredOn(d -> d.step().equals(MessageStep.DAY_BEFORE_REMINDER))
        .hasSize(1);
    assertThat(data.messages(booking.id()))
        .filteredOn(d -> d.step().equals(MessageStep.CHECK_IN_GUIDE))
        .singleElement()
        .extracting(MessageDelivery::attempts)
        .isEqualTo(1);
  }

  @Test
  void movesTheQuickSurveyOfAGuestInTheHouseAndSendsTheWelcomeOnlyOnce() {
    TestRestTemplate manager = SignedIn.as(anonymous, "manager", "manager");
    Property property = data.property("Europe/Rome", "en");
    data.messageBudget(property, 20); // every message on its own
    String settingsUrl = "/api/properties/" + property.id() + "/settings";
    LocalDate arrival = LocalDate.ofInstant(engine.now(), property.timeZone()).plusDays(1);
    String email = data.uniqueEmail();
    Booking booking = data.book(data.request(property, arrival, 3, email, "en"));
    data.journeyOf(booking.id());
    data.awaitState(booking.id(), MessageStep.BOOKING_CONFIRMATION, DeliveryState.SENT);
    engine.moveTo(local(property, arrival, 15, 1));
    data.awaitState(booking.id(), MessageStep.WELCOME, DeliveryState.SENT);
    long inStay = engine.awaitInstanceOf(StayJourneys.IN_STAY, "bookingId", booking.id());
    engine.assertStillWaitingAt(inStay, StayJourneys.TIMER_MORNING_AFTER_FIRST_NIGHT);
    int mailsBefore = TestMailServer.to(email).size();

    assertThat(put(manager, settingsUrl, Map.of("quickSurveySendTime", "11:00")))
        .isEqualTo(HttpStatus.OK);
    engine.awaitInstance(inStay, i -> i.hasPassedElement(StayJourneys.TASK_READ_NEW_SETTINGS));
    engine.assertStillWaitingAt(inStay, StayJourneys.TIMER_MORNING_AFTER_FIRST_NIGHT);

    Instant eleven = local(property, arrival.plusDays(1), 11, 0);
    engine.moveTo(local(property, arrival.plusDays(1), 9, 31)); // the old moment: nothing goes
    engine.assertStillWaitingAt(inStay, StayJourneys.TIMER_MORNING_AFTER_FIRST_NIGHT);
    engine.moveTo(eleven.plus(MINUTE));
    MessageDelivery survey =
        data.awaitState(booking.id(), MessageStep.QUICK_SURVEY, DeliveryState.SENT);
    assertThat(survey.sentAt()).isBetween(eleven, eleven.plus(MINUTE.multipliedBy(2)));
    assertThat(TestMailServer.to(email)).hasSize(mailsBefore + 1);
    assertThat(data.messages(booking.id()))
        .filteredOn(d -> d.step().equals(MessageStep.WELCOME))
        .singleElement()
        .extracting(MessageDelivery::attempts)
        .isEqualTo(1);
  }

  /**
   * A post-stay journey waiting for the review request when the house moves it later: the thank-you
   * and the survey (passed again on re-entry) are not sent again, the survey the guest answered
   * gets no reminder, and the review request goes at the new moment only.
   */
  @Test
  void movesTheReviewRequestOfADepartedGuestAndRemindsNobodyWhoAnswered() throws Exception {
    TestRestTemplate manager = SignedIn.as(anonymous, "manager", "manager");
    Property property = data.property("Europe/Rome", "en");
    data.messageBudget(property, 20); // every message on its own
    String settingsUrl = "/api/properties/" + property.id() + "/settings";
    assertThat(
            put(
                manager,
                settingsUrl,
                Map.of("reviewRequestAfterDays", 4, "surveyReminderAfterDays", 2)))
        .isEqualTo(HttpStatus.OK);
    LocalDate arrival = LocalDate.ofInstant(engine.now(), property.timeZone()).plusDays(1);
    String email = data.uniqueEmail();
    Booking booking = data.book(data.request(property, arrival, 1, email, "en"));
    data.journeyOf(booking.id());
    data.awaitState(booking.id(), MessageStep.BOOKING_CONFIRMATION, DeliveryState.SENT);
    LocalDate departure = booking.departureDate();

    engine.moveTo(local(property, departure, 14, 1)); // check-out 11:00 + 3 h
    long postStay = engine.awaitInstanceOf(StayJourneys.POST_STAY, "bookingId", booking.id());
    data.awaitState(booking.id(), MessageStep.THANK_YOU, DeliveryState.SENT);
    engine.moveTo(local(property, departure.plusDays(1), 10, 1));
    data.awaitState(booking.id(), MessageStep.SATISFACTION_SURVEY, DeliveryState.SENT);
    surveys.answer(
        lastSurveyToken(email),
        Map.of("room", "5", "cleanliness", "5", "staff", "5", "value", "4", "recommend", "9"));
    engine.awaitInstance(
        postStay, i -> i.hasPassedElement(StayJourneys.CATCH_SATISFACTION_SURVEY_ANSWERED));
    int mailsBefore = TestMailServer.to(email).size();
    int invitationsBefore = invitations(booking.id());

    // the review request was due 4 days after departure; the house makes it 6
    assertThat(put(manager, settingsUrl, Map.of("reviewRequestAfterDays", 6)))
        .isEqualTo(HttpStatus.OK);
    engine.awaitInstance(postStay, i -> i.hasPassedElement(StayJourneys.TASK_READ_NEW_SETTINGS));

    // the reminder moment passes (1 + 2 days after departure): nothing goes, the answer stands
    engine.moveTo(local(property, departure.plusDays(3), 10, 1));
    engine.moveTo(local(property, departure.plusDays(4), 10, 1)); // the old review moment
    assertThat(TestMailServer.to(email)).hasSize(mailsBefore);
    Instant newMoment = local(property, departure.plusDays(6), 10, 0);
    engine.moveTo(newMoment.plus(MINUTE));
    MessageDelivery review =
        data.awaitState(booking.id(), MessageStep.REVIEW_REQUEST, DeliveryState.SENT);
    assertThat(review.sentAt()).isBetween(newMoment, newMoment.plus(MINUTE.multipliedBy(2)));
    assertThat(TestMailServer.to(email)).hasSize(mailsBefore + 1);
    assertThat(data.messages(booking.id()))
        .extracting(MessageDelivery::step)
        .doesNotContain(MessageStep.SATISFACTION_SURVEY_REMINDER);
    assertThat(data.messages(booking.id()))
        .filteredOn(
            d ->
                d.step().equals(MessageStep.THANK_YOU)
                    || d.step().equals(MessageStep.SATISFACTION_SURVEY))
        .hasSize(2)
        .allSatisfy(d -> assertThat(d.attempts()).isEqualTo(1));
    // the survey step passed again on re-entry made no new survey link
    assertThat(invitations(booking.id())).isEqualTo(invitationsBefore);
  }

  private int invitations(long bookingId) {
    return jdbc.sql("select count(*) from survey_invitation where booking_id = ?")
        .param(bookingId)
        .query(Integer.class)
        .single();
  }

  private static String lastSurveyToken(String email) throws Exception {
    Pattern link = Pattern.compile("http://localhost:8080/survey/([A-Za-z0-9_-]+)");
    String token = null;
    for (var mail : TestMailServer.to(email)) {
      Matcher m = link.matcher(Mails.body(mail));
      if (m.find()) {
        token = m.group(1);
      }
    }
    assertThat(token).as("a survey link mailed to " + email).isNotNull();
    return token;
  }

  private static Instant local(Property property, LocalDate day, int hour, int minute) {
    return ZonedDateTime.of(day, LocalTime.of(hour, minute), property.timeZone()).toInstant();
  }

  /** The manager reads the settings, changes {@code changes} and puts them back. */
  @SuppressWarnings("unchecked")
  private static HttpStatus put(TestRestTemplate as, String url, Map<String, Object> changes) {
    Map<String, Object> settings = new HashMap<>(as.getForObject(url, Map.class));
    settings.putAll(changes);
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return HttpStatus.valueOf(
        as.exchange(url, HttpMethod.PUT, new HttpEntity<>(settings, headers), String.class)
            .getStatusCode()
            .value());
  }

  /** The moment the page's "whole stay" plan shows for a message. */
  private static String planWhen(String page, String message) {
    Matcher m =
        Pattern.compile(
                "data-message=\"" + message + "\".*?data-testid=\"plan-when\">([^<]*)<",
                Pattern.DOTALL)
            .matcher(page);
    assertThat(m.find()).as("plan line of " + message).isTrue();
    return m.group(1);
  }
}
