package org.guestjourney.messaging.rules;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.Optional;
import org.guestjourney.booking.Booking;
import org.guestjourney.guest.Guest;
import org.guestjourney.messaging.MessageDelivery;
import org.guestjourney.messaging.MessageStep;
import org.guestjourney.property.JourneySettings;
import org.guestjourney.property.Property;

/**
 * Everything a send-time rule may look at for one due message, read once.
 *
 * @param booking null for a message to someone without a booking (an inquiry)
 * @param settings the property's journey settings (quiet hours, caps)
 * @param byStaff a member of staff asked for it now ("send now", a reply): quiet hours, spacing and
 *     the daily cap do not apply, opt-outs, pauses and staleness still do
 * @param reach whether a channel reaches the guest for this message, asked only if a rule needs it
 */
public record SendContext(
    MessageStep step,
    MessageDelivery delivery,
    Booking booking,
    Guest guest,
    Property property,
    JourneySettings settings,
    Instant now,
    boolean byStaff,
    Reach reach) {

  private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z");

  public SendContext {
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(delivery, "delivery");
    Objects.requireNonNull(guest, "guest");
    Objects.requireNonNull(property, "property");
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(reach, "reach");
  }

  /** Whether some channel reaches the guest for this message; asked once, at most. */
  @FunctionalInterface
  public interface Reach {
    /** Why no channel reaches the guest (all channels, in words), or empty when one does. */
    Optional<String> whyNot();
  }

  public Optional<Booking> bookingIfAny() {
    return Optional.ofNullable(booking);
  }

  /**
   * The guest's local clock now: at the property during the stay (from the arrival day to the
   * departure day, by the property's calendar), else where the guest lives if we know it, else the
   * property's. Quiet hours and the daily cap follow it.
   */
  public ZoneId guestZone() {
    ZoneId house = property.timeZone();
    if (booking != null) {
      var today = now.atZone(house).toLocalDate();
      if (!today.isBefore(booking.arrivalDate()) && !today.isAfter(booking.departureDate())) {
        return house;
      }
    }
    return guest.homeZone().orElse(house);
  }

  /** A moment as the property's staff read it, e.g. {@code 2026-12-01 22:00 CST}. */
  public String atProperty(Instant instant) {
    return local(instant, property.timeZone());
  }

  /**
   * A moment at the property, followed by the guest's local time when the guest's clock differs:
   * {@code 2026-12-01 22:00 CST (2026-12-01 09:00 EST where the guest is)}.
   */
  public String atPropertyAndGuest(Instant instant) {
    ZoneId guestZone = guestZone();
    return atProperty(instant)
        + (guestZone.equals(property.timeZone())
            ? ""
            : " (" + local(instant, guestZone) + " where the guest is)");
  }

  static String local(Instant instant, ZoneId zone) {
    return LOCAL.format(instant.atZone(zone));
  }
}
