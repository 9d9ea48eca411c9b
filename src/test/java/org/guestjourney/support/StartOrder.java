package org.guestjourney.support;

import org.guestjourney.modeler.JourneyModels;
import org.guestjourney.outbox.OutboxDispatcher;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.boot.web.servlet.context.ServletWebServerInitializedEvent;
import org.springframework.context.event.EventListener;

/**
 * What had started when the web server opened its port in the shared test context: the journey
 * models in the engine, and the engine outbox.
 */
@TestComponent
public class StartOrder {

  private final JourneyModels models;
  private final OutboxDispatcher outbox;
  private volatile Boolean modelsDeployedWhenPortOpened;
  private volatile Boolean outboxRunningWhenPortOpened;

  StartOrder(JourneyModels models, OutboxDispatcher outbox) {
    this.models = models;
    this.outbox = outbox;
  }

  @EventListener
  void portOpened(ServletWebServerInitializedEvent event) {
    modelsDeployedWhenPortOpened = models.packagedModelsDeployed();
    outboxRunningWhenPortOpened = outbox.isRunning();
  }

  /** Null if the port-opened event was never seen. */
  public Boolean modelsDeployedWhenPortOpened() {
    return modelsDeployedWhenPortOpened;
  }

  public Boolean outboxRunningWhenPortOpened() {
    return outboxRunningWhenPortOpened;
  }
}
