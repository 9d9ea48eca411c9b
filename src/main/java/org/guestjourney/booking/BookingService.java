package org.guestjourney.booking;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.guestjourney.booking.BookingEvents.BookingCancelled;
import org.guestjourney.booking.BookingEvents.BookingConfirmed;
import org.guestjourney.booking.BookingEvents.BookingDatesChanged;
import org.guestjourney.booking.BookingRequest.GuestDetails;
import org.guestjourney.guest.GuestProfiles;
import org.guestjourney.guest.GuestRepository;
import org.guestjourney.property.Languages;
import org.guestjourney.property.Property;
import org.guestjourney.property.PropertyRepository;
import org.guestjourney.web.ConflictException;
import org.guestjourney.web.NotFoundException;
import org.guestjourney.web.Violations;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class BookingService {

  /** Longest stay accepted through the API; longer ones are almost always typing mistakes. */
  static final int MAX_NIGHTS = 365;

  static final int MAX_YEARS_AHEAD = 3;

  private final BookingRepository bookings;
  private final GuestRepository guests;
  private final GuestProfiles profiles;
  private final PropertyRepository properties;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  BookingService(
      BookingRepository bookings,
      GuestRepository guests,
      GuestProfiles profiles,
      PropertyRepository properties,
      ApplicationEventPublisher events,
      Clock clock) {
    this.bookings = bookings;
    this.guests = guests;
    this.profiles = profiles;
    this.properties = properties;
    this.events = events;
    this.clock = clock;
  }

  /** The outcome of an intake: the booking and whether this request created it. */
  public record Intake(Booking booking, boolean created) {}

  /**
   * Stores a confirmed booking and starts its journey. The same external reference sent again
   * returns the stored booking and starts nothing.
   */
  @Transactional
  public Intake create(BookingRequest request) {
    validate(request);
    Instant now = clock.instant();
    Optional<Booking> existing =
        bookings.findByExternalReference(request.propertyId(), request.externalReference());
    if (existing.isPresent()) {
      List<String> differing = differences(existing.get(), request);
      if (!differing.isEmpty()) {
        throw new ConflictException(
            "Booking "
                + request.externalReference()
                + " exists with other values of: "
                + String.join(", ", differing)
                + ". Change a booking with its own calls (dates, cancel), not by booking again.");
      }
      return new Intake(existing.get(), false);
    }
    GuestDetails g = request.guest();
    long guestId =
        guests.insert(
            g.fullName().strip(),
            blankToNull(g.email()),
            blankToNull(g.phone()),
            g.preferredLanguage(),
            g.preferredChannel(),
            blankToNull(g.timeZone()),
            now);
    // the same person across bookings: same e-mail joins their profile (ADR 0062)
    profiles.attach(guestId);
    Optional<Booking> stored = bookings.insertIfAbsent(request, guestId, now);
    if (stored.isEmpty()) {
      // another request with the same reference won the race: it owns the journey
      throw new ConflictException(
          "Booking "
              + request.externalReference()
              + " is being stored by another request; retry to read it");
    }
    events.publishEvent(new BookingConfirmed(stored.get().id()));
    return new Intake(stored.get(), true);
  }

  @Transactional
  public Booking changeDates(long bookingId, DateChangeRequest request) {
    Booking booking = bookings.lock(bookingId).orElseThrow(() -> notFound(bookingId));
    Property property = properties.findById(booking.propertyId()).orElseThrow();
    Violations v = new Violations();
    checkDates(v, request.arrivalDate(), request.departureDate(), property);
    v.throwIfAny();
    if (booking.status() == BookingStatus.CANCELLED) {
      throw new ConflictException(
          "Booking " + bookingId + " is cancelled; its dates cannot change");
    }
    if (booking.arrivalDate().equals(request.arrivalDate())
        && booking.departureDate().equals(request.departureDate())) {
      return booking;
    }
    bookings.changeDates(
        bookingId, request.arrivalDate(), request.departureDate(), clock.instant());
    events.publishEvent(new BookingDatesChanged(bookingId, booking.revision() + 1));
    return bookings.findById(bookingId).orElseThrow();
  }

  /** Cancels the booking; cancelling a cancelled booking changes nothing. */
  @Transactional
  public Booking cancel(long bookingId) {
    Booking booking = bookings.lock(bookingId).orElseThrow(() -> notFound(bookingId));
    if (booking.status() == BookingStatus.CANCELLED) {
      return booking;
    }
    bookings.cancel(bookingId, clock.instant());
    events.publishEvent(new BookingCancelled(bookingId));
    return bookings.findById(bookingId).orElseThrow();
  }

  /** Records when the guest expects to arrive ("HH:mm", local to the property). */
  public void recordArrivalTime(long bookingId, String expectedArrival) {
    Booking booking = get(bookingId);
    if (booking.status() == BookingStatus.CANCELLED) {
      throw new ConflictException("Booking " + bookingId + " is cancelled: no arrival to expect");
    }
    Violations v = new Violations();
    if (v.required(expectedArrival, "expectedArrival")) {
      v.check(
          expectedArrival.strip().matches("([01]\\d|2[0-3]):[0-5]\\d"),
          "expectedArrival",
          "must be a time like 18:30");
    }
    v.throwIfAny();
    bookings.setExpectedArrival(booking.id(), java.time.LocalTime.parse(expectedArrival.strip()));
  }

  public java.util.Optional<Booking> find(long bookingId) {
    return bookings.findById(bookingId);
  }

  public Booking get(long bookingId) {
    return bookings.findById(bookingId).orElseThrow(() -> notFound(bookingId));
  }

  /** The guest's expected arrival time, if recorded. */
  public Optional<java.time.LocalTime> expectedArrival(long bookingId) {
    return bookings.expectedArrival(bookingId);
  }

  /** Checks a booking request against the rules without storing it (throws the violations). */
  Optional<Property> validate(BookingRequest r) {
    Violations v = new Violations();
    Optional<Property> property = Optional.empty();
    if (v.required(r.propertyId(), "propertyId")) {
      property = properties.findById(r.propertyId());
      v.check(property.isPresent(), "propertyId", "is not a known property");
    }
    if (v.required(r.externalReference(), "externalReference")) {
      v.maxLength(r.externalReference(), 100, "externalReference");
    }
    v.required(r.sourceChannel(), "sourceChannel");
    v.maxLength(r.sourceChannel(), 60, "sourceChannel");
    checkDates(v, r.arrivalDate(), r.departureDate(), property.orElse(null));
    v.maxLength(r.room(), 60, "room");
    v.check(
        r.partySize() == null || (r.partySize() >= 1 && r.partySize() <= 50),
        "partySize",
        "must be between 1 and 50");
    v.maxLength(r.specialRequests(), 2000, "specialRequests");
    GuestDetails g = r.guest();
    if (v.required(g, "guest")) {
      if (v.required(g.fullName(), "guest.fullName")) {
        v.maxLength(g.fullName(), 200, "guest.fullName");
      }
      boolean hasEmail = g.email() != null && !g.email().isBlank();
      boolean hasPhone = g.phone() != null && !g.phone().isBlank();
      v.check(
          hasEmail || hasPhone, "guest.email", "an e-mail address or a phone number is required");
      if (hasEmail) {
        v.check(
            Violations.EMAIL.matcher(g.email()).matches() && g.email().length() <= 254,
            "guest.email",
            "is not a valid e-mail address");
      }
      if (hasPhone) {
        v.check(
            Violations.E164.matcher(g.phone()).matches(),
            "guest.phone",
            "must be in E.164 form: + country code and number, digits only (e.g. +393401234567)");
      }
      if (g.timeZone() != null && !g.timeZone().isBlank()) {
        v.check(
            Violations.isTimeZone(g.timeZone()),
            "guest.timeZone",
            "must be a time zone such as Europe/Rome or Asia/Shanghai");
      }
      if (g.preferredChannel() != null) {
        boolean known = java.util.Set.of("EMAIL", "SMS", "WHATSAPP").contains(g.preferredChannel());
        v.check(known, "guest.preferredChannel", "must be one of EMAIL, SMS, WHATSAPP");
        v.check(
            !known || (g.preferredChannel().equals("EMAIL") ? hasEmail : hasPhone),
            "guest.preferredChannel",
            "needs "
                + ("EMAIL".equals(g.preferredChannel()) ? "an e-mail address" : "a phone number"));
      }
      if (v.required(g.preferredLanguage(), "guest.preferredLanguage")) {
        v.check(
            Languages.isSupported(g.preferredLanguage()),
            "guest.preferredLanguage",
            Languages.UNSUPPORTED);
      }
    }
    v.throwIfAny();
    return property;
  }

  private void checkDates(Violations v, LocalDate arrival, LocalDate departure, Property property) {
    boolean hasArrival = v.required(arrival, "arrivalDate");
    boolean hasDeparture = v.required(departure, "departureDate");
    if (hasArrival && hasDeparture) {
      v.check(departure.isAfter(arrival), "departureDate", "must be after arrivalDate");
      v.check(
          !departure.isAfter(arrival.plusDays(MAX_NIGHTS)),
          "departureDate",
          "a stay can last at most " + MAX_NIGHTS + " nights");
    }
    if (hasArrival && property != null) {
      LocalDate today = LocalDate.ofInstant(clock.instant(), property.timeZone());
      v.check(
          !arrival.isBefore(today),
          "arrivalDate",
          "is in the past (today at the property is " + today + ")");
      v.check(
          !arrival.isAfter(today.plusYears(MAX_YEARS_AHEAD)),
          "arrivalDate",
          "is more than " + MAX_YEARS_AHEAD + " years ahead");
    }
  }

  /** The fields in which a repeated booking request differs from the stored booking. */
  private List<String> differences(Booking stored, BookingRequest r) {
    List<String> differing = new java.util.ArrayList<>();
    differ(differing, "sourceChannel", stored.sourceChannel(), r.sourceChannel());
    differ(differing, "arrivalDate", stored.arrivalDate(), r.arrivalDate());
    differ(differing, "departureDate", stored.departureDate(), r.departureDate());
    differ(differing, "room", stored.room(), r.room());
    differ(
        differing,
        "partySize",
        stored.partySize(),
        r.partySize() == null ? stored.partySize() : r.partySize());
    differ(differing, "specialRequests", stored.specialRequests(), r.specialRequests());
    guests
        .findById(stored.guestId())
        .ifPresent(
            g -> {
              GuestDetails d = r.guest();
              differ(differing, "guest.fullName", g.fullName(), d.fullName().strip());
              differ(differing, "guest.email", g.email(), blankToNull(d.email()));
              differ(differing, "guest.phone", g.phone(), blankToNull(d.phone()));
              differ(
                  differing,
                  "guest.preferredLanguage",
                  g.preferredLanguage(),
                  d.preferredLanguage());
            });
    return differing;
  }

  private static void differ(List<String> out, String field, Object stored, Object sent) {
    Object a = stored instanceof String s ? blankToNull(s) : stored;
    Object b = sent instanceof String s ? blankToNull(s) : sent;
    if (!java.util.Objects.equals(a, b)) {
      out.add(field);
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  private static NotFoundException notFound(long id) {
    return new NotFoundException("No booking " + id);
  }
}
