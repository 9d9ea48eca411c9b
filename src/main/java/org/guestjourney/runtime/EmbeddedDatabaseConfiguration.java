package org.guestjourney.runtime;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The embedded default database: a real PostgreSQL server started from binaries shipped in a Maven
 * artifact, used when no {@code spring.datasource.url} is configured. Its data directory survives
 * restarts, so bookings and sent messages are remembered.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
class EmbeddedDatabaseConfiguration {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);

  /**
   * Settings of the embedded PostgreSQL.
   *
   * @param dataDirectory where the database files live; kept across restarts
   * @param port TCP port on localhost; 0 picks a free one
   * @param stopLeftoverServerWithin how long a server left running by a previous run that died
   *     (kill -9) gets to shut down cleanly before it is killed
   * @param serverConfig PostgreSQL server settings passed at start (e.g. {@code
   *     shared_preload_libraries: pg_stat_statements} for the benchmark's statement counts)
   */
  @ConfigurationProperties("guest-journey.embedded-database")
  record EmbeddedDatabaseProperties(
      @DefaultValue(".data/postgres") Path dataDirectory,
      @DefaultValue("0") int port,
      @DefaultValue("PT30S") Duration stopLeftoverServerWithin,
      Map<String, String> serverConfig) {}

  @Bean(destroyMethod = "close")
  EmbeddedPostgres embeddedPostgres(EmbeddedDatabaseProperties properties) throws IOException {
    Path dir = properties.dataDirectory().toAbsolutePath();
    Files.createDirectories(dir);
    // a previous run killed with kill -9 leaves its server running on this directory
    LeftoverPostgres.stop(dir, properties.stopLeftoverServerWithin());
    EmbeddedPostgres.Builder builder =
        EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(false);
    if (properties.serverConfig() != null) {
      properties.serverConfig().forEach(builder::setServerConfig);
    }
    if (properties.port() > 0) {
      builder.setPort(properties.port());
    }
    EmbeddedPostgres postgres = builder.start();
    log.info("Embedded PostgreSQL on port {} with data in {}", postgres.getPort(), dir);
    return postgres;
  }

  @Bean(destroyMethod = "close")
  HikariDataSource dataSource(EmbeddedPostgres postgres) {
    HikariDataSource pool = new HikariDataSource();
    pool.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
    pool.setUsername("postgres");
    pool.setMaximumPoolSize(10);
    return pool;
  }
}
