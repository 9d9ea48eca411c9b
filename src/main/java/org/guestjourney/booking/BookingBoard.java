package org.guestjourney.booking;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.guestjourney.privacy.ContactCipher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The house at a glance: bookings searched, filtered and paged with their stage, and the arrivals,
 * in-house guests and departures of a day. Only the properties the caller may read are passed in.
 */
@Service
public class BookingBoard {

  /** A booking as a row of a list or board. */
  public record Row(
      long id,
      String reference,
      String guestName,
      long propertyId,
      String propertyName,
      LocalDate arrival,
      LocalDate departure,
      String room,
      int partySize,
      String source,
      LocalTime expectedArrival,
      BookingStage stage) {

    public int nights() {
      return (int) java.time.temporal.ChronoUnit.DAYS.between(arrival, departure);
    }
  }

  /** One page of a search, and how many match in all. */
  public record Page(List<Row> rows, long total, int page, int size) {

    public int pages() {
      return (int) Math.max(1, (total + size - 1) / size);
    }

    public boolean hasNext() {
      return page < pages();
    }

    public boolean hasPrevious() {
      return page > 1;
    }
  }

  /** A day of a house: who arrives, who stays, who leaves. */
  public record Day(List<Row> arrivals, List<Row> inHouse, List<Row> departures) {}

  private final JdbcClient jdbc;
  private final ContactCipher cipher;
  private final Clock clock;

  BookingBoard(JdbcClient jdbc, ContactCipher cipher, Clock clock) {
    this.jdbc = jdbc;
    this.cipher = cipher;
    this.clock = clock;
  }

  private static final String ROWS =
      """
      select b.id, b.external_reference, g.full_name, b.property_id, p.name as property_name,
        b.arrival_date, b.departure_date, b.room, b.party_size, b.source_channel,
        b.expected_arrival_time, %s as stage
        from booking b join guest g on g.id = b.guest_id join property p on p.id = b.property_id
      """
          .formatted(
              BookingStage.sql("b", "(cast(:now as timestamptz) at time zone p.time_zone)::date"));

  /**
   * Bookings of {@code propertyIds} whose guest name or reference contains {@code query} (any
   * case), in {@code stage} when given; newest arrival first, {@code size} a page.
   */
  public Page search(
      Collection<Long> propertyIds, String query, BookingStage stage, int page, int size) {
    if (propertyIds.isEmpty()) {
      return new Page(List.of(), 0, 1, size);
    }
    StringBuilder where = new StringBuilder(" where x.property_id in (:ids)");
    Map<String, Object> params = new TreeMap<>();
    params.put("ids", propertyIds);
    params.put("now", Timestamp.from(clock.instant()));
    if (stage != null) {
      where.append(" and x.stage = :stage");
      params.put("stage", stage.name());
    }
    String from = "from (" + ROWS + ") x" + where;
    String order = " order by x.arrival_date desc, x.id desc";
    int p = Math.max(1, page);
    if (query != null && !query.isBlank()) {
      // guest names are encrypted at rest (ADR 0031): the database cannot compare them, so the
      // houses' bookings are matched here, by name or reference, and paged after
      String q = query.strip().toLowerCase(java.util.Locale.ROOT);
      List<Row> matching =
          jdbc.sql("select x.* " + from + order).params(params).query(this::map).list().stream()
              .filter(r -> contains(r.guestName(), q) || contains(r.reference(), q))
              .toList();
      int first = Math.min(matching.size(), (p - 1) * size);
      return new Page(
          matching.subList(first, Math.min(matching.size(), first + size)),
          matching.size(),
          p,
          size);
    }
    long total = jdbc.sql("select count(*) " + from).params(params).query(Long.class).single();
    params.put("limit", size);
    params.put("offset", (p - 1) * size);
    List<Row> rows =
        jdbc.sql("select x.* " + from + order + " limit :limit offset :offset")
            .params(params)
            .query(this::map)
            .list();
    return new Page(rows, total, p, size);
  }

  private static boolean contains(String text, String lowerCaseQuery) {
    return text != null && text.toLowerCase(java.util.Locale.ROOT).contains(lowerCaseQuery);
  }

  /** The house's day: arrivals, guests staying over and departures of {@code date}. */
  public Day day(long propertyId, LocalDate date) {
    List<Row> rows =
        jdbc
            .sql(
                ROWS
                    + """
                     where b.property_id = :property and b.status = 'CONFIRMED'
                       and b.arrival_date <= :date and b.departure_date >= :date
                    """)
            .param("now", Timestamp.from(clock.instant()))
            .param("property", propertyId)
            .param("date", date)
            .query(this::map)
            .list()
            .stream()
            // names are encrypted at rest: ordered here, after they are read
            .sorted(
                java.util.Comparator.comparing(
                        Row::expectedArrival,
                        java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder()))
                    .thenComparing(
                        Row::guestName,
                        java.util.Comparator.nullsLast(String.CASE_INSENSITIVE_ORDER))
                    .thenComparingLong(Row::id))
            .toList();
    List<Row> arrivals = new ArrayList<>();
    List<Row> inHouse = new ArrayList<>();
    List<Row> departures = new ArrayList<>();
    for (Row r : rows) {
      if (r.arrival().equals(date)) {
        arrivals.add(r);
      } else if (r.departure().equals(date)) {
        departures.add(r);
      } else {
        inHouse.add(r);
      }
    }
    return new Day(arrivals, inHouse, departures);
  }

  private Row map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
    return new Row(
        rs.getLong("id"),
        rs.getString("external_reference"),
        cipher.decrypt(rs.getString("full_name")),
        rs.getLong("property_id"),
        rs.getString("property_name"),
        rs.getObject("arrival_date", LocalDate.class),
        rs.getObject("departure_date", LocalDate.class),
        rs.getString("room"),
        rs.getInt("party_size"),
        rs.getString("source_channel"),
        rs.getObject("expected_arrival_time", LocalTime.class),
        BookingStage.valueOf(rs.getString("stage")));
  }
}
