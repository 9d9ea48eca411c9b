package org.guestjourney.tasklist;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.FlowElement;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/** Reads the packaged BPMN models for the human names of their elements. */
@Component
class ProcessModels {

  private final Map<String, String> names = new HashMap<>();

  ProcessModels() throws IOException {
    for (Resource resource :
        new PathMatchingResourcePatternResolver().getResources("classpath*:/bpmn/**/*.bpmn")) {
      try (InputStream in = resource.getInputStream()) {
        BpmnModelInstance model = Bpmn.readModelFromStream(in);
        for (FlowElement element : model.getModelElementsByType(FlowElement.class)) {
          if (element.getName() != null) {
            names.put(element.getId(), element.getName());
          }
        }
      }
    }
  }

  /** The element's label as drawn in the model, or its id. */
  String nameOf(String elementId) {
    return names.getOrDefault(elementId, elementId);
  }
}
