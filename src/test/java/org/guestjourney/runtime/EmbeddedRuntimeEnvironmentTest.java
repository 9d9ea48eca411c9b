package org.guestjourney.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** Which runtime the app picks from its configuration alone. */
class EmbeddedRuntimeEnvironmentTest {

  private StandardEnvironment environmentWith(Map<String, Object> variables) {
    StandardEnvironment environment = new StandardEnvironment();
    environment
        .getPropertySources()
        .remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
    environment
        .getPropertySources()
        .addLast(
            new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
    ConfigurationPropertySources.attach(environment);
    new EmbeddedRuntimeEnvironment().postProcessEnvironment(environment, new SpringApplication());
    return environment;
  }

  @Test
  void runsTheEmbeddedEngineWhenNoEngineAddressIsConfigured() {
    StandardEnvironment environment = environmentWith(Map.of());
    assertThat(environment.getProperty(EmbeddedRuntimeEnvironment.EMBEDDED_ENGINE))
        .isEqualTo("true");
    assertThat(environment.getProperty("camunda.client.grpc-address"))
        .isEqualTo("http://127.0.0.1:26500");
    assertThat(environment.getProperty("camunda.client.prefer-rest-over-grpc")).isEqualTo("false");
  }

  @Test
  void usesTheClusterNamedInTheEnvironmentAsDockerComposeSetsIt() {
    StandardEnvironment environment =
        environmentWith(Map.of("CAMUNDA_CLIENT_GRPCADDRESS", "http://camunda:26500"));
    assertThat(environment.getProperty(EmbeddedRuntimeEnvironment.EMBEDDED_ENGINE))
        .isEqualTo("false");
    assertThat(environment.getProperty("camunda.client.grpc-address"))
        .isEqualTo("http://camunda:26500");
  }

  @Test
  void picksAFreePortWhenAskedForPortZero() {
    StandardEnvironment environment =
        environmentWith(Map.of("GUESTJOURNEY_RUNTIME_EMBEDDEDENGINEPORT", "0"));
    int port = environment.getProperty(EmbeddedRuntimeEnvironment.ENGINE_PORT, Integer.class);
    assertThat(port).isPositive().isNotEqualTo(26500);
    assertThat(environment.getProperty("camunda.client.grpc-address"))
        .isEqualTo("http://127.0.0.1:" + port);
  }
}
