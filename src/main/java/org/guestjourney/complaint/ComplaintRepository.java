package org.guestjourney.complaint;

import static org.guestjourney.persistence.JdbcTime.instant;
import static org.guestjourney.persistence.JdbcTime.ts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class ComplaintRepository {

  private final JdbcClient jdbc;

  ComplaintRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  long insert(
      long bookingId,
      String source,
      String category,
      String description,
      boolean inHouse,
      Instant now) {
    return jdbc.sql(
            """
            insert into complaint (booking_id, source, category, description, guest_in_house, status, created_at)
            values (?, ?, ?, ?, ?, 'OPEN', ?) returning id
            """)
        .params(bookingId, source, category, description, inHouse, ts(now))
        .query(Long.class)
        .single();
  }

  Optional<Complaint> findById(long id) {
    return jdbc.sql("select * from complaint where id = ?").param(id).query(this::map).optional();
  }

  List<Complaint> findByBooking(long bookingId) {
    return jdbc.sql("select * from complaint where booking_id = ? order by id")
        .param(bookingId)
        .query(this::map)
        .list();
  }

  /**
   * The complaint's journey, as its first job reports it; a key recorded already stays (a restored
   * or duplicate path never overwrites it).
   */
  void recordProcessInstance(long id, long key) {
    jdbc.sql(
            "update complaint set process_instance_key = ? where id = ? and process_instance_key is null")
        .params(key, id)
        .update();
  }

  void classify(
      long id, String urgency, String scope, Instant ack, Instant resolve, Instant callBack) {
    jdbc.sql(
            """
            update complaint set urgency = ?, scope = ?, acknowledge_due_at = ?, resolve_due_at = ?,
              call_back_due_at = ? where id = ?
            """)
        .params(urgency, scope, ts(ack), ts(resolve), ts(callBack), id)
        .update();
  }

  void recordSolution(long id, String solution, String compensation, String detail) {
    jdbc.sql(
            "update complaint set solution = ?, compensation = ?, compensation_detail = ? where id = ?")
        .params(solution, compensation, detail, id)
        .update();
  }

  void recordApproval(long id, boolean approved, String managerNote) {
    jdbc.sql("update complaint set compensation_approved = ?, manager_note = ? where id = ?")
        .params(approved, managerNote, id)
        .update();
  }

  /** The front desk's new proposal after a rejection; a new compensation waits for approval. */
  void recordAlternative(long id, String compensation, String detail, String note) {
    jdbc.sql(
            """
            update complaint set compensation = ?, compensation_detail = ?, alternative_note = ?,
              compensation_approved = case when ? = 'none' then compensation_approved end
             where id = ?
            """)
        .params(compensation, detail, note, compensation, id)
        .update();
  }

  void recordManagerFollowUp(long id, String action, String satisfied) {
    jdbc.sql("update complaint set manager_follow_up = ?, guest_satisfied = ? where id = ?")
        .params(action, satisfied, id)
        .update();
  }

  void recordCallBack(long id, String satisfied, String notes) {
    jdbc.sql("update complaint set guest_satisfied = ?, call_notes = ? where id = ?")
        .params(satisfied, notes, id)
        .update();
  }

  void close(long id, Instant now) {
    jdbc.sql(
            "update complaint set status = 'CLOSED', closed_at = coalesce(closed_at, ?) where id = ?")
        .params(ts(now), id)
        .update();
  }

  private Complaint map(ResultSet rs, int n) throws SQLException {
    return new Complaint(
        rs.getLong("id"),
        rs.getLong("booking_id"),
        rs.getString("source"),
        rs.getString("category"),
        rs.getString("description"),
        rs.getBoolean("guest_in_house"),
        rs.getString("urgency"),
        rs.getString("scope"),
        instant(rs, "acknowledge_due_at"),
        instant(rs, "resolve_due_at"),
        instant(rs, "call_back_due_at"),
        rs.getString("solution"),
        rs.getString("compensation"),
        rs.getString("compensation_detail"),
        rs.getObject("compensation_approved", Boolean.class),
        rs.getString("guest_satisfied"),
        rs.getString("call_notes"),
        rs.getString("manager_note"),
        rs.getString("alternative_note"),
        rs.getString("manager_follow_up"),
        rs.getString("status"),
        rs.getObject("process_instance_key", Long.class),
        instant(rs, "created_at"),
        instant(rs, "closed_at"));
  }
}
