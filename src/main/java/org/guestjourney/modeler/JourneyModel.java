package org.guestjourney.modeler;

import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.BaseElement;
import io.camunda.zeebe.model.bpmn.instance.BoundaryEvent;
import io.camunda.zeebe.model.bpmn.instance.ErrorEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.FlowElement;
import io.camunda.zeebe.model.bpmn.instance.FlowNode;
import io.camunda.zeebe.model.bpmn.instance.Process;
import io.camunda.zeebe.model.bpmn.instance.SequenceFlow;
import io.camunda.zeebe.model.bpmn.instance.StartEvent;
import io.camunda.zeebe.model.bpmn.instance.SubProcess;
import io.camunda.zeebe.model.bpmn.instance.TimerEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeHeader;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskHeaders;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

/**
 * One deployed version of a journey's BPMN, read the way the engine reads it: elements, their job
 * types and headers, the timer that leads to a step, and the errors a step's surroundings catch.
 */
public final class JourneyModel {

  private final String processId;
  private final int version;
  private final BpmnModelInstance model;

  JourneyModel(String processId, int version, BpmnModelInstance model) {
    this.processId = processId;
    this.version = version;
    this.model = model;
  }

  public String processId() {
    return processId;
  }

  public int version() {
    return version;
  }

  public Process process() {
    return memo(
        "process",
        () ->
            model.getModelElementsByType(Process.class).stream()
                .filter(p -> p.getId().equals(processId))
                .findFirst()
                .orElseThrow());
  }

