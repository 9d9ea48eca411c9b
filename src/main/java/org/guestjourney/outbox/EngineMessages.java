package org.guestjourney.outbox;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientStatusException;
import java.time.Duration;
import java.util.Map;

/**
 * Publishing a message that must count once: with a message id, the engine takes a second one with
 * the same name, correlation key and id (a retried outbox entry, a replica that died after the
 * engine took the first) as the same message and answers {@code ALREADY_EXISTS}, which is success
 * here. Journeys that start on such a message start once (ADR 0023).
 */
public final class EngineMessages {

  private EngineMessages() {}

  /** Publishes {@code name} for {@code correlationKey} with the id {@code name/correlationKey}. */
  public static void publishOnce(
      CamundaClient client,
      String name,
      String correlationKey,
      Duration timeToLive,
      Map<String, Object> variables) {
    publishOnce(client, name, correlationKey, name + "/" + correlationKey, timeToLive, variables);
  }

  /** Publishes {@code name} for {@code correlationKey} with the given message id. */
  public static void publishOnce(
      CamundaClient client,
      String name,
      String correlationKey,
      String messageId,
      Duration timeToLive,
      Map<String, Object> variables) {
    try {
      client
          .newPublishMessageCommand()
          .messageName(name)
          .correlationKey(correlationKey)
          .messageId(messageId)
          .timeToLive(timeToLive)
          .variables(variables)
          .send()
          .join();
    } catch (ClientStatusException e) {
      if (e.getStatusCode() != io.grpc.Status.Code.ALREADY_EXISTS) {
        throw e;
      }
      // published already (an earlier attempt reached the engine): the same id is one message
    }
  }
}
