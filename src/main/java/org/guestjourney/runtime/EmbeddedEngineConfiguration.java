package org.guestjourney.runtime;

import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.process.test.engine.EngineFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The embedded default engine: the real Zeebe engine running in this JVM with a gRPC gateway on
 * localhost. The Camunda client reaches it like any other cluster. Its state lives in memory only;
 * {@link org.guestjourney.journey.JourneyRestorer} rebuilds running journeys from PostgreSQL on
 * start.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = EmbeddedRuntimeEnvironment.EMBEDDED_ENGINE, havingValue = "true")
class EmbeddedEngineConfiguration {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedEngineConfiguration.class);

  @Bean(destroyMethod = "stop")
  ZeebeTestEngine embeddedZeebeEngine(
      @Value("${" + EmbeddedRuntimeEnvironment.ENGINE_PORT + "}") int port) {
    ZeebeTestEngine engine = EngineFactory.create(port);
    engine.start();
    log.info("Embedded Zeebe engine started; gRPC gateway at {}", engine.getGatewayAddress());
    return engine;
  }
}
