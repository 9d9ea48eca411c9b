package org.guestjourney.inquiry;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.guestjourney.guest.Guest;
import org.guestjourney.messaging.MessageDelivery;
import org.guestjourney.messaging.MessageStep;
import org.guestjourney.messaging.MessagingService;
import org.guestjourney.messaging.PlannedMessage;
import org.guestjourney.outbox.EngineOutbox;
import org.guestjourney.outbox.OutboxEntry;
import org.guestjourney.outbox.OutboxHandler;
import org.guestjourney.property.JourneySettings;
import org.guestjourney.property.Languages;
import org.guestjourney.property.Property;
import org.guestjourney.property.PropertyRepository;
import org.guestjourney.tasklist.StaffTaskCompleted;
import org.guestjourney.web.NotFoundException;
import org.guestjourney.web.Violations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

@Service
public class InquiryService implements OutboxHandler {

  /** Outbox entries that start an inquiry's process. */
  static final String START_INQUIRY = "start-inquiry";

  private static final Logger log = LoggerFactory.getLogger(InquiryService.class);

  private final InquiryRepository inquiries;
  private final PropertyRepository properties;
  private final MessagingService messaging;
  private final InquiryEngine engine;
  private final EngineOutbox outbox;
  private final org.guestjourney.booking.BookingRepository bookings;
  private final org.guestjourney.guest.GuestRepository guests;
  private final Clock clock;

  InquiryService(
      InquiryRepository inquiries,
      PropertyRepository properties,
      MessagingService messaging,
      InquiryEngine engine,
      EngineOutbox outbox,
      org.guestjourney.booking.BookingRepository bookings,
      org.guestjourney.guest.GuestRepository guests,
      Clock clock) {
    this.inquiries = inquiries;
    this.properties = properties;
    this.messaging = messaging;
    this.engine = engine;
    this.outbox = outbox;
    this.bookings = bookings;
    this.guests = guests;
    this.clock = clock;
  }

  /** Records the inquiry and starts its journey; nothing is stored if the request is invalid. */
  @org.springframework.transaction.annotation.Transactional
  public Inquiry receive(InquiryRequest r) {
    Violations v = new Violations();
    if (v.required(r.propertyId(), "propertyId")) {
      v.check(
          properties.findById(r.propertyId()).isPresent(), "propertyId", "is not a known property");
    }
    if (v.required(r.fullName(), "fullName")) {
      v.maxLength(r.fullName(), 200, "fullName");
    }
    if (v.required(r.email(), "email")) {
      v.check(
          Violations.EMAIL.matcher(r.email().strip()).matches(),
          "email",
          "is not a valid e-mail address");
    }
    if (r.phone() != null && !r.phone().isBlank()) {
      v.check(
          Violations.E164.matcher(r.phone()).matches(),
          "phone",
          "must be in E.164 form, e.g. +393401234567");
    }
    if (v.required(r.preferredLanguage(), "preferredLanguage")) {
      v.check(
          Languages.isSupported(r.preferredLanguage()), "preferredLanguage", Languages.UNSUPPORTED);
    }
    if (v.required(r.message(), "message")) {
      v.maxLength(r.message(), 4000, "message");
    }
    v.throwIfAny();
    long id = inquiries.insert(r, clock.instant());
    // the journey starts from the outbox once this is stored: the person asking never waits on the
    // engine, and an engine that is away gets the start when it is back
    outbox.add(START_INQUIRY, null, id);
    return get(id);
  }

  @Override
  public String kind() {
    return START_INQUIRY;
  }

  /** Sent by the outbox, outside any transaction: a failure is retried from there. */
  @Override
  public void send(OutboxEntry entry) {
    inquiries
        .findById(entry.subjectId())
        .filter(i -> i.processInstanceKey() == null)
        .ifPresent(
            i -> {
              long key = startJourney(i.id(), i.propertyId());
              log.info(
                  "Inquiry {} for property {} started journey {}", i.id(), i.propertyId(), key);
            });
  }

  private long startJourney(long inquiryId, long propertyId) {
    long key = engine.start(inquiryId, propertyId);
    inquiries.setProcessInstance(inquiryId, key);
    return key;
  }

  /**
   * A booking by someone who asked a question at the same property in the last 60 days continues
   * that conversation: the question is linked to the booking (shown on its journey page, and the
   * answer task says the person has booked meanwhile).
   */
  @org.springframework.transaction.event.TransactionalEventListener(
      phase = org.springframework.transaction.event.TransactionPhase.AFTER_COMMIT,
      fallbackExecution = true)
  void booked(org.guestjourney.booking.BookingEvents.BookingConfirmed event) {
    linkBooking(event.bookingId());
  }

