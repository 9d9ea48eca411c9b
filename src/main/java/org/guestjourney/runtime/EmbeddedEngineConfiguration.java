package org.guestjourney.runtime;

import io.camunda.zeebe.process.test.engine.RocksDbEngineFactory;
import io.camunda.zeebe.process.test.engine.RocksDbEngineFactory.RocksDbEngine;
import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

/**
 * The embedded default engine: the real Zeebe engine running in this JVM with a gRPC gateway on
 * localhost. The Camunda client reaches it like any other cluster. Its state is kept in RocksDB
 * (zeebe-db, as in a Zeebe broker) under {@code guest-journey.runtime.engine.directory}; its log is
 * in memory, so the state is started afresh on every start and {@link
 * org.guestjourney.journey.JourneyRestorer} rebuilds running journeys from PostgreSQL (see ADR
 * 0020).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = EmbeddedRuntimeEnvironment.EMBEDDED_ENGINE, havingValue = "true")
class EmbeddedEngineConfiguration {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedEngineConfiguration.class);

  /**
   * Settings of the embedded engine.
   *
   * @param directory where the engine keeps its RocksDB state; one running app per directory (a
   *     lock file says so), emptied at every start
   * @param memoryLimit RocksDB's block cache and write buffers together, outside the Java heap
   */
  @ConfigurationProperties("guest-journey.runtime.engine")
  record EmbeddedEngineProperties(
      @DefaultValue(".data/engine") Path directory, @DefaultValue("64MB") DataSize memoryLimit) {}

  @Bean(destroyMethod = "close")
  EngineDirectory engineDirectory(EmbeddedEngineProperties properties) throws IOException {
    return EngineDirectory.claim(properties.directory());
  }

  @Bean(destroyMethod = "stop")
  RocksDbEngine embeddedZeebeEngine(
      @Value("${" + EmbeddedRuntimeEnvironment.ENGINE_PORT + "}") int port,
      EngineDirectory directory,
      EmbeddedEngineProperties properties)
      throws IOException {
    RocksDbEngine engine =
        RocksDbEngineFactory.create(
            port, directory.freshState().toFile(), properties.memoryLimit().toBytes());
    engine.start();
    log.info(
        "Embedded Zeebe engine started with RocksDB state in {}; gRPC gateway at {}",
        directory.state(),
        engine.getGatewayAddress());
    return engine;
  }

  @Bean
  EmbeddedEngineHealth embeddedEngineHealthIndicator(RocksDbEngine engine) {
    return new EmbeddedEngineHealth(engine);
  }
}
