package org.guestjourney.audit;

import static org.guestjourney.persistence.JdbcTime.instant;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Appends to and reads the audit trail. */
@Service
public class AuditLog {

  private final JdbcClient jdbc;
  private final Clock clock;

  AuditLog(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  public void record(
      String actor,
      String action,
      String what,
      String subject,
      Long subjectId,
      Long propertyId,
      Integer status) {
    jdbc.sql(
            """
            insert into audit_event (occurred_at, actor, action, what, subject, subject_id,
              property_id, status) values (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        .params(
            Timestamp.from(clock.instant()),
            actor,
            action,
            what.length() > 300 ? what.substring(0, 300) : what,
            subject,
            subjectId,
            propertyId,
            status)
        .update();
  }

  /** The filters of the audit page; null means any. */
  public record Filter(
      String actor, String action, Long propertyId, Instant from, Instant until, String subject) {}

  public List<AuditEvent> find(Filter f, int limit) {
    return jdbc.sql(
            """
            select * from audit_event
             where (cast(:actor as text) is null or actor = :actor)
               and (cast(:action as text) is null or action = :action)
               and (cast(:property as bigint) is null or property_id = :property)
               and (cast(:from as timestamptz) is null or occurred_at >= :from)
               and (cast(:until as timestamptz) is null or occurred_at < :until)
               and (cast(:subject as text) is null or subject = :subject)
             order by id desc limit :limit
            """)
        .param("actor", f.actor())
        .param("action", f.action())
        .param("property", f.propertyId())
        .param("from", f.from() == null ? null : Timestamp.from(f.from()))
        .param("until", f.until() == null ? null : Timestamp.from(f.until()))
        .param("subject", f.subject())
        .param("limit", limit)
        .query(AuditLog::map)
        .list();
  }

  private static AuditEvent map(ResultSet rs, int row) throws SQLException {
    return new AuditEvent(
        rs.getLong("id"),
        instant(rs, "occurred_at"),
        rs.getString("actor"),
        rs.getString("action"),
        rs.getString("what"),
        rs.getString("subject"),
        (Long) rs.getObject("subject_id"),
        (Long) rs.getObject("property_id"),
        (Integer) rs.getObject("status"));
  }
}
