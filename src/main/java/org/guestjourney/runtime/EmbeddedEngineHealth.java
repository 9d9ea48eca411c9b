package org.guestjourney.runtime;

import io.camunda.zeebe.process.test.engine.RocksDbEngineFactory.RocksDbEngine;
import io.camunda.zeebe.util.health.HealthIssue;
import io.camunda.zeebe.util.health.HealthReport;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * {@code /actuator/health} component {@code embeddedEngine}: DOWN, with the engine's own reason,
 * when its stream processor failed or stopped. Nothing restarts it in-process: the app has to be
 * restarted (with the durable log it continues where it was, ADR 0021; otherwise its journeys are
 * rebuilt from PostgreSQL, ADR 0020), which is what an orchestrator does on a failing health check.
 * With the durable log, its first and last positions and its size on disk are shown.
 */
class EmbeddedEngineHealth implements HealthIndicator {

  private final RocksDbEngine engine;

  EmbeddedEngineHealth(RocksDbEngine engine) {
    this.engine = engine;
  }

  @Override
  public Health health() {
    HealthReport report = engine.health();
    Health.Builder health = report.isHealthy() ? Health.up() : Health.down();
    health.withDetail("status", report.getStatus().name());
    HealthIssue issue = report.getIssue();
    if (issue != null) {
      health.withDetail(
          "reason",
          issue.message() != null
              ? issue.message()
              : issue.throwable() != null ? issue.throwable().toString() : "unknown");
      if (issue.since() != null) {
        health.withDetail("since", issue.since().toString());
      }
    }
    engine
        .durableLog()
        .ifPresent(
            log ->
                health
                    .withDetail("logFirstPosition", log.firstPosition())
                    .withDetail("logLastPosition", log.lastPosition())
                    .withDetail("logBytes", log.sizeOnDisk()));
    return health.build();
  }
}
