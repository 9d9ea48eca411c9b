package org.guestjourney.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.Topology;
import io.camunda.zeebe.process.test.engine.RocksDbEngineFactory.RocksDbEngine;
import java.net.URI;
import java.time.Duration;
import org.guestjourney.support.JourneyIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * On the embedded engine the app's Camunda client is the one on the in-process channel (ADR 0081):
 * it is what every bean that asks for a client gets, and it reaches the engine; the gateway's TCP
 * port still answers clients outside the JVM (Camunda Modeler, zbctl).
 */
class InProcessClientTest extends JourneyIntegrationTest {

  @Autowired ApplicationContext context;
  @Autowired CamundaClient client;
  @Autowired RocksDbEngine embeddedEngine;

  @Test
  void theAppsClientIsTheInProcessOneAndThePortStillServesOthers() {
    assertThat(client).isSameAs(context.getBean("inProcessCamundaClient"));
    assertThat(context.getBean(CamundaClient.class)).isSameAs(client);
    Topology inside =
        client.newTopologyRequest().send().join(30, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(inside.getBrokers()).hasSize(1);

    try (CamundaClient outside =
        CamundaClient.newClientBuilder()
            .grpcAddress(URI.create("http://" + embeddedEngine.getGatewayAddress()))
            .restAddress(URI.create("http://127.0.0.1:1"))
            .preferRestOverGrpc(false)
            .defaultRequestTimeout(Duration.ofSeconds(30))
            .build()) {
      assertThat(outside.newTopologyRequest().send().join().getBrokers()).hasSize(1);
    }
  }
}
