package org.guestjourney.journey;

import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.guestjourney.booking.Booking;
import org.guestjourney.booking.BookingRepository;
import org.guestjourney.guest.GuestRepository;
import org.guestjourney.guestrequest.GuestRequestRepository;
import org.guestjourney.messaging.GuestMessageRequest;
import org.guestjourney.messaging.MessageDelivery;
import org.guestjourney.messaging.MessageStep;
import org.guestjourney.messaging.MessagingService;
import org.guestjourney.messaging.PlannedMessage;
import org.guestjourney.property.JourneySettings;
import org.guestjourney.property.Property;
import org.guestjourney.property.PropertyRepository;
import org.guestjourney.survey.SurveyKind;
import org.guestjourney.survey.SurveyService;
import org.springframework.stereotype.Service;

/**
 * The logic of the in-stay and post-stay journeys: their moments, computed in the property's time
 * zone from the stay dates and the property's journey settings, and the content of their messages.
 */
@Service
public class StayService {

  private final BookingRepository bookings;
  private final PropertyRepository properties;
  private final GuestRequestRepository requests;
  private final MessagingService messaging;
  private final SurveyService surveys;
  private final GuestRepository guests;
  private final org.guestjourney.tasklist.StaffTaskService tasks;
  private final Clock clock;

  StayService(
      BookingRepository bookings,
      PropertyRepository properties,
      GuestRequestRepository requests,
      MessagingService messaging,
      SurveyService surveys,
      GuestRepository guests,
      org.guestjourney.tasklist.StaffTaskService tasks,
      Clock clock) {
    this.bookings = bookings;
    this.properties = properties;
    this.requests = requests;
    this.messaging = messaging;
    this.surveys = surveys;
    this.guests = guests;
    this.tasks = tasks;
    this.clock = clock;
  }

  /** The in-stay moments; records the welcome and the quick survey as planned messages. */
  public StayJourneys.InStayMoments planInStay(long bookingId) {
    Booking booking = bookings.findById(bookingId).orElseThrow();
    Property property = properties.findById(booking.propertyId()).orElseThrow();
    Moments m = moments(booking, property, properties.settings(property.id()));
    // the guest is in the house: a call about the arrival time is not needed any more
    tasks.withdraw(bookingId, PreArrivalJourney.PROCESS_ID);
    messaging.recordPlan(
        bookingId,
        List.of(
            PlannedMessage.scheduled(
                MessageStep.WELCOME, key(booking, MessageStep.WELCOME, null), m.welcomeAt()),
            PlannedMessage.scheduled(
                MessageStep.QUICK_SURVEY,
                key(booking, MessageStep.QUICK_SURVEY, null),
                m.quickSurveyAt())));
    return new StayJourneys.InStayMoments(
        iso(m.welcomeAt(), property),
        iso(m.quickSurveyAt(), property),
        iso(m.courtesyCheckInAt(), property),
        iso(m.checkOutAt(), property),
        booking.nights());
  }

  /** The post-stay moments; records the messages every guest gets as planned. */
  public StayJourneys.PostStayMoments planPostStay(long bookingId) {
    Booking booking = bookings.findById(bookingId).orElseThrow();
    Property property = properties.findById(booking.propertyId()).orElseThrow();
    Moments m = moments(booking, property, properties.settings(property.id()));
    messaging.recordPlan(
        bookingId,
        List.of(
            PlannedMessage.scheduled(
                MessageStep.THANK_YOU, key(booking, MessageStep.THANK_YOU, null), m.thankYouAt()),
            PlannedMessage.scheduled(
                MessageStep.SATISFACTION_SURVEY,
                key(booking, MessageStep.SATISFACTION_SURVEY, null),
                m.satisfactionSurveyAt()),
            PlannedMessage.scheduled(
                MessageStep.REVIEW_REQUEST,
                key(booking, MessageStep.REVIEW_REQUEST, null),
                m.reviewRequestAt())));
    return new StayJourneys.PostStayMoments(
        iso(m.thankYouAt(), property),
        iso(m.satisfactionSurveyAt(), property),
        iso(m.surveyReminderAt(), property),
        iso(m.reviewRequestAt(), property),
        iso(m.phoneFollowUpDueAt(), property),
        booking.nights(),
        booking.partySize(),
        bookings.previousStays(bookingId));
  }

  /** Sends an in-stay or post-stay message; conditional ones are planned when their turn comes. */
  public Optional<MessageDelivery> send(long bookingId, MessageStep step, Long requestId) {
    return messaging.send(request(bookingId, step, requestId));
  }

