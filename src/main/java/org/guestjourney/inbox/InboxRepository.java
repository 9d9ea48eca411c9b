package org.guestjourney.inbox;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The inbox's reads and writes: what guests wrote, its read marks, assignments, saved replies. */
@Repository
class InboxRepository {

  private final JdbcClient jdbc;

  InboxRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A booking's conversation as the list shows it (the guest's name still encrypted). */
  record ConversationRow(
      long bookingId,
      long propertyId,
      String propertyName,
      ZoneId zone,
      String guestName,
      String room,
      Instant lastAt,
      int unread,
      List<String> channels,
      String lastText,
      String assignee,
      String assigneeName) {}

  /** A message no booking matched. */
  record UnmatchedRow(
      long id,
      Long propertyId,
      String propertyName,
      ZoneId zone,
      String channel,
      String from,
      String subject,
      String body,
      Instant receivedAt,
      boolean unread) {}

  /** What the list asks for; null fields filter nothing. */
  record Filter(
      Collection<Long> properties,
      boolean includeNoProperty,
      boolean unreadOnly,
      String assignee,
      String channel) {}

  List<ConversationRow> conversations(Filter f, int limit) {
    if (f.properties().isEmpty()) {
      return List.of();
    }
    StringBuilder sql =
        new StringBuilder(
            """
            select b.id, b.property_id, p.name, p.time_zone, g.full_name, b.room,
                   max(m.received_at) as last_at,
                   count(*) filter (where m.read_at is null and m.kind = 'REPLY') as unread,
                   string_agg(distinct m.channel, ',') as channels,
                   (select x.body from inbound_message x where x.booking_id = b.id
                     order by x.id desc limit 1) as last_text,
                   sa.username, sc.display_name
              from inbound_message m
              join booking b on b.id = m.booking_id
              join guest g on g.id = b.guest_id
              join property p on p.id = b.property_id
              left join inbox_assignment a on a.booking_id = b.id
              left join staff_account sa on sa.id = a.staff_account_id
              left join staff_contact sc on sc.staff_account_id = a.staff_account_id
             where b.property_id in (:properties)
            """);
    if (f.assignee() != null) {
      sql.append(" and sa.username = :assignee");
    }
    sql.append(
        " group by b.id, b.property_id, p.name, p.time_zone, g.full_name, b.room, sa.username,"
            + " sc.display_name");
    List<String> having = new ArrayList<>();
    if (f.unreadOnly()) {
      having.add("count(*) filter (where m.read_at is null and m.kind = 'REPLY') > 0");
    }
    if (f.channel() != null) {
      having.add("bool_or(m.channel = :channel)");
    }
    if (!having.isEmpty()) {
      sql.append(" having ").append(String.join(" and ", having));
    }
    sql.append(
        " order by count(*) filter (where m.read_at is null and m.kind = 'REPLY') > 0 desc,"
            + " max(m.received_at) desc limit :limit");
    var statement = jdbc.sql(sql.toString()).param("properties", f.properties());
    if (f.assignee() != null) {
      statement = statement.param("assignee", f.assignee());
    }
    if (f.channel() != null) {
      statement = statement.param("channel", f.channel());
    }
    return statement
        .param("limit", limit)
        .query(
            (rs, n) ->
                new ConversationRow(
                    rs.getLong(1),
                    rs.getLong(2),
                    rs.getString(3),
                    ZoneId.of(rs.getString(4)),
                    rs.getString(5),
                    rs.getString(6),
                    rs.getTimestamp(7).toInstant(),
                    rs.getInt(8),
                    List.of(rs.getString(9).split(",")),
                    rs.getString(10),
                    rs.getString(11),
                    rs.getString(12)))
        .list();
  }

  /** Messages no booking matched, of these houses (and of no house when asked). */
  List<UnmatchedRow> unmatched(Filter f, int limit) {
    if (f.properties().isEmpty() && !f.includeNoProperty()) {
      return List.of();
    }
    StringBuilder sql =
        new StringBuilder(
            """
            select m.id, m.property_id, p.name, p.time_zone, m.channel, m.from_address, m.subject,
                   m.body, m.received_at, m.read_at is null
              from inbound_message m left join property p on p.id = m.property_id
             where m.booking_id is null and m.kind = 'REPLY'
               and (m.property_id in (:properties)
            """);
    sql.append(f.includeNoProperty() ? " or m.property_id is null)" : ")");
    if (f.unreadOnly()) {
      sql.append(" and m.read_at is null");
    }
    if (f.channel() != null) {
      sql.append(" and m.channel = :channel");
    }
    sql.append(" order by m.read_at is null desc, m.id desc limit :limit");
    var statement =
        jdbc.sql(sql.toString())
            .param("properties", f.properties().isEmpty() ? List.of(-1L) : f.properties());
    if (f.channel() != null) {
      statement = statement.param("channel", f.channel());
    }
    return statement.param("limit", limit).query((rs, n) -> unmatchedRow(rs)).list();
  }

  Optional<UnmatchedRow> unmatchedMessage(long id) {
    return jdbc.sql(
            """
            select m.id, m.property_id, p.name, p.time_zone, m.channel, m.from_address, m.subject,
                   m.body, m.received_at, m.read_at is null
              from inbound_message m left join property p on p.id = m.property_id
             where m.booking_id is null and m.kind = 'REPLY' and m.id = ?
            """)
        .param(id)
        .query((rs, n) -> unmatchedRow(rs))
        .optional();
  }

  private static UnmatchedRow unmatchedRow(java.sql.ResultSet rs) throws java.sql.SQLException {
    long property = rs.getLong(2);
    boolean noProperty = rs.wasNull();
    return new UnmatchedRow(
        rs.getLong(1),
        noProperty ? null : property,
        rs.getString(3),
        rs.getString(4) == null ? ZoneId.of("UTC") : ZoneId.of(rs.getString(4)),
        rs.getString(5),
        rs.getString(6),
        rs.getString(7),
        rs.getString(8),
        rs.getTimestamp(9).toInstant(),
        rs.getBoolean(10));
  }

  /** Unread guest messages in these houses (and of no house when asked). */
  int unread(Collection<Long> properties, boolean includeNoProperty) {
    if (properties.isEmpty() && !includeNoProperty) {
      return 0;
    }
    return jdbc.sql(
            "select count(*) from inbound_message where read_at is null and kind = 'REPLY'"
                + " and (property_id in (:properties)"
                + (includeNoProperty ? " or property_id is null)" : ")"))
        .param("properties", properties.isEmpty() ? List.of(-1L) : properties)
        .query(Integer.class)
        .single();
  }

  /**
   * Moves whenever any unread count may have moved: a new message (the latest id) or one marked
   * read (fewer unread). Both read from indexes.
   */
  String unreadChange() {
    return jdbc.sql(
            "select coalesce(max(id), 0) || ':' || (select count(*) from inbound_message"
                + " where read_at is null) from inbound_message")
        .query(String.class)
        .single();
  }

  /** The e-mail subjects the guest wrote under, by message, for the thread. */
  java.util.Map<Instant, String> subjects(long bookingId) {
    java.util.Map<Instant, String> subjects = new java.util.HashMap<>();
    jdbc.sql(
            "select received_at, subject from inbound_message where booking_id = ?"
                + " and subject is not null and subject <> ''")
        .param(bookingId)
        .query(
            (rs, n) -> {
              subjects.put(rs.getTimestamp(1).toInstant(), rs.getString(2));
              return null;
            })
        .list();
    return subjects;
  }

  int markBookingRead(long bookingId, String by, Instant at) {
    return jdbc.sql(
            "update inbound_message set read_at = ?, read_by = ? where booking_id = ?"
                + " and read_at is null")
        .params(Timestamp.from(at), by, bookingId)
        .update();
  }

  int markMessageRead(long id, String by, Instant at) {
    return jdbc.sql(
            "update inbound_message set read_at = ?, read_by = ? where id = ? and read_at is null")
        .params(Timestamp.from(at), by, id)
        .update();
  }

  void assign(long bookingId, long staffAccountId, String by, Instant at) {
    jdbc.sql(
            """
            insert into inbox_assignment (booking_id, staff_account_id, assigned_by, assigned_at)
            values (?, ?, ?, ?)
            on conflict (booking_id) do update set staff_account_id = excluded.staff_account_id,
              assigned_by = excluded.assigned_by, assigned_at = excluded.assigned_at
            """)
        .params(bookingId, staffAccountId, by, Timestamp.from(at))
        .update();
  }

  void unassign(long bookingId) {
    jdbc.sql("delete from inbox_assignment where booking_id = ?").param(bookingId).update();
  }

  Optional<String> assignee(long bookingId) {
    return jdbc.sql(
            """
            select s.username from inbox_assignment a join staff_account s on s.id = a.staff_account_id
             where a.booking_id = ?
            """)
        .param(bookingId)
        .query(String.class)
        .optional();
  }

  /** A reply a house keeps for use again. */
  record SavedReply(long id, long propertyId, String title, String body) {}

  List<SavedReply> savedReplies(Collection<Long> properties) {
    if (properties.isEmpty()) {
      return List.of();
    }
    return jdbc.sql(
            "select id, property_id, title, body from saved_reply where property_id in (:p)"
                + " order by property_id, lower(title), id")
        .param("p", properties)
        .query(
            (rs, n) ->
                new SavedReply(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4)))
        .list();
  }

  Optional<SavedReply> savedReply(long id) {
    return jdbc.sql("select id, property_id, title, body from saved_reply where id = ?")
        .param(id)
        .query(
            (rs, n) ->
                new SavedReply(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4)))
        .optional();
  }

  long addSavedReply(long propertyId, String title, String body, String by, Instant at) {
    return jdbc.sql(
            """
            insert into saved_reply (property_id, title, body, created_by, created_at)
            values (?, ?, ?, ?, ?) returning id
            """)
        .params(propertyId, title, body, by, Timestamp.from(at))
        .query(Long.class)
        .single();
  }

  void deleteSavedReply(long id) {
    jdbc.sql("delete from saved_reply where id = ?").param(id).update();
  }
}
