package org.guestjourney.tasklist;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientStatusException;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The one place that tells the engine a user task is done. Today user tasks are job-worker based
 * (complete = complete the job); moving to Camunda user tasks changes this class and {@link
 * UserTaskWorker} only.
 */
@Component
class TaskEngine {

  private final CamundaClient client;

  TaskEngine(CamundaClient client) {
    this.client = client;
  }

  /** Completes the task; false if the engine no longer has it (the journey moved on). */
  boolean complete(long jobKey, Map<String, Object> variables) {
    try {
      client.newCompleteCommand(jobKey).variables(variables).send().join();
      return true;
    } catch (ClientStatusException e) {
      if (e.getStatusCode() == io.grpc.Status.Code.NOT_FOUND) {
        return false;
      }
      throw e;
    }
  }
}
