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
class StaffAccountRepository {

  private static final String SELECT =
      "select s.*, array(select property_id from staff_account_property p"
          + " where p.staff_account_id = s.id) as property_ids from staff_account s";

  private final JdbcClient jdbc;

  StaffAccountRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Inserts the account unless the name is taken; whether it was inserted. */
  boolean insertIfAbsent(
      String username,
      String passwordHash,
      StaffRole role,
      boolean allProperties,
      Set<Long> propertyIds,
      String by,
      Instant now) {
    Optional<Long> id =
        jdbc.sql(
                """
                insert into staff_account (username, password_hash, role, all_properties,
                  created_by, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?)
                on conflict (username) do nothing returning id
                """)
            .params(
                username,
                passwordHash,
                role.name(),
                allProperties,
                by,
                Timestamp.from(now),
                Timestamp.from(now))
            .query(Long.class)
            .optional();
    id.ifPresent(i -> setProperties(i, propertyIds));
    return id.isPresent();
  }

  void setProperties(long id, Set<Long> propertyIds) {
    jdbc.sql("delete from staff_account_property where staff_account_id = ?").param(id).update();
    for (Long p : propertyIds) {
      jdbc.sql("insert into staff_account_property (staff_account_id, property_id) values (?, ?)")
          .params(id, p)
          .update();
    }
  }

  Optional<Stored> findByUsername(String username) {
    return jdbc.sql(SELECT + " where s.username = ?")
        .param(username)
        .query((rs, n) -> new Stored(map(rs, n), rs.getString("password_hash")))
        .optional();
  }

  Optional<StaffAccount> findById(long id) {
    return jdbc.sql(SELECT + " where s.id = ?").param(id).query(this::map).optional();
  }

  List<StaffAccount> all() {
    return jdbc.sql(SELECT + " order by s.enabled desc, s.username").query(this::map).list();
  }

  long count() {
    return jdbc.sql("select count(*) from staff_account").query(Long.class).single();
  }

  boolean enabled(String username) {
    return jdbc.sql("select enabled from staff_account where username = ?")
        .param(username)
        .query(Boolean.class)
        .optional()
        .orElse(false);
  }

  void setEnabled(long id, boolean enabled, Instant now) {
    jdbc.sql("update staff_account set enabled = ?, updated_at = ? where id = ?")
        .params(enabled, Timestamp.from(now), id)
        .update();
  }

  void setPassword(String username, String passwordHash, Instant now) {
    jdbc.sql("update staff_account set password_hash = ?, updated_at = ? where username = ?")
        .params(passwordHash, Timestamp.from(now), username)
        .update();
  }

  /**
   * The language the person chose for the staff pages ('en', 'zh-CN'), empty to follow the browser.
   */
  Optional<String> language(String username) {
    return jdbc.sql("select language from staff_account where username = ?")
        .param(username)
        .query((rs, n) -> Optional.ofNullable(rs.getString("language")))
        .optional()
        .flatMap(o -> o);
  }

  boolean setLanguage(String username, String language, Instant now) {
    return jdbc.sql("update staff_account set language = ?, updated_at = ? where username = ?")
            .params(language, Timestamp.from(now), username)
            .update()
        == 1;
  }

  record Stored(StaffAccount account, String passwordHash) {}

  private StaffAccount map(ResultSet rs, int row) throws SQLException {
    Set<Long> properties = new HashSet<>();
    for (Long p : (Long[]) rs.getArray("property_ids").getArray()) {
      properties.add(p);
    }
    return new StaffAccount(
        rs.getLong("id"),
        rs.getString("username"),
        StaffRole.valueOf(rs.getString("role")),
        rs.getBoolean("all_properties"),
        Set.copyOf(properties),
        rs.getBoolean("enabled"),
        rs.getString("created_by"),
        instant(rs, "created_at"));
  }
}
