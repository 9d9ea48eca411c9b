package org.guestjourney.outbox;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} component {@code engineOutbox}: how many engine commands wait to be
 * sent, how long the oldest has waited and how many failed at least once, with the last reason.
 * Under a flood of bookings the app takes every booking and the outbox holds what the engine has
 * not taken yet (ADR 0069): the backlog is the figure to watch, and "the oldest waited 90 s" is why
 * confirmations go late. It stays UP — a backlog or an engine that is down for a while loses
 * nothing and is not a reason to restart the app or to stop taking bookings; the engine's own
 * health ({@code embeddedEngine}) says when it is down. Read from PostgreSQL, so every replica
 * shows the same figures.
 */
@Component("engineOutboxHealthIndicator") // shown as "engineOutbox"
class OutboxHealth implements HealthIndicator {

  private final JdbcClient jdbc;

  OutboxHealth(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** What waits in the outbox, in one statement. */
  record Backlog(long waiting, Long oldestWaitingSeconds, long failing, String lastError) {}

  Backlog backlog() {
    return jdbc.sql(
            """
            select count(*) as waiting,
                   -- the database's clock wrote created_at (not the app's, which a demo moves)
                   floor(extract(epoch from now() - min(created_at)))::bigint as oldest,
                   count(*) filter (where last_error is not null) as failing,
                   (select last_error from engine_outbox where last_error is not null
                     order by id desc limit 1) as last_error
              from engine_outbox
            """)
        .query(
            (rs, n) ->
                new Backlog(
                    rs.getLong("waiting"),
                    rs.getObject("oldest", Long.class),
                    rs.getLong("failing"),
                    rs.getString("last_error")))
        .single();
  }

  @Override
  public Health health() {
    Backlog b = backlog();
    Health.Builder health = Health.up().withDetail("waiting", b.waiting());
    if (b.oldestWaitingSeconds() != null) {
      health.withDetail("oldestWaitingSeconds", Math.max(0, b.oldestWaitingSeconds()));
    }
    if (b.failing() > 0) {
      health.withDetail("failedAtLeastOnce", b.failing()).withDetail("lastError", b.lastError());
    }
    return health.build();
  }
}
