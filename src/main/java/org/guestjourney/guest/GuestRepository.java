package org.guestjourney.guest;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class GuestRepository {

  private final JdbcClient jdbc;

  GuestRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public long insert(
      String fullName,
      String email,
      String phone,
      String language,
      String channel,
      String timeZone,
      Instant now) {
    return jdbc.sql(
            """
            insert into guest (full_name, email, phone, preferred_language, preferred_channel,
              time_zone, created_at)
            values (?, ?, ?, ?, ?, ?, ?) returning id
            """)
        .params(fullName, email, phone, language, channel, timeZone, Timestamp.from(now))
        .query(Long.class)
        .single();
  }

  public Optional<Guest> findById(long id) {
    return jdbc.sql("select * from guest where id = ?")
        .param(id)
        .query(
            (rs, n) ->
                new Guest(
                    rs.getLong("id"),
                    rs.getString("full_name"),
                    rs.getString("email"),
                    rs.getString("phone"),
                    rs.getString("preferred_language"),
                    rs.getString("preferred_channel"),
                    rs.getString("time_zone")))
        .optional();
  }
}
