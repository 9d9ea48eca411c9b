package org.guestjourney.messaging;

import java.sql.ResultSet;
import java.util.List;
import java.util.Optional;
import org.guestjourney.booking.Booking;
import org.guestjourney.booking.BookingRepository;
import org.guestjourney.guest.Guest;
import org.guestjourney.guest.GuestRepository;
import org.guestjourney.persistence.PrefixedColumns;
import org.guestjourney.property.JourneySettings;
import org.guestjourney.property.Property;
import org.guestjourney.property.PropertyRepository;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Everything a message about a booking is decided and rendered with — the booking, its guest, the
 * house and the house's journey settings — in one joined read instead of one statement each. The
 * rows are mapped by the tables' own repositories.
 */
@Component
class StayReader {

  /** What a message about one booking needs. */
  record Stay(Booking booking, Guest guest, Property property, JourneySettings settings) {}

  private final JdbcClient jdbc;
  private final BookingRepository bookings;
  private final GuestRepository guests;
  private final PropertyRepository properties;
  private volatile String sql;

  StayReader(
      JdbcClient jdbc,
      BookingRepository bookings,
      GuestRepository guests,
      PropertyRepository properties) {
    this.jdbc = jdbc;
    this.bookings = bookings;
    this.guests = guests;
    this.properties = properties;
  }

  Optional<Stay> read(long bookingId) {
    return jdbc.sql(sql())
        .param(bookingId)
        .query(
            (rs, n) -> {
              ResultSet p = PrefixedColumns.of(rs, "p");
              return new Stay(
                  bookings.fromRow(PrefixedColumns.of(rs, "b")),
                  guests.fromRow(PrefixedColumns.of(rs, "g")),
                  properties.fromRow(p),
                  properties.settingsFromRow(p));
            })
        .optional();
  }

  /** The joined read, its select list made once from the tables' columns as they are. */
  private String sql() {
    String s = sql;
    if (s == null) {
      s =
          "select "
              + PrefixedColumns.selectList("b", columns("booking"))
              + ", "
              + PrefixedColumns.selectList("g", columns("guest"))
              + ", "
              + PrefixedColumns.selectList("p", columns("property"))
              + " from booking b join guest g on g.id = b.guest_id"
              + " join property p on p.id = b.property_id where b.id = ?";
      sql = s;
    }
    return s;
  }

  private List<String> columns(String table) {
    return PrefixedColumns.columnsOf(jdbc, table);
  }
}
