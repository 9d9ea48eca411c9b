package org.guestjourney.conversation;

import io.camunda.client.CamundaClient;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The guest-reply process in the engine: the capability's one place that talks to it. */
@Component
class ConversationEngine {

  private final CamundaClient client;

  ConversationEngine(CamundaClient client) {
    this.client = client;
  }

  /** Starts the process that gets a guest's message answered; returns its instance key. */
  long start(long bookingId, long inboundMessageId, Instant replyDueAt) {
    return client
        .newCreateInstanceCommand()
        .bpmnProcessId(ConversationService.PROCESS_ID)
        .latestVersion()
        .variables(
            Map.of(
                "bookingId", bookingId,
                "inboundMessageId", inboundMessageId,
                "replyDueAt", DateTimeFormatter.ISO_INSTANT.format(replyDueAt)))
        .send()
        .join()
        .getProcessInstanceKey();
  }
}
