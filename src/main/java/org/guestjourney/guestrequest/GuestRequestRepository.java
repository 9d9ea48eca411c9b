package org.guestjourney.guestrequest;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class GuestRequestRepository {

  private final JdbcClient jdbc;

  GuestRequestRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  long insert(long bookingId, String category, String description, Instant now) {
    return jdbc.sql(
            "insert into guest_request (booking_id, category, description, status, created_at) values (?, ?, ?, 'OPEN', ?) returning id")
        .params(bookingId, category, description, Timestamp.from(now))
        .query(Long.class)
        .single();
  }

  public Optional<GuestRequest> findById(long id) {
    return jdbc.sql("select * from guest_request where id = ?")
        .param(id)
        .query(this::map)
        .optional();
  }

  /** Records urgency, team and deadline; a request that has a deadline already keeps it. */
  void open(long id, String urgency, String team, Instant due) {
    jdbc.sql(
            """
            update guest_request set urgency = ?, team = ?, due_at = coalesce(due_at, ?)
             where id = ?
            """)
        .params(urgency, team, Timestamp.from(due), id)
        .update();
  }

  /**
   * The request's process, as its first job reports it; a key recorded already stays (a restored or
   * duplicate path never overwrites it).
   */
  void recordProcessInstance(long id, long key) {
    jdbc.sql(
            """
            update guest_request set process_instance_key = ?
             where id = ? and process_instance_key is null
            """)
        .params(key, id)
        .update();
  }

  void handled(long id, String action, boolean solved, String newDeadline, Instant now) {
    jdbc.sql(
            """
            update guest_request set action_taken = ?, solved = ?, new_deadline = ?,
              status = 'HANDLED', handled_at = ? where id = ?
            """)
        .params(action, solved, newDeadline, Timestamp.from(now), id)
        .update();
  }

  private GuestRequest map(ResultSet rs, int n) throws SQLException {
    Timestamp due = rs.getTimestamp("due_at");
    return new GuestRequest(
        rs.getLong("id"),
        rs.getLong("booking_id"),
        rs.getString("category"),
        rs.getString("description"),
        rs.getString("urgency"),
        rs.getString("team"),
        due == null ? null : due.toInstant(),
        rs.getString("action_taken"),
        rs.getObject("solved", Boolean.class),
        rs.getString("new_deadline"),
        rs.getString("status"),
        rs.getObject("process_instance_key", Long.class),
        rs.getTimestamp("created_at").toInstant());
  }
}