  /**
   * What this model says of one of its elements, worked out once: a stay's plan and every send step
   * ask the same questions of the same model for every stay, and the answers (found by walking the
   * XML) never change — a model version is never edited, a new one is deployed. Kept with the
   * model, so a draft's answers go when the draft does.
   */
  private final java.util.concurrent.ConcurrentHashMap<String, Object> answers =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** {@code answer} to a question about the whole model, worked out once (see {@link #answers}). */
  @SuppressWarnings("unchecked")
  public <T> T memo(String question, java.util.function.Supplier<T> answer) {
    Object known = answers.get(question);
    if (known == null) {
      known = answer.get();
      answers.put(question, known);
    }
    return (T) known;
  }

  /** {@code answer} for {@code node} of this model, worked out once (see {@link #answers}). */
  public <T> T memo(FlowNode node, String question, java.util.function.Supplier<T> answer) {
    return memo(node.getId() + "\u0000" + question, answer);
  }

  /** {@link #jobType} of one of this model's elements, worked out once. */
  public Optional<String> jobTypeOf(FlowNode node) {
    return memo(node, "jobType", () -> jobType(node));
  }

  /** {@link #timerDate} of one of this model's elements, worked out once. */
  public Optional<String> timerDateOf(FlowNode node) {
    return memo(node, "timerDate", () -> timerDate(node));
  }

  /** {@link #timerBefore} of one of this model's elements, worked out once. */
  public Optional<FlowNode> timerBeforeOf(FlowNode node) {
    return memo(node, "timerBefore", () -> timerBefore(node));
  }

  /** The flows leaving one of this model's elements, looked up once. */
  public List<SequenceFlow> outgoingOf(FlowNode node) {
    return memo(node, "outgoing", () -> List.copyOf(node.getOutgoing()));
  }

  /**
   * Whether the process reaches {@code node} from its start only on ways without a timer date: a
   * stay's plan then puts it at the journey's own start (the booking confirmation right after the
   * booking), and no plan has to be walked to know its moment. False when any way to it passes a
   * timer date, or a subprocess with one, and for an element no way reaches (a boundary event's
   * path). Worked out once per model version.
   */
  public boolean reachedWithoutTimer(FlowNode node) {
    return memo(
            "\u0000reached without a timer",
            () -> {
              java.util.Set<String> untimed = new java.util.HashSet<>();
              java.util.Set<String> timed = new java.util.HashSet<>();
              for (StartEvent start : process().getChildElementsByType(StartEvent.class)) {
                reach(start, false, untimed, timed);
              }
              untimed.removeAll(timed);
              return java.util.Set.copyOf(untimed);
            })
        .contains(node.getId());
  }

  /** The ways on from {@code node}, marking what is reached before and after a timer date. */
  private void reach(
      FlowNode node,
      boolean afterTimer,
      java.util.Set<String> untimed,
      java.util.Set<String> timed) {
    boolean after = afterTimer || timerDateOf(node).isPresent();
    if (!(after ? timed : untimed).add(node.getId())) {
      return;
    }
    if (node instanceof SubProcess sub && !sub.triggeredByEvent()) {
      for (StartEvent start : sub.getChildElementsByType(StartEvent.class)) {
        reach(start, after, untimed, timed);
      }
      // the process goes on after the subprocess's last moment
      after =
          after
              || sub.getChildElementsByType(FlowNode.class).stream()
                  .anyMatch(n -> n instanceof SubProcess || timerDateOf(n).isPresent());
    }
    for (SequenceFlow out : outgoingOf(node)) {
      reach(out.getTarget(), after, untimed, timed);
    }
  }

  /** {@link #catchesError} for one of this model's elements, worked out once. */
  public boolean catchesErrorOf(FlowNode node, String code) {
    return memo(node, "catches\u0000" + code, () -> catchesError(node, code));
  }

  public Optional<FlowNode> node(String elementId) {
    ModelElementInstance e = model.getModelElementById(elementId);
    return e instanceof FlowNode n ? Optional.of(n) : Optional.empty();
  }

  /** The element's name as the diagram shows it, or its id when it has none. */
  public static String label(BaseElement element) {
    String name = element instanceof FlowElement f ? f.getName() : null;
    return name == null || name.isBlank() ? element.getId() : name.replaceAll("\\s+", " ").strip();
  }

  public static Optional<String> jobType(FlowNode node) {
    ZeebeTaskDefinition def = node.getSingleExtensionElement(ZeebeTaskDefinition.class);
    return def == null ? Optional.empty() : Optional.ofNullable(def.getType());
  }

  /** The step's headers with a value (an empty header is left out). */
  public static Map<String, String> headers(FlowNode node) {
    Map<String, String> headers = new LinkedHashMap<>();
    ZeebeTaskHeaders h = node.getSingleExtensionElement(ZeebeTaskHeaders.class);
    if (h != null) {
      for (ZeebeHeader header : h.getHeaders()) {
        // a header left empty (an optional field of the element template) is no header
        if (header.getKey() != null && header.getValue() != null && !header.getValue().isBlank()) {
          headers.put(header.getKey(), header.getValue());
        }
      }
    }
    return headers;
  }

  /** Every element of this journey (also inside subprocesses) whose job type is {@code type}. */
  public List<FlowNode> nodesOfJobType(String type) {
    return memo(
        "nodesOfJobType\u0000" + type,
        () -> {
          List<FlowNode> found = new ArrayList<>();
          for (FlowNode n : model.getModelElementsByType(FlowNode.class)) {
            if (jobType(n).filter(type::equals).isPresent()) {
              found.add(n);
            }
          }
          return List.copyOf(found);
        });
  }

  /** The date expression of a timer event, if {@code node} is one (time date, not duration). */
  public static Optional<String> timerDate(FlowNode node) {
    if (!(node instanceof io.camunda.zeebe.model.bpmn.instance.CatchEvent event)) {
      return Optional.empty();
    }
    return event.getEventDefinitions().stream()
        .filter(TimerEventDefinition.class::isInstance)
        .map(TimerEventDefinition.class::cast)
        .filter(t -> t.getTimeDate() != null)
        .map(t -> t.getTimeDate().getTextContent())
        .findFirst();
  }

  /**
   * The timer that the process waits on right before {@code node}: the source of its incoming flow,
   * when that is a timer event with a date. A step with no such timer is due when reached. The
   * timer of a held message's way back into its own step (boundary event on the step → timer →
   * step) does not count: the step was due at its first moment.
   */
  public static Optional<FlowNode> timerBefore(FlowNode node) {
    List<FlowNode> timers = new ArrayList<>();
    int ways = 0;
    for (SequenceFlow in : node.getIncoming()) {
      FlowNode source = in.getSource();
      if (isWayBack(source, node)) {
        continue;
      }
      ways++;
      if (timerDate(source).isPresent()) {
        timers.add(source);
      }
    }
    return ways == 1 && timers.size() == 1 ? Optional.of(timers.getFirst()) : Optional.empty();
  }

  /** Whether {@code source} is only reached from a boundary event attached to {@code step}. */
  private static boolean isWayBack(FlowNode source, FlowNode step) {
    Collection<SequenceFlow> in = source.getIncoming();
    return !in.isEmpty()
        && in.stream()
            .allMatch(f -> f.getSource() instanceof BoundaryEvent b && b.getAttachedTo() == step);
  }

  /**
   * Whether a BPMN error with {@code code} thrown by {@code node}'s job is caught: by an error
   * boundary event on it or on an enclosing subprocess, or by an error event subprocess around it.
   */
  public static boolean catchesError(FlowNode node, String code) {
    ModelElementInstance scope = node;
    while (scope instanceof FlowNode current) {
      for (BoundaryEvent b :
          current.getModelInstance().getModelElementsByType(BoundaryEvent.class)) {
        if (b.getAttachedTo() == current && catches(b, code)) {
          return true;
        }
      }
      ModelElementInstance parent = current.getParentElement();
      if (parent instanceof SubProcess || parent instanceof Process) {
        for (ModelElementInstance child : parent.getChildElementsByType(SubProcess.class)) {
          SubProcess sub = (SubProcess) child;
          if (sub.triggeredByEvent()) {
            for (StartEvent start : sub.getChildElementsByType(StartEvent.class)) {
              if (catches(start, code)) {
                return true;
              }
            }
          }
        }
      }
      scope = parent;
    }
    return false;
  }

  private static boolean catches(
      io.camunda.zeebe.model.bpmn.instance.CatchEvent event, String code) {
    return event.getEventDefinitions().stream()
        .filter(ErrorEventDefinition.class::isInstance)
        .map(ErrorEventDefinition.class::cast)
        .anyMatch(e -> e.getError() == null || code.equals(e.getError().getErrorCode()));
  }
}
