package org.guestjourney.feedback;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.guestjourney.booking.Booking;
import org.guestjourney.booking.BookingRepository;
import org.guestjourney.complaint.ComplaintRaised;
import org.guestjourney.property.Property;
import org.guestjourney.property.PropertyRepository;
import org.guestjourney.security.StaffUser;
import org.guestjourney.survey.SurveyAnswered;
import org.guestjourney.web.ConflictException;
import org.guestjourney.web.NotFoundException;
import org.guestjourney.web.Violations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * Keeps what guests write as feedback, classifies it with the {@value #DECISION} DMN table, lets
 * staff correct the class and a manager adopt a suggestion, and asks {@link RecurringProblems}
 * whether a type keeps coming back.
 */
@Service
public class FeedbackService {

  public static final String DECISION = "feedback-classification";
  public static final List<String> TYPES =
      List.of("room", "cleanliness", "noise", "staff", "breakfast", "facilities", "value", "other");
  public static final List<String> URGENCIES = List.of("urgent", "priority", "latent");
  static final int MAX_TEXT = 5000;

  private static final Logger log = LoggerFactory.getLogger(FeedbackService.class);

  /** What the DMN table says about a text. */
  record Classification(String type, String urgency, Boolean suggestion) {}

  private final FeedbackRepository feedback;
  private final BookingRepository bookings;
  private final PropertyRepository properties;
  private final RecurringProblems recurring;
  private final FeedbackEngine engine;
  private final ObjectMapper json;
  private final Clock clock;

  FeedbackService(
      FeedbackRepository feedback,
      BookingRepository bookings,
      PropertyRepository properties,
      RecurringProblems recurring,
      FeedbackEngine engine,
      ObjectMapper json,
      Clock clock) {
    this.feedback = feedback;
    this.bookings = bookings;
    this.properties = properties;
    this.recurring = recurring;
    this.engine = engine;
    this.json = json;
    this.clock = clock;
  }

  /**
   * The free text of a survey answer becomes feedback; answering again updates it (and classifies
   * it again, unless staff corrected the class). A survey without free text leaves no feedback.
   */
  @EventListener
  void surveyAnswered(SurveyAnswered answered) {
    String text = answered.freeText() == null ? "" : answered.freeText().strip();
    if (text.isEmpty()) {
      return;
    }
    try {
      Optional<Feedback> existing = feedback.findBySurvey(answered.invitationId());
      if (existing.isPresent()) {
        Feedback f = existing.get();
        if (f.text().equals(text)) {
          return;
        }
        feedback.updateText(f.id(), cut(text), clock.instant());
        if (!f.correctedByStaff()) {
          classify(f.id(), inHouse(answered.bookingId()));
        }
        return;
      }
      long id =
          feedback.insert(
              answered.bookingId(),
              "survey",
              answered.invitationId(),
              null,
              cut(text),
              clock.instant());
      classify(id, inHouse(answered.bookingId()));
    } catch (RuntimeException e) {
      // the guest's answer is kept either way; the feedback can be classified by hand
      log.warn("Feedback of survey {} not classified: {}", answered.invitationId(), e.toString());
    }
  }

  /**
   * A complaint's description becomes feedback too; a complaint opened by a survey is skipped, its
   * words are already the survey's feedback.
   */
  @EventListener
  void complaintRaised(ComplaintRaised raised) {
    if ("survey".equals(raised.source())) {
      return;
    }
    try {
      long id =
          feedback.insert(
              raised.bookingId(),
              "complaint",
              null,
              raised.complaintId(),
              cut(raised.description()),
              clock.instant());
      classify(id, raised.guestInHouse());
    } catch (RuntimeException e) {
      log.warn("Feedback of complaint {} not classified: {}", raised.complaintId(), e.toString());
    }
  }

  /** Classifies by the DMN table and checks whether the type keeps coming back. */
  void classify(long id, boolean guestInHouse) {
    Feedback f = get(id);
    String output =
        engine.evaluate(DECISION, Map.of("text", f.text(), "guestInHouse", guestInHouse));
    Classification c;
    try {
      c = json.readValue(output, Classification.class);
    } catch (Exception e) {
      throw new IllegalStateException("Unexpected output of " + DECISION + ": " + output, e);
    }
    feedback.classify(
        id,
        c.type(),
        c.urgency(),
        Boolean.TRUE.equals(c.suggestion()),
        Feedback.BY_RULES,
        false,
        clock.instant());
    log.info("Feedback {} classified as {} / {}", id, c.type(), c.urgency());
    recurring.check(feedback.propertyOf(id), c.type());
  }

  /** A staff member sets the class by hand; the rules no longer touch it. */
  public Feedback correct(
      long id, String type, String urgency, boolean suggestion, StaffUser staff) {
    Violations v = new Violations();
    v.check(TYPES.contains(type), "type", "must be one of " + TYPES);
    v.check(URGENCIES.contains(urgency), "urgency", "must be one of " + URGENCIES);
    v.throwIfAny();
    get(id);
    feedback.classify(id, type, urgency, suggestion, staff.username(), true, clock.instant());
    log.info("Feedback {} corrected to {} / {} by {}", id, type, urgency, staff.username());
    recurring.check(feedback.propertyOf(id), type);
    return get(id);
  }

  /** A manager marks a suggestion adopted (once). */
  public Feedback adopt(long id, StaffUser staff) {
    if (!staff.isManager()) {
      throw new org.springframework.security.access.AccessDeniedException(
          "Only a manager adopts suggestions");
    }
    Feedback f = get(id);
    if (!f.suggestion()) {
      throw new ConflictException("Feedback " + id + " is not a suggestion");
    }
    if (!feedback.adopt(id, staff.username(), clock.instant())) {
      throw new ConflictException("Feedback " + id + " is adopted already");
    }
    return get(id);
  }

  public Feedback get(long id) {
    return feedback.findById(id).orElseThrow(() -> new NotFoundException("No feedback " + id));
  }

  public List<Feedback> forBooking(long bookingId) {
    return feedback.findByBooking(bookingId);
  }

  List<FeedbackRepository.Row> latest(Long propertyId, String type) {
    return feedback.latest(propertyId, type, 200);
  }

  private boolean inHouse(long bookingId) {
    Booking b = bookings.findById(bookingId).orElseThrow();
    Property p = properties.findById(b.propertyId()).orElseThrow();
    LocalDate today = LocalDate.ofInstant(clock.instant(), p.timeZone());
    return !today.isBefore(b.arrivalDate()) && !today.isAfter(b.departureDate());
  }

  private static String cut(String text) {
    return text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text;
  }
}
