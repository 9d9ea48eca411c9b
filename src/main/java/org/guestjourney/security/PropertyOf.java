package org.guestjourney.security;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Which property a booking, message or task belongs to: what access to it is decided by. Reads the
 * owning tables directly, so that every capability's pages are scoped the same way.
 */
@Component
public class PropertyOf {

  private final JdbcClient jdbc;

  PropertyOf(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public Optional<Long> booking(long id) {
    return jdbc.sql("select property_id from booking where id = ?")
        .param(id)
        .query(Long.class)
        .optional();
  }

  public Optional<Long> message(long id) {
    return jdbc.sql(
            """
            select coalesce(b.property_id, i.property_id) from message_delivery d
              left join booking b on b.id = d.booking_id
              left join inquiry i on i.id = d.inquiry_id
            where d.id = ?
            """)
        .param(id)
        .query(Long.class)
        .optional();
  }

  /** The task's property; empty for a task of no property (or none). */
  public Optional<Long> task(long id) {
    return jdbc.sql(
            """
            select coalesce(b.property_id, cb.property_id, rb.property_id, i.property_id,
                            a.property_id)
            from staff_task t
              left join booking b on b.id = t.booking_id
              left join complaint c on c.id = t.complaint_id
              left join booking cb on cb.id = c.booking_id
              left join guest_request r on r.id = t.request_id
              left join booking rb on rb.id = r.booking_id
              left join inquiry i on i.process_instance_key = t.process_instance_key
              left join recurring_problem_alert a on a.process_instance_key = t.process_instance_key
            where t.id = ?
            """)
        .param(id)
        .query(Long.class)
        .optional();
  }
}
