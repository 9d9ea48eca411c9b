package org.guestjourney.inquiry;

import static org.guestjourney.persistence.JdbcTime.instant;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.guestjourney.privacy.ContactCipher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class InquiryRepository {

  private final JdbcClient jdbc;
  private final ContactCipher cipher;

  InquiryRepository(JdbcClient jdbc, ContactCipher cipher) {
    this.jdbc = jdbc;
    this.cipher = cipher;
  }

  long insert(InquiryRequest r, Instant now) {
    return jdbc.sql(
            """
            insert into inquiry (property_id, full_name, email, email_index, phone,
              preferred_language, message, status, received_at)
            values (?, ?, ?, ?, ?, ?, ?, 'OPEN', ?) returning id
            """)
        .params(
            r.propertyId(),
            cipher.encrypt(r.fullName().strip()),
            cipher.encrypt(r.email().strip()),
            cipher.index(r.email()),
            cipher.encrypt(blankToNull(r.phone())),
            r.preferredLanguage(),
            r.message().strip(),
            Timestamp.from(now))
        .query(Long.class)
        .single();
  }

  Optional<Inquiry> findById(long id) {
    return jdbc.sql("select * from inquiry where id = ?").param(id).query(this::map).optional();
  }

  Optional<Inquiry> findByProcessInstance(long key) {
    return jdbc.sql("select * from inquiry where process_instance_key = ?")
        .param(key)
        .query(this::map)
        .optional();
  }

  void setProcessInstance(long id, long key) {
    jdbc.sql("update inquiry set process_instance_key = ? where id = ?").params(key, id).update();
  }

  void plan(long id, boolean within, Instant due) {
    jdbc.sql("update inquiry set within_working_hours = ?, answer_due_at = ? where id = ?")
        .params(within, Timestamp.from(due), id)
        .update();
  }

  void answer(long id, String answer, String by, String purpose, String party, Instant now) {
    jdbc.sql(
            """
            update inquiry set status = 'ANSWERED', answer = ?, answered_by = ?, answered_at = ?,
              travel_purpose = ?, party_composition = ? where id = ?
            """)
        .params(answer, by, Timestamp.from(now), purpose, party, id)
        .update();
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  /**
   * Links the latest unlinked question of {@code email} at the property, asked since {@code since},
   * to the booking; its id if there was one.
   */
  Optional<Long> linkToBooking(long propertyId, String email, Instant since, long bookingId) {
    return jdbc.sql(
            """
            update inquiry set booking_id = ?
             where id = (select id from inquiry
                          where property_id = ? and email_index = ? and booking_id is null
                            and received_at >= ?
                          order by received_at desc limit 1)
            returning id
            """)
        .params(bookingId, propertyId, cipher.index(email), java.sql.Timestamp.from(since))
        .query(Long.class)
        .optional();
  }

  /** Whether the house has a question from {@code email} (by its blind index). */
  boolean existsFrom(long propertyId, String email) {
    return jdbc.sql(
            "select exists (select 1 from inquiry where property_id = ? and email_index = ?)")
        .params(propertyId, cipher.index(email))
        .query(Boolean.class)
        .single();
  }

  List<Inquiry> findByBooking(long bookingId) {
    return jdbc.sql("select * from inquiry where booking_id = ? order by received_at")
        .param(bookingId)
        .query(this::map)
        .list();
  }

  private Inquiry map(ResultSet rs, int n) throws SQLException {
    return new Inquiry(
        rs.getLong("id"),
        rs.getLong("property_id"),
        cipher.decrypt(rs.getString("full_name")),
        cipher.decrypt(rs.getString("email")),
        cipher.decrypt(rs.getString("phone")),
        rs.getString("preferred_language"),
        rs.getString("message"),
        rs.getString("status"),
        rs.getObject("within_working_hours", Boolean.class),
        instant(rs, "answer_due_at"),
        rs.getString("answer"),
        rs.getString("answered_by"),
        instant(rs, "answered_at"),
        rs.getString("travel_purpose"),
        rs.getString("party_composition"),
        rs.getObject("process_instance_key", Long.class),
        instant(rs, "received_at"),
        rs.getObject("booking_id", Long.class));
  }
}
