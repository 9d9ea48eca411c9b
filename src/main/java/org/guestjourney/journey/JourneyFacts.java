package org.guestjourney.journey;

import java.sql.ResultSet;
import org.guestjourney.booking.Booking;
import org.guestjourney.booking.BookingRepository;
import org.guestjourney.persistence.PrefixedColumns;
import org.guestjourney.property.Property;
import org.guestjourney.property.PropertyRepository;
import org.guestjourney.survey.SurveyAnswers;
import org.guestjourney.survey.SurveyKind;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads what a booking journey carries ({@link StayFacts}) from the system of record. */
@Component
public class JourneyFacts {

  private final BookingRepository bookings;
  private final PropertyRepository properties;
  private final JdbcClient jdbc;
  private volatile String sql;

  JourneyFacts(BookingRepository bookings, PropertyRepository properties, JdbcClient jdbc) {
    this.bookings = bookings;
    this.properties = properties;
    this.jdbc = jdbc;
  }

  /**
   * The booking's facts and the house's settings, as the journey carries them: one joined read
   * (booking, guest's profile, house and settings, earlier stays, survey answered) — every send
   * step and every plan reads them.
   */
  public StayFacts of(long bookingId) {
    return read(bookingId).facts();
  }

  /** A booking as read with its facts (its status and when it was made are not facts). */
  record Read(Booking booking, StayFacts facts) {}

  /** The booking and its facts, in the one joined read. */
  Read read(long bookingId) {
    return jdbc.sql(sql())
        .param(bookingId)
        .query(
            (rs, n) -> {
              ResultSet p = PrefixedColumns.of(rs, "p");
              Booking booking = bookings.fromRow(PrefixedColumns.of(rs, "b"));
              return new Read(
                  booking,
                  StayFacts.of(
                      booking,
                      properties.fromRow(p),
                      properties.settingsFromRow(p),
                      rs.getInt("previous_stays"),
                      rs.getBoolean("satisfaction_answered")));
            })
        .optional()
        .orElseThrow(() -> new java.util.NoSuchElementException("No booking " + bookingId));
  }

  /** The joined read, its select list made once from the tables' columns as they are. */
  private String sql() {
    String s = sql;
    if (s == null) {
      s =
          "select "
              + PrefixedColumns.selectList("b", PrefixedColumns.columnsOf(jdbc, "booking"))
              + ", "
              + PrefixedColumns.selectList("p", PrefixedColumns.columnsOf(jdbc, "property"))
              + ", "
              + BookingRepository.PREVIOUS_STAYS_OF_B
              + " as previous_stays, "
              + SurveyAnswers.answeredOfB(SurveyKind.SATISFACTION)
              + " as satisfaction_answered"
              + " from booking b join guest g on g.id = b.guest_id"
              + " join property p on p.id = b.property_id where b.id = ?";
      sql = s;
    }
    return s;
  }

  /**
   * The facts of a stay made up in the studio (no booking exists): dates and party at one of the
   * houses, with the house's settings; booking id 0, first revision, no earlier stays.
   */
  public StayFacts madeUp(
      long propertyId, java.time.LocalDate arrival, java.time.LocalDate departure, int partySize) {
    Property property =
        properties
            .findById(propertyId)
            .orElseThrow(
                () -> new org.guestjourney.web.NotFoundException("No house " + propertyId));
    java.time.Instant now = java.time.Instant.now();
    Booking booking =
        new Booking(
            0L,
            propertyId,
            0L,
            null,
            "studio",
            arrival,
            departure,
            null,
            partySize,
            null,
            org.guestjourney.booking.BookingStatus.CONFIRMED,
            1,
            null,
            now,
            now,
            null);
    return StayFacts.of(booking, property, properties.settings(propertyId), 0, false);
  }
}
