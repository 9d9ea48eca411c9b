package org.guestjourney.modeler;

import static org.assertj.core.api.Assertions.assertThat;

import org.guestjourney.outbox.OutboxDispatcher;
import org.guestjourney.support.JourneyIntegrationTest;
import org.guestjourney.support.StartOrder;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The journey models are in the engine before the web server takes a booking and before the engine
 * outbox sends a start: Zeebe does not start a process from a message published before that process
 * was deployed, so a booking taken in that gap (or an outbox entry left from before a restart)
 * would have started no journey. The shared test context starts on an engine with an in-memory log,
 * that is, an empty engine, as on a first start.
 */
class ModelsBeforeTrafficTest extends JourneyIntegrationTest {

  @Autowired StartOrder startOrder;
  @Autowired OutboxDispatcher outbox;

  @Test
  void theModelsAreDeployedBeforeThePortOpensAndTheOutboxStartsAfterIt() {
    assertThat(startOrder.modelsDeployedWhenPortOpened())
        .as("models deployed when the web server opened its port")
        .isTrue();
    assertThat(startOrder.outboxRunningWhenPortOpened())
        .as("outbox running when the web server opened its port")
        .isFalse();
    assertThat(outbox.isRunning()).as("outbox running now").isTrue();
  }
}
