package org.guestjourney.tasklist;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.guestjourney.booking.Booking;
import org.guestjourney.booking.BookingRepository;
import org.guestjourney.guest.Guest;
import org.guestjourney.guest.GuestRepository;
import org.guestjourney.property.Property;
import org.guestjourney.property.PropertyRepository;
import org.guestjourney.security.PropertyOf;
import org.springframework.stereotype.Service;

/** Turns tasks into cards people can triage: who, where, what, how urgent, how late. */
@Service
public class TaskCards {

  /** Characters of the guest's words shown on a card. */
  static final int EXCERPT = 140;

  /** Characters of the guest's words used as the title's "what". */
  static final int SUBJECT = 48;

  private static final DateTimeFormatter DUE =
      DateTimeFormatter.ofPattern("d MMM HH:mm", Locale.ENGLISH);

  /**
   * Overdue first (the longest overdue on top), then urgent ones, then by deadline; tasks without a
   * deadline last.
   */
  public static final Comparator<TaskCard> TRIAGE_ORDER =
      Comparator.comparing((TaskCard c) -> !c.overdue())
          .thenComparing(c -> !c.urgent())
          .thenComparing(
              c -> c.task().dueAt(), Comparator.nullsLast(Comparator.<Instant>naturalOrder()))
          .thenComparing(c -> c.task().id());

  private final BookingRepository bookings;
  private final GuestRepository guests;
  private final PropertyRepository properties;
  private final PropertyOf propertyOf;
  private final List<TaskDetails> details;
  private final Clock clock;
  private final org.guestjourney.web.StaffWords words;

  TaskCards(
      BookingRepository bookings,
      GuestRepository guests,
      PropertyRepository properties,
      PropertyOf propertyOf,
      List<TaskDetails> details,
      org.guestjourney.web.StaffWords words,
      Clock clock) {
    this.words = words;
    this.bookings = bookings;
    this.guests = guests;
    this.properties = properties;
    this.propertyOf = propertyOf;
    this.details = details;
    this.clock = clock;
  }

  public TaskCard card(StaffTask t) {
    Instant now = clock.instant();
    Booking b = t.bookingId() == null ? null : bookings.findById(t.bookingId()).orElse(null);
    Guest g = b == null ? null : guests.findById(b.guestId()).orElse(null);
    Long propertyId =
        b != null ? Long.valueOf(b.propertyId()) : propertyOf.task(t.id()).orElse(null);
    Property p = propertyId == null ? null : properties.findById(propertyId).orElse(null);
    ZoneId zone = p == null ? ZoneOffset.UTC : p.timeZone();
    String who =
        g != null
            ? g.fullName()
            : details.stream()
                .map(d -> d.whoFor(t))
                .flatMap(Optional::stream)
                .findFirst()
                .orElse("");
    TaskDetails.Triage triage =
        details.stream()
            .map(d -> d.triageFor(t))
            .flatMap(Optional::stream)
            .findFirst()
            .orElse(new TaskDetails.Triage(null, null, null));
    String room = b == null || b.room() == null ? "" : b.room().strip();
    String excerpt = shorten(triage.excerpt(), EXCERPT);
    String what = subject(triage, t);
    StringBuilder title = new StringBuilder(what);
    if (!room.isEmpty()) {
      title.append(" — ").append(room.matches("\\d+") ? words.say("card.room", room) : room);
    }
    if (!who.isEmpty()) {
      title.append(" — ").append(who);
    }
    String due = t.dueAt() == null ? "" : DUE.format(t.dueAt().atZone(zone)) + " " + zoneName(zone);
    return new TaskCard(
        t,
        title.toString(),
        t.name(),
        who,
        room,
        propertyId,
        p == null ? "" : p.name(),
        zone,
        triage.category() == null ? "" : triage.category(),
        triage.urgency() == null ? "" : triage.urgency(),
        excerpt,
        sla(t, now),
        due,
        t.breached(now),
        b == null || b.externalReference() == null ? "" : b.externalReference());
  }

  /** The zone as people read it: "Europe/Rome", or "UTC". */
  public static String zoneName(ZoneId zone) {
    return zone.equals(ZoneOffset.UTC) ? "UTC" : zone.getId();
  }

  /** What the task is about: the start of the guest's words, else the category, else its name. */
  private String subject(TaskDetails.Triage triage, StaffTask t) {
    String words = shorten(firstClause(triage.excerpt()), SUBJECT);
    if (!words.isEmpty()) {
      return capitalise(words);
    }
    if (triage.category() != null && !triage.category().isBlank()) {
      return capitalise(this.words.word(triage.category())) + ": " + this.words.label(t.name());
    }
    return this.words.label(t.name());
  }

  private static String firstClause(String text) {
    if (text == null) {
      return "";
    }
    String line = text.strip().split("[\\r\\n]+", 2)[0];
    String[] sentence = line.split("(?<=[.!?。！？])\\s*", 2);
    return sentence[0].replaceAll("[.。]$", "");
  }

  static String shorten(String text, int max) {
    if (text == null) {
      return "";
    }
    String flat = text.strip().replaceAll("\\s+", " ");
    if (flat.codePointCount(0, flat.length()) <= max) {
      return flat;
    }
    String cut = flat.substring(0, flat.offsetByCodePoints(0, max));
    int space = cut.lastIndexOf(' ');
    return (space > max / 2 ? cut.substring(0, space) : cut) + "…";
  }

  private static String capitalise(String s) {
    return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
  }

  /** "due in 45 min", "overdue by 1 h 5 min", or "no deadline". */
  static String sla(StaffTask task, Instant now) {
    Duration left = task.timeLeft(now);
    if (left == null) {
      return "no deadline";
    }
    return left.isNegative() ? "overdue by " + words(left.negated()) : "due in " + words(left);
  }

  static String words(Duration d) {
    long days = d.toDays();
    long hours = d.toHoursPart();
    long minutes = d.toMinutesPart();
    if (days > 0) {
      return days + " d " + hours + " h";
    }
    if (hours > 0) {
      return hours + " h " + minutes + " min";
    }
    return Math.max(minutes, 0) + " min";
  }
}
