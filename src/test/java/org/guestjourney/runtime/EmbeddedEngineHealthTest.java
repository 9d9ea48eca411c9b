package org.guestjourney.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.process.test.engine.RocksDbEngineFactory.RocksDbEngine;
import io.camunda.zeebe.stream.impl.StreamProcessor;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.UUID;
import org.guestjourney.support.StandaloneApp;
import org.guestjourney.support.TestMailServer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthComponent;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.Status;
import org.springframework.context.ConfigurableApplicationContext;

/** The app says when its embedded engine is no longer working, and why. */
class EmbeddedEngineHealthTest {

  @Test
  void healthTurnsDownWithTheReasonWhenTheEmbeddedEngineStops() throws Exception {
    Path dir = Path.of("target/test-data/engine-health-" + UUID.randomUUID());
    try (ConfigurableApplicationContext app = StandaloneApp.start(dir, TestMailServer.port())) {
      HealthEndpoint health = app.getBean(HealthEndpoint.class);
      assertThat(health.healthForPath("embeddedEngine").getStatus()).isEqualTo(Status.UP);

      // the engine's stream processor dies; its gateway (and so the client) stays up
      streamProcessorOf(app.getBean(RocksDbEngine.class)).closeAsync().join();

      HealthComponent engine = health.healthForPath("embeddedEngine");
      assertThat(engine.getStatus()).isEqualTo(Status.DOWN);
      assertThat(engine).isInstanceOf(Health.class);
      assertThat(((Health) engine).getDetails())
          .containsEntry("status", "DEAD")
          .containsEntry("reason", "the engine's stream processor is closed");
      assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
    }
  }

  private static StreamProcessor streamProcessorOf(RocksDbEngine engine) throws Exception {
    Field field = RocksDbEngine.class.getDeclaredField("streamProcessor");
    field.setAccessible(true);
    return (StreamProcessor) field.get(engine);
  }
}
