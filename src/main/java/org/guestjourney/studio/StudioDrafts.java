package org.guestjourney.studio;

import static org.guestjourney.persistence.JdbcTime.instant;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** A manager's unfinished edit of a decision table or a form: one draft per file. */
@Component
class StudioDrafts {

  /** A saved draft. */
  record Draft(String content, String savedBy, Instant savedAt) {}

  private final JdbcClient jdbc;
  private final Clock clock;

  StudioDrafts(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  Optional<Draft> find(String kind, String name) {
    return jdbc.sql(
            "select content, saved_by, saved_at from studio_draft where kind = ? and name = ?")
        .params(kind, name)
        .query(
            (rs, row) ->
                new Draft(
                    rs.getString("content"), rs.getString("saved_by"), instant(rs, "saved_at")))
        .optional();
  }

  void save(String kind, String name, String content, String by) {
    jdbc.sql(
            """
            insert into studio_draft (kind, name, content, saved_by, saved_at) values (?, ?, ?, ?, ?)
            on conflict (kind, name) do update set content = excluded.content,
              saved_by = excluded.saved_by, saved_at = excluded.saved_at
            """)
        .params(kind, name, content, by, Timestamp.from(clock.instant()))
        .update();
  }

  boolean remove(String kind, String name) {
    return jdbc.sql("delete from studio_draft where kind = ? and name = ?")
            .params(kind, name)
            .update()
        > 0;
  }
}
