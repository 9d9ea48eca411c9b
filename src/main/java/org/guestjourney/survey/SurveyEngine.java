package org.guestjourney.survey;

import io.camunda.client.CamundaClient;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The survey capability's one place that talks to the engine (its decision table). */
@Component
class SurveyEngine {

  private final CamundaClient client;

  SurveyEngine(CamundaClient client) {
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
}