  /**
   * What the journey asks the messaging to send for {@code step}, with the template's values;
   * conditional messages are planned here when their turn comes.
   */
  GuestMessageRequest request(long bookingId, MessageStep step, Long requestId) {
    Booking booking = bookings.findById(bookingId).orElseThrow();
    Property property = properties.findById(booking.propertyId()).orElseThrow();
    JourneySettings settings = properties.settings(property.id());
    Moments m = moments(booking, property, settings);
    String key = key(booking, step, requestId);
    Map<String, Object> model = new HashMap<>();
    model.put("includeCheckInGuide", false);
    model.put("askArrivalTime", false);
    model.put("surveyUrl", surveyUrl(booking, step));
    model.put("reviewUrl", settings.reviewUrl());
    model.put("stayDetail", booking.room() == null ? null : booking.room());
    switch (step) {
      case COURTESY_CHECK_IN -> plan(booking, step, key, m.courtesyCheckInAt());
      case SATISFACTION_SURVEY_REMINDER -> plan(booking, step, key, m.surveyReminderAt());
      case REQUEST_PROGRESS -> {
        plan(booking, step, key, clock.instant());
        model.put("request", requests.findById(requestId).orElseThrow());
      }
      default -> {}
    }
    return new GuestMessageRequest(bookingId, step, key, model);
  }

  /** A fresh link for the guest's own survey, on the messages that ask for it. */
  private String surveyUrl(Booking booking, MessageStep step) {
    SurveyKind kind =
        switch (step) {
          case QUICK_SURVEY -> SurveyKind.QUICK;
          case SATISFACTION_SURVEY, SATISFACTION_SURVEY_REMINDER -> SurveyKind.SATISFACTION;
          default -> null;
        };
    if (kind == null) {
      return null;
    }
    Property property = properties.findById(booking.propertyId()).orElseThrow();
    String language =
        property.languageFor(guests.findById(booking.guestId()).orElseThrow().preferredLanguage());
    return surveys.invite(booking.id(), kind, language);
  }

  private void plan(Booking booking, MessageStep step, String key, Instant at) {
    messaging.recordPlan(booking.id(), List.of(PlannedMessage.scheduled(step, key, at)));
  }

  static String key(Booking booking, MessageStep step, Long requestId) {
    String base = "booking/" + booking.id() + "/" + step.code();
    return step == MessageStep.REQUEST_PROGRESS ? base + "/" + requestId : base;
  }

  /** Every in-stay and post-stay moment of a booking. */
  record Moments(
      Instant welcomeAt,
      Instant quickSurveyAt,
      Instant courtesyCheckInAt,
      Instant checkOutAt,
      Instant thankYouAt,
      Instant satisfactionSurveyAt,
      Instant surveyReminderAt,
      Instant reviewRequestAt,
      Instant phoneFollowUpDueAt) {}

  static Moments moments(Booking booking, Property property, JourneySettings s) {
    var zone = property.timeZone();
    var arrival = booking.arrivalDate();
    var departure = booking.departureDate();
    Instant checkOut = ZonedDateTime.of(departure, property.checkOutTime(), zone).toInstant();
    Instant survey =
        ZonedDateTime.of(departure.plusDays(1), s.satisfactionSurveySendTime(), zone).toInstant();
    return new Moments(
        ZonedDateTime.of(arrival, property.checkInTime(), zone).toInstant(),
        ZonedDateTime.of(arrival.plusDays(1), s.quickSurveySendTime(), zone).toInstant(),
        ZonedDateTime.of(arrival.plusDays(1), s.courtesyCheckInSendTime(), zone).toInstant(),
        checkOut,
        checkOut.plus(s.thankYouAfterCheckOut()),
        survey,
        ZonedDateTime.of(
                departure.plusDays(1 + s.surveyReminderAfterDays()),
                s.satisfactionSurveySendTime(),
                zone)
            .toInstant(),
        ZonedDateTime.of(
                departure.plusDays(s.reviewRequestAfterDays()),
                s.satisfactionSurveySendTime(),
                zone)
            .toInstant(),
        ZonedDateTime.of(
                departure.plusDays(s.phoneFollowUpWithinDays()), property.checkOutTime(), zone)
            .toInstant());
  }

  private static String iso(Instant instant, Property property) {
    return PreArrivalSchedule.iso(instant, property);
  }
}
