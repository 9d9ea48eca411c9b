package org.guestjourney.support;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.zeebe.dmn.DecisionEngine;
import io.camunda.zeebe.dmn.DecisionEngineFactory;
import io.camunda.zeebe.dmn.DecisionEvaluationResult;
import io.camunda.zeebe.dmn.ParsedDecisionRequirementsGraph;
import io.camunda.zeebe.dmn.impl.VariablesContext;
import io.camunda.zeebe.protocol.impl.encoding.MsgPackConverter;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Evaluates a DMN table from {@code bpmn/} on its own, with the engine's own DMN engine. */
public final class DecisionTables {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final DecisionEngine engine = DecisionEngineFactory.createDecisionEngine();
  private final ParsedDecisionRequirementsGraph graph;

  public DecisionTables(String file) throws Exception {
    try (InputStream in = Files.newInputStream(Path.of("bpmn", file))) {
      graph = engine.parse(in);
    }
    if (!graph.isValid()) {
      throw new IllegalStateException(file + " is not valid DMN: " + graph.getFailureMessage());
    }
  }

  /** The decision's result: a plain value for a single output, else a map of the outputs. */
  public Object evaluate(String decisionId, Map<String, Object> inputs) throws Exception {
    DecisionEvaluationResult result =
        engine.evaluateDecisionById(graph, decisionId, new VariablesContext(inputs));
    if (result.isFailure()) {
      throw new AssertionError(result.getFailureMessage());
    }
    return JSON.readValue(MsgPackConverter.convertToJson(result.getOutput()), Object.class);
  }

  /** The outputs of a decision with several outputs, by name. */
  public Map<String, Object> evaluateOutputs(String decisionId, Map<String, Object> inputs)
      throws Exception {
    return JSON.convertValue(
        evaluate(decisionId, inputs), new TypeReference<Map<String, Object>>() {});
  }
}
