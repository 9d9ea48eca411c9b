package org.guestjourney.feedback;

import io.camunda.client.CamundaClient;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The feedback capability's one place that talks to the engine: its decision tables and the
 * recurring-problem process.
 */
@Component
class FeedbackEngine {

  private final CamundaClient client;

  FeedbackEngine(CamundaClient client) {
    this.client = client;
  }

  /** Evaluates the decision table {@code decisionId}; returns its output as JSON. */
  String evaluate(String decisionId, Map<String, Object> variables) {
    return client
        .newEvaluateDecisionCommand()
        .decisionId(decisionId)
        .variables(variables)
        .send()
        .join()
        .getDecisionOutput();
  }

  /** Starts the manager's recurring-problem process for the alert; returns its instance key. */
  long startRecurringProblem(long alertId) {
    return client
        .newCreateInstanceCommand()
        .bpmnProcessId(RecurringProblemJourney.PROCESS_ID)
        .latestVersion()
        .variables(Map.of("alertId", alertId))
        .send()
        .join()
        .getProcessInstanceKey();
  }
}
