package org.guestjourney.booking;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class BookingRepository {

  private final JdbcClient jdbc;

  BookingRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Inserts the booking; empty if one with the same property and external reference exists. */
  /** The booking as stored, or empty when its reference exists already (one statement). */
  Optional<Booking> insertIfAbsent(BookingRequest r, long guestId, Instant now) {
    return jdbc.sql(
            """
            insert into booking (property_id, guest_id, external_reference, source_channel,
              arrival_date, departure_date, room, party_size, special_requests, status,
              created_at, updated_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'CONFIRMED', ?, ?)
            on conflict on constraint booking_external_reference_unique do nothing
            returning *
            """)
        .params(
            r.propertyId(),
            guestId,
            r.externalReference(),
            r.sourceChannel(),
            r.arrivalDate(),
            r.departureDate(),
            r.room(),
            r.partySize() == null ? 1 : r.partySize(),
            r.specialRequests(),
            Timestamp.from(now),
            Timestamp.from(now))
        .query(this::map)
        .optional();
  }

  public Optional<Booking> findById(long id) {
    return jdbc.sql("select * from booking where id = ?").param(id).query(this::map).optional();
  }

  /** Locks the booking row for the rest of the transaction. */
  Optional<Booking> lock(long id) {
    return jdbc.sql("select * from booking where id = ? for update")
        .param(id)
        .query(this::map)
        .optional();
  }

  public Optional<Booking> findByExternalReference(long propertyId, String externalReference) {
    return jdbc.sql("select * from booking where property_id = ? and external_reference = ?")
        .params(propertyId, externalReference)
        .query(this::map)
        .optional();
  }

  public List<Booking> findRecent(int limit) {
    return jdbc.sql("select * from booking order by arrival_date desc, id desc limit ?")
        .param(limit)
        .query(this::map)
        .list();
  }

  /** Confirmed bookings with no running journey whose arrival is not long past. */
  public List<Booking> findWithoutJourney(LocalDate arrivingFrom, java.time.Instant storedBefore) {
    return jdbc.sql(
            """
            select * from booking where status = 'CONFIRMED' and journey_instance_key is null
               and arrival_date >= ? and created_at < ? order by id
            """)
        .params(arrivingFrom, java.sql.Timestamp.from(storedBefore))
        .query(this::map)
        .list();
  }

  /** Confirmed bookings whose departure is on or after {@code from}. */
  public List<Booking> findConfirmedDepartingFrom(LocalDate from) {
    return jdbc.sql(
            "select * from booking where status = 'CONFIRMED' and departure_date >= ? order by id")
        .param(from)
        .query(this::map)
        .list();
  }

  void changeDates(long id, LocalDate arrival, LocalDate departure, Instant now) {
    jdbc.sql(
            """
            update booking set arrival_date = ?, departure_date = ?, revision = revision + 1,
              updated_at = ? where id = ?
            """)
        .params(arrival, departure, Timestamp.from(now), id)
        .update();
  }

  void cancel(long id, Instant now) {
    jdbc.sql(
            "update booking set status = 'CANCELLED', cancelled_at = ?, updated_at = ? where id = ?")
        .params(Timestamp.from(now), Timestamp.from(now), id)
        .update();
  }

  /**
   * Marks the booking's journey as being started (key 0) unless it has one; true for the one caller
   * that may start it.
   */
  /**
   * The booking's journey was started (the engine took its start): 0 until the journey's first step
   * records its instance ({@link #recordJourneyInstance}).
   */
  public void markJourneyStarted(long id) {
    jdbc.sql(
            "update booking set journey_instance_key = 0 where id = ? and journey_instance_key is null")
        .param(id)
        .update();
  }

  /** The process instance of the booking's pre-arrival journey, as its first step reports it. */
  public void recordJourneyInstance(long id, long instanceKey) {
    jdbc.sql(
            """
            update booking set journey_instance_key = ?
             where id = ? and (journey_instance_key is null or journey_instance_key = 0)
            """)
        .params(instanceKey, id)
        .update();
  }

  public Optional<java.time.LocalTime> expectedArrival(long id) {
    return jdbc.sql("select expected_arrival_time from booking where id = ?")
        .param(id)
        .query((rs, n) -> rs.getObject(1, java.time.LocalTime.class))
        .optional()
        .filter(java.util.Objects::nonNull);
  }

  public void setExpectedArrival(long id, java.time.LocalTime time) {
    jdbc.sql("update booking set expected_arrival_time = ? where id = ?").params(time, id).update();
  }

  /**
   * Earlier stays of the same guest (their profile: the same e-mail, or merged by a manager, ADR
   * 0062) that ended before this booking began.
   */
  /**
   * The count of {@link #previousStays} as a column expression over a booking aliased {@code b}
   * joined with its guest aliased {@code g}, for joined reads.
   */
  public static final String PREVIOUS_STAYS_OF_B =
      """
      (select count(*) from booking pb join guest pg on pg.id = pb.guest_id
        where pb.status = 'CONFIRMED' and pb.id <> b.id
          and pg.profile_id = g.profile_id and pb.departure_date <= b.arrival_date)
      """;

  public int previousStays(long bookingId) {
    return jdbc.sql(
            """
            select count(*) from booking b join guest g on g.id = b.guest_id
             where b.status = 'CONFIRMED' and b.id <> :id
               and g.profile_id = (select g2.profile_id from booking b2 join guest g2 on g2.id = b2.guest_id where b2.id = :id)
               and b.departure_date <= (select arrival_date from booking where id = :id)
            """)
        .param("id", bookingId)
        .query(Integer.class)
        .single();
  }

  /** A booking from a row of {@code booking} (or a joined read that names its columns). */
  public Booking fromRow(ResultSet rs) throws SQLException {
    return map(rs, 0);
  }

  private Booking map(ResultSet rs, int row) throws SQLException {
    Timestamp cancelled = rs.getTimestamp("cancelled_at");
    Long journeyKey = rs.getObject("journey_instance_key", Long.class);
    return new Booking(
        rs.getLong("id"),
        rs.getLong("property_id"),
        rs.getLong("guest_id"),
        rs.getString("external_reference"),
        rs.getString("source_channel"),
        rs.getObject("arrival_date", LocalDate.class),
        rs.getObject("departure_date", LocalDate.class),
        rs.getString("room"),
        rs.getInt("party_size"),
        rs.getString("special_requests"),
        BookingStatus.valueOf(rs.getString("status")),
        rs.getInt("revision"),
        journeyKey,
        rs.getTimestamp("created_at").toInstant(),
        rs.getTimestamp("updated_at").toInstant(),
        cancelled == null ? null : cancelled.toInstant());
  }
}
