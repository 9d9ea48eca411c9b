package org.guestjourney.security;

import static org.guestjourney.persistence.JdbcTime.instant;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class ApiKeyRepository {

  private static final String SELECT =
      "select k.*, array(select property_id from api_key_property p where p.api_key_id = k.id)"
          + " as property_ids from api_key k";

  private final JdbcClient jdbc;

  ApiKeyRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  long insert(
      String name,
      String prefix,
      String hash,
      ApiKey.Scope scope,
      boolean allProperties,
      Set<Long> propertyIds,
      int requestsPerMinute,
      String by,
      Instant now) {
    long id =
        jdbc.sql(
                """
                insert into api_key (name, token_prefix, token_hash, scope, all_properties,
                  requests_per_minute, created_by, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?) returning id
                """)
            .params(
                name,
                prefix,
                hash,
                scope.name(),
                allProperties,
                requestsPerMinute,
                by,
                Timestamp.from(now))
            .query(Long.class)
            .single();
    for (Long propertyId : propertyIds) {
      jdbc.sql("insert into api_key_property (api_key_id, property_id) values (?, ?)")
          .params(id, propertyId)
          .update();
    }
    return id;
  }

  /** The key with this prefix and its stored hash. */
  Optional<Stored> findByPrefix(String prefix) {
    return jdbc.sql(SELECT + " where token_prefix = ?")
        .param(prefix)
        .query((rs, n) -> new Stored(map(rs, n), rs.getString("token_hash")))
        .optional();
  }

  Optional<ApiKey> findById(long id) {
    return jdbc.sql(SELECT + " where id = ?").param(id).query(this::map).optional();
  }

  List<ApiKey> all() {
    return jdbc.sql(SELECT + " order by revoked_at nulls first, id desc").query(this::map).list();
  }

  boolean revoke(long id, String by, Instant now) {
    return jdbc.sql(
                "update api_key set revoked_at = ?, revoked_by = ? where id = ? and revoked_at is null")
            .params(Timestamp.from(now), by, id)
            .update()
        == 1;
  }

  /** Notes the use, at most once a minute per key (a write per request would be waste). */
  void touch(long id, Instant now) {
    jdbc.sql(
            """
            update api_key set last_used_at = ? where id = ?
              and (last_used_at is null or last_used_at < ?)
            """)
        .params(Timestamp.from(now), id, Timestamp.from(now.minusSeconds(60)))
        .update();
  }

  /** Counts a call in the key's minute window; the calls of that window so far. */
  int countCall(long id, Instant windowStart) {
    int calls =
        jdbc.sql(
                """
                insert into api_key_usage (api_key_id, window_start, requests) values (?, ?, 1)
                on conflict (api_key_id, window_start)
                  do update set requests = api_key_usage.requests + 1
                returning requests
                """)
            .params(id, Timestamp.from(windowStart))
            .query(Integer.class)
            .single();
    if (calls == 1) {
      jdbc.sql("delete from api_key_usage where api_key_id = ? and window_start < ?")
          .params(id, Timestamp.from(windowStart.minusSeconds(3600)))
          .update();
    }
    return calls;
  }

  record Stored(ApiKey key, String hash) {}

  private ApiKey map(ResultSet rs, int row) throws SQLException {
    long id = rs.getLong("id");
    Set<Long> properties = new HashSet<>();
    for (Long p : (Long[]) rs.getArray("property_ids").getArray()) {
      properties.add(p);
    }
    return new ApiKey(
        id,
        rs.getString("name"),
        rs.getString("token_prefix"),
        ApiKey.Scope.valueOf(rs.getString("scope")),
        rs.getBoolean("all_properties"),
        Set.copyOf(properties),
        rs.getString("created_by"),
        instant(rs, "created_at"),
        instant(rs, "revoked_at"),
        instant(rs, "last_used_at"),
        rs.getInt("requests_per_minute"));
  }
}
