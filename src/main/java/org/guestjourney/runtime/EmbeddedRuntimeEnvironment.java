package org.guestjourney.runtime;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Decides, before any bean exists, whether the app runs on the embedded engine. When no engine
 * address is configured ({@code camunda.client.grpc-address} / {@code CAMUNDA_CLIENT_GRPCADDRESS}),
 * the embedded engine is used and the Camunda client is pointed at its gRPC gateway on localhost.
 */
public class EmbeddedRuntimeEnvironment implements EnvironmentPostProcessor, Ordered {

  public static final String EMBEDDED_ENGINE = "guest-journey.runtime.embedded-engine";
  public static final String ENGINE_PORT = "guest-journey.runtime.embedded-engine-port";

  /** Whether the embedded engine keeps its state and log across restarts (default: it does). */
  public static final String DURABLE_ENGINE = "guest-journey.runtime.engine.durable";

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    // bound the way Spring Boot binds them, so CAMUNDA_CLIENT_GRPCADDRESS counts too
    Binder binder = Binder.get(environment);
    boolean external =
        binder.bind("camunda.client.grpc-address", String.class).isBound()
            || binder.bind("camunda.client.rest-address", String.class).isBound()
            || binder.bind("camunda.client.mode", String.class).isBound();
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put(EMBEDDED_ENGINE, !external);
    if (!external) {
      int port = binder.bind(ENGINE_PORT, Integer.class).orElse(26500);
      if (port == 0) {
        port = freePort();
      }
      settings.put(ENGINE_PORT, port);
      settings.put("camunda.client.mode", "self-managed");
      settings.put("camunda.client.grpc-address", "http://127.0.0.1:" + port);
      settings.put("camunda.client.prefer-rest-over-grpc", false);
      settings.put("camunda.client.auth.method", "none");
    }
    environment
        .getPropertySources()
        .addFirst(new MapPropertySource("guestJourneyRuntime", settings));
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("No free port for the embedded engine", e);
    }
  }

  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }
}
