package org.guestjourney.messaging;

import static org.guestjourney.persistence.JdbcTime.instant;
import static org.guestjourney.persistence.JdbcTime.ts;

import java.time.Instant;
import java.util.Optional;
import org.guestjourney.messaging.rules.PausedBookings;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Staff can pause a booking's automatic messages (a guest who asked for calm, a delicate
 * situation): while paused, every journey message due is skipped with the name of who paused it.
 * Replies written by hand still go. Resuming affects messages due from then on.
 */
@Component
public class AutomationPauses implements PausedBookings {

  private final JdbcClient jdbc;

  AutomationPauses(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public Optional<Pause> of(long bookingId) {
    return jdbc.sql("select paused_by, note, paused_at from automation_pause where booking_id = ?")
        .param(bookingId)
        .query((rs, n) -> new Pause(rs.getString(1), rs.getString(2), instant(rs, "paused_at")))
        .optional();
  }

  /** Pauses; pausing a paused booking keeps the first pause. */
  public void pause(long bookingId, String by, String note, Instant now) {
    jdbc.sql(
            """
            insert into automation_pause (booking_id, paused_by, note, paused_at)
            values (?, ?, ?, ?) on conflict (booking_id) do nothing
            """)
        .params(bookingId, by, note == null || note.isBlank() ? null : note.strip(), ts(now))
        .update();
  }

  public void resume(long bookingId) {
    jdbc.sql("delete from automation_pause where booking_id = ?").param(bookingId).update();
  }
}
