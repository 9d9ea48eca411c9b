package org.guestjourney.messaging.rules;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.guestjourney.booking.Booking;
import org.guestjourney.booking.BookingStatus;
import org.guestjourney.guest.Guest;
import org.guestjourney.messaging.ChannelType;
import org.guestjourney.messaging.DeliveryState;
import org.guestjourney.messaging.MessageDelivery;
import org.guestjourney.messaging.MessageStep;
import org.guestjourney.messaging.MessagingProperties;
import org.guestjourney.property.JourneySettings;
import org.guestjourney.property.Property;

/**
 * Plain values for rule tests: a house in a given zone, a guest who may live elsewhere, a booking,
 * the message due, and the property's settings (quiet hours 21:00–09:00, 3 a day, 12 a stay unless
 * a test says otherwise). No Spring, no database.
 */
final class RuleFixtures {

  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  static final ZoneId ROME = ZoneId.of("Europe/Rome");

  private RuleFixtures() {}

  static Instant at(int year, int month, int day, int hour, int minute, ZoneId zone) {
    return ZonedDateTime.of(year, month, day, hour, minute, 0, 0, zone).toInstant();
  }

  static MessagingProperties messaging(Duration staleAfter, Duration minGap) {
    return new MessagingProperties(
        staleAfter,
        Duration.ofMinutes(2),
        Duration.ofSeconds(30),
        "guest-journey@localhost",
        List.of(ChannelType.EMAIL),
        minGap,
        null,
        Duration.ofSeconds(150));
  }

  static MessagingProperties messaging() {
    return messaging(Duration.ofHours(1), Duration.ofMinutes(10));
  }

  static JourneySettings settings(
      LocalTime quietStart, LocalTime quietEnd, int maxPerDay, int maxPerStay) {
    return new JourneySettings(
        Duration.ofHours(2),
        LocalTime.of(10, 0),
        LocalTime.of(11, 0),
        Duration.ofHours(3),
        LocalTime.of(10, 0),
        3,
        7,
        2,
        "https://reviews.example/house",
        quietStart,
        quietEnd,
        maxPerDay,
        maxPerStay,
        Duration.ofMinutes(10),
        6);
  }

  static JourneySettings settings() {
    return settings(LocalTime.of(21, 0), LocalTime.of(9, 0), 3, 12);
  }

  static Property property(ZoneId zone) {
    return new Property(
        7,
        "house",
        "Casa Test",
        zone,
        "en",
        List.of("en"),
        LocalTime.of(15, 0),
        LocalTime.of(10, 0),
        "host@casa.example",
        "+390000000",
        LocalTime.of(8, 0),
        LocalTime.of(20, 0),
        "Via Roma 1",
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        3,
        LocalTime.of(10, 0),
        LocalTime.of(10, 0),
        null);
  }

  /** A guest who told us where they live ({@code home}), or not (null). */
  static Guest guest(ZoneId home) {
    return new Guest(
        11, "Li Wei", "li@example.com", null, "en", null, home == null ? null : home.getId());
  }

  static Booking booking(LocalDate arrival, LocalDate departure, BookingStatus status) {
    Instant created = Instant.parse("2026-10-01T08:00:00Z");
    return new Booking(
        42,
        7,
        11,
        "REF-42",
        "direct",
        arrival,
        departure,
        null,
        2,
        null,
        status,
        1,
        null,
        created,
        created,
        status == BookingStatus.CANCELLED ? created : null);
  }

  static Booking booking(LocalDate arrival, LocalDate departure) {
    return booking(arrival, departure, BookingStatus.CONFIRMED);
  }

  static MessageDelivery due(MessageStep step, Instant plannedAt) {
    return new MessageDelivery(
        99,
        42L,
        null,
        step,
        "booking/42/" + step.code(),
        ChannelType.EMAIL,
        plannedAt,
        DeliveryState.SCHEDULED,
        null,
        0,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        plannedAt,
        null,
        null,
        null,
        null);
  }

  static final SendContext.Reach REACHABLE = Optional::empty;

  /** The context of a message due now (planned at {@code now}), sent by the journey. */
  static SendContext context(
      MessageStep step,
      Booking booking,
      Guest guest,
      Property property,
      JourneySettings settings,
      Instant now) {
    return new SendContext(
        step, due(step, now), booking, guest, property, settings, now, false, REACHABLE);
  }

  /** The same message, asked for by a member of staff. */
  static SendContext byStaff(SendContext c) {
    return new SendContext(
        c.step(),
        c.delivery(),
        c.booking(),
        c.guest(),
        c.property(),
        c.settings(),
        c.now(),
        true,
        c.reach());
  }

  /** Messages that went to booking 42, by the moment they went. */
  static final class Sent implements SentMessages {
    final List<Instant> at = new ArrayList<>();

    Sent add(Instant... moments) {
      at.addAll(List.of(moments));
      return this;
    }

    @Override
    public Optional<Instant> lastSentAt(long bookingId) {
      return bookingId == 42 ? at.stream().max(Instant::compareTo) : Optional.empty();
    }

    @Override
    public int countSent(long bookingId, Instant from, Instant to) {
      return bookingId == 42
          ? (int) at.stream().filter(t -> !t.isBefore(from) && t.isBefore(to)).count()
          : 0;
    }

    @Override
    public int countSent(long bookingId) {
      return bookingId == 42 ? at.size() : 0;
    }
  }
}