  Optional<Long> linkBooking(long bookingId) {
    var booking = bookings.findById(bookingId).orElseThrow();
    var guest = guests.findById(booking.guestId()).orElseThrow();
    if (guest.email() == null) {
      return Optional.empty();
    }
    Optional<Long> linked =
        inquiries.linkToBooking(
            booking.propertyId(),
            guest.email(),
            clock.instant().minus(java.time.Duration.ofDays(60)),
            bookingId);
    linked.ifPresent(id -> log.info("Inquiry {} led to booking {}", id, bookingId));
    return linked;
  }

  /** Whether the house has had a question from this e-mail address. */
  public boolean askedBefore(long propertyId, String email) {
    return inquiries.existsFrom(propertyId, email);
  }

  /** The questions the guest asked before booking. */
  public List<Inquiry> forBooking(long bookingId) {
    return inquiries.findByBooking(bookingId);
  }

  public Inquiry get(long id) {
    return inquiries.findById(id).orElseThrow(() -> new NotFoundException("No inquiry " + id));
  }

  /** Computes the answer deadline in working time and plans the holding reply if needed. */
  InquiryJourney.AnswerPlan planAnswer(long inquiryId) {
    Inquiry inquiry = get(inquiryId);
    Property property = properties.findById(inquiry.propertyId()).orElseThrow();
    JourneySettings settings = properties.settings(property.id());
    AnswerDeadline deadline =
        AnswerDeadline.of(
            inquiry.receivedAt(),
            property.timeZone(),
            property.workingHoursStart(),
            property.workingHoursEnd(),
            settings.inquiryAnswerWithin());
    inquiries.plan(inquiryId, deadline.withinWorkingHours(), deadline.dueAt());
    if (!deadline.withinWorkingHours()) {
      messaging.recordInquiryPlan(
          inquiryId,
          PlannedMessage.scheduled(
              MessageStep.INQUIRY_HOLDING_REPLY,
              key(inquiryId, MessageStep.INQUIRY_HOLDING_REPLY),
              inquiry.receivedAt()));
    }
    return new InquiryJourney.AnswerPlan(
        deadline.withinWorkingHours(),
        deadline
            .dueAt()
            .atZone(property.timeZone())
            .toOffsetDateTime()
            .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
  }

  /** Sends the holding reply or the staff member's answer. */
  Optional<MessageDelivery> send(long inquiryId, MessageStep step) {
    Inquiry inquiry = get(inquiryId);
    Property property = properties.findById(inquiry.propertyId()).orElseThrow();
    String key = key(inquiryId, step);
    if (MessageStep.INQUIRY_ANSWER.equals(step)) {
      messaging.recordInquiryPlan(inquiryId, PlannedMessage.scheduled(step, key, clock.instant()));
    }
    Map<String, Object> model = new HashMap<>();
    model.put("inquiry", inquiry);
    model.put("answer", inquiry.answer());
    model.put("staffName", inquiry.answeredBy());
    model.put("answerExpectedBy", expectedBy(inquiry, property));
    Guest asker =
        new Guest(
            0, inquiry.fullName(), inquiry.email(), inquiry.phone(), inquiry.preferredLanguage());
    return messaging.sendWithoutBooking(key, step, asker, property, model);
  }

  /** Keeps the answer the staff member wrote, which the journey then sends. */
  @EventListener
  void answered(StaffTaskCompleted event) {
    if (!InquiryJourney.KIND_ANSWER_INQUIRY.equals(event.task().taskKind())) {
      return;
    }
    Long inquiryId =
        inquiries
            .findByProcessInstance(event.task().processInstanceKey())
            .map(Inquiry::id)
            .orElse(null);
    if (inquiryId == null) {
      return;
    }
    Map<String, Object> v = event.values();
    inquiries.answer(
        inquiryId,
        (String) v.get("answer"),
        event.completedBy(),
        (String) v.get("travelPurpose"),
        (String) v.get("partyComposition"),
        clock.instant());
  }

  private static String expectedBy(Inquiry inquiry, Property property) {
    Instant due = inquiry.answerDueAt();
    if (due == null) {
      return null;
    }
    Locale locale = Languages.locale(property.languageFor(inquiry.preferredLanguage()));
    String pattern = locale.getLanguage().equals("zh") ? "M月d日 EEEE HH:mm" : "EEEE d MMMM, HH:mm";
    return DateTimeFormatter.ofPattern(pattern, locale).format(due.atZone(property.timeZone()));
  }

  static String key(long inquiryId, MessageStep step) {
    return "inquiry/" + inquiryId + "/" + step.code();
  }
}
