package org.guestjourney.feedback;

import static org.guestjourney.persistence.JdbcTime.instant;
import static org.guestjourney.persistence.JdbcTime.ts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.guestjourney.privacy.ContactCipher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class FeedbackRepository {

  private final JdbcClient jdbc;
  private final ContactCipher cipher;

  FeedbackRepository(JdbcClient jdbc, ContactCipher cipher) {
    this.jdbc = jdbc;
    this.cipher = cipher;
  }

  /** A feedback line on the Feedback page: the feedback with its stay. */
  record Row(
      Feedback feedback,
      String bookingReference,
      long propertyId,
      String propertyName,
      String guestName) {}

  long insert(
      long bookingId,
      String source,
      Long invitationId,
      Long complaintId,
      String text,
      Instant now) {
    return jdbc.sql(
            """
            insert into feedback (booking_id, source, survey_invitation_id, complaint_id, text, created_at, updated_at)
            values (?, ?, ?, ?, ?, ?, ?) returning id
            """)
        .params(bookingId, source, invitationId, complaintId, text, ts(now), ts(now))
        .query(Long.class)
        .single();
  }

  Optional<Feedback> findById(long id) {
    return jdbc.sql("select * from feedback where id = ?").param(id).query(this::map).optional();
  }

  Optional<Feedback> findBySurvey(long invitationId) {
    return jdbc.sql("select * from feedback where survey_invitation_id = ?")
        .param(invitationId)
        .query(this::map)
        .optional();
  }

  List<Feedback> findByBooking(long bookingId) {
    return jdbc.sql("select * from feedback where booking_id = ? order by id")
        .param(bookingId)
        .query(this::map)
        .list();
  }

  void updateText(long id, String text, Instant now) {
    jdbc.sql("update feedback set text = ?, updated_at = ? where id = ?")
        .params(text, ts(now), id)
        .update();
  }

  void classify(
      long id,
      String type,
      String urgency,
      boolean suggestion,
      String by,
      boolean correction,
      Instant now) {
    jdbc.sql(
            """
            update feedback set type = ?, urgency = ?, suggestion = ?, classified_by = ?, updated_at = ?,
              corrected_at = case when ? then ? else corrected_at end
             where id = ?
            """)
        .params(type, urgency, suggestion, by, ts(now), correction, ts(now), id)
        .update();
  }

  boolean adopt(long id, String by, Instant now) {
    return jdbc.sql(
                """
                update feedback set adopted_at = ?, adopted_by = ?, updated_at = ?
                 where id = ? and suggestion and adopted_at is null
                """)
            .params(ts(now), by, ts(now), id)
            .update()
        == 1;
  }

  long propertyOf(long feedbackId) {
    return jdbc.sql(
            "select b.property_id from feedback f join booking b on b.id = f.booking_id where f.id = ?")
        .param(feedbackId)
        .query(Long.class)
        .single();
  }

  /** The latest feedback, newest first, optionally of one property and one type. */
  List<Row> latest(Long propertyId, String type, int limit) {
    return jdbc.sql(
            """
            select f.*, b.external_reference, b.property_id, p.name as property_name, g.full_name
              from feedback f join booking b on b.id = f.booking_id
              join property p on p.id = b.property_id join guest g on g.id = b.guest_id
             where (cast(:p as bigint) is null or b.property_id = :p)
               and (cast(:t as text) is null or f.type = :t)
             order by f.id desc limit :limit
            """)
        .param("p", propertyId)
        .param("t", type)
        .param("limit", limit)
        .query(
            (rs, n) ->
                new Row(
                    map(rs, n),
                    rs.getString("external_reference"),
                    rs.getLong("property_id"),
                    rs.getString("property_name"),
                    cipher.decrypt(rs.getString("full_name"))))
        .list();
  }

  List<Feedback> findByIds(List<Long> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    return jdbc.sql("select * from feedback where id in (:ids) order by id")
        .param("ids", ids)
        .query(this::map)
        .list();
  }

  private Feedback map(ResultSet rs, int n) throws SQLException {
    return new Feedback(
        rs.getLong("id"),
        rs.getLong("booking_id"),
        rs.getString("source"),
        rs.getObject("survey_invitation_id", Long.class),
        rs.getObject("complaint_id", Long.class),
        rs.getString("text"),
        rs.getString("type"),
        rs.getString("urgency"),
        rs.getBoolean("suggestion"),
        rs.getString("classified_by"),
        instant(rs, "corrected_at"),
        instant(rs, "adopted_at"),
        rs.getString("adopted_by"),
        instant(rs, "created_at"));
  }
}
