package org.guestjourney.studio;

import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.FlowNode;
import io.camunda.zeebe.model.bpmn.instance.SequenceFlow;
import io.camunda.zeebe.model.bpmn.instance.UserTask;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeAssignmentDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeFormDefinition;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.guestjourney.modeler.Feel;
import org.guestjourney.modeler.JourneyModel;
import org.springframework.stereotype.Component;

/**
 * What changed between two versions of a journey, in words a manager reads: steps and timers added,
 * removed or changed, e.g. {@code Day-before reminder: 1 day before arrival, 10:00 → 2 days before
 * arrival, 18:00}. Timer rules are put in words with the engine's FEEL and a sample stay's facts; a
 * rule that does not fit the usual shape is quoted.
 */
@Component
class JourneyDiff {

  /** One change: {@code added}, {@code removed} or {@code changed}, of a step or timer. */
  record Change(String kind, String elementId, String text) {}

  /** What a diff compares of an element: its kind, label and facts in words. */
  private record Element(String kind, String label, Map<String, String> facts) {}

  private static final Pattern MOMENT =
      Pattern.compile(
          "^date and time\\(date and time\\(date\\((\\w+)\\)\\s*(?:([-+])\\s*(duration\\(.*\\)))?"
              + "\\s*,\\s*(time\\([^()]*\\))\\)\\s*,\\s*timeZone\\)"
              + "(?:\\s*([-+])\\s*(duration\\(.*\\)))?$");

  private final Feel feel;
  private final JourneyChecks checks;

  private final org.guestjourney.web.StaffWords words;

  JourneyDiff(Feel feel, JourneyChecks checks, org.guestjourney.web.StaffWords words) {
    this.words = words;
    this.feel = feel;
    this.checks = checks;
  }

  List<Change> diff(String fromXml, String toXml) {
    Map<String, Element> from = elements(JourneyChecks.parse(fromXml));
    Map<String, Element> to = elements(JourneyChecks.parse(toXml));
    List<Change> changes = new ArrayList<>();
    for (var e : to.entrySet()) {
      Element before = from.get(e.getKey());
      Element after = e.getValue();
      if (before == null) {
        changes.add(
            new Change(
                "added", e.getKey(), words.say("diff.added", kind(after.kind()), describe(after))));
      } else if (!before.equals(after)) {
        List<String> parts = new ArrayList<>();
        if (!before.label().equals(after.label())) {
          parts.add(
              words.say("diff.name", words.label(before.label()), words.label(after.label())));
        }
        for (var fact : after.facts().entrySet()) {
          String was = before.facts().get(fact.getKey());
          if (!Objects.equals(was, fact.getValue())) {
            parts.add(
                (fact.getKey().equals("when") ? "" : fact(fact.getKey()) + " ")
                    + (was == null ? words.say("diff.none") : was)
                    + " → "
                    + (fact.getValue() == null ? words.say("diff.none") : fact.getValue()));
          }
        }
        for (var fact : before.facts().entrySet()) {
          if (!after.facts().containsKey(fact.getKey())) {
            parts.add(fact(fact.getKey()) + " " + fact.getValue() + " → " + words.say("diff.none"));
          }
        }
        changes.add(
            new Change(
                "changed",
                e.getKey(),
                words.label(after.label()) + ": " + String.join("; ", parts)));
      }
    }
    for (var e : from.entrySet()) {
      if (!to.containsKey(e.getKey())) {
        changes.add(
            new Change(
                "removed",
                e.getKey(),
                words.say("diff.removed", kind(e.getValue().kind()), describe(e.getValue()))));
      }
    }
    return changes;
  }

  private String describe(Element e) {
    String facts =
        e.facts().entrySet().stream()
            .filter(f -> f.getValue() != null)
            .map(
                f ->
                    f.getKey().equals("when")
                        ? f.getValue()
                        : fact(f.getKey()) + " " + f.getValue())
            .reduce((a, b) -> a + "; " + b)
            .orElse("");
    return words.say("diff.quoted", words.label(e.label()))
        + (facts.isEmpty() ? "" : " (" + facts + ")");
  }

  /** A kind of element in words: timer, step, task. */
  private String kind(String kind) {
    return words.sayOr("diff.kind." + kind, kind);
  }

  /** A fact's name in words (team, form, …); a model header's name as it is. */
  private String fact(String name) {
    return words.sayOr("diff.fact." + name, name);
  }

  private Map<String, Element> elements(BpmnModelInstance model) {
    Map<String, Object> sample = checks.sampleBooking();
    Map<String, Element> elements = new LinkedHashMap<>();
    for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
      String label = JourneyModel.label(node);
      var timer = JourneyModel.timerDate(node);
      if (timer.isPresent()) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("when", inWords(timer.get(), sample));
        elements.put(node.getId(), new Element("timer", timerLabel(node, label), facts));
      } else if (JourneyModel.jobType(node)
          .filter(JourneyChecks.SEND_GUEST_MESSAGE::equals)
          .isPresent()) {
        Map<String, String> facts = new LinkedHashMap<>(JourneyModel.headers(node));
        elements.put(node.getId(), new Element("step", label, facts));
      } else if (node instanceof UserTask) {
        Map<String, String> facts = new LinkedHashMap<>();
        ZeebeAssignmentDefinition a =
            node.getSingleExtensionElement(ZeebeAssignmentDefinition.class);
        ZeebeFormDefinition f = node.getSingleExtensionElement(ZeebeFormDefinition.class);
        facts.put("team", a == null ? null : a.getCandidateGroups());
        facts.put("form", f == null ? null : f.getFormKey());
        elements.put(node.getId(), new Element("task", label, facts));
      } else if (JourneyModel.jobType(node).isPresent()) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("does", JourneyModel.jobType(node).get());
        elements.put(node.getId(), new Element("step", label, facts));
      }
    }
    return elements;
  }

  /** A timer is named after the step it leads to, when it leads to one. */
  private String timerLabel(FlowNode timer, String label) {
    for (SequenceFlow out : timer.getOutgoing()) {
      FlowNode target = out.getTarget();
      if (JourneyModel.jobType(target)
          .filter(JourneyChecks.SEND_GUEST_MESSAGE::equals)
          .isPresent()) {
        String step = JourneyModel.label(target).replaceFirst("^Send ", "");
        return words.say(
            "diff.timer",
            words.label(Character.toUpperCase(step.charAt(0)) + step.substring(1)),
            words.label(label));
      }
    }
    return label;
  }

  /**
   * A timer rule in words, e.g. {@code 1 day before arrival, 10:00}: the usual shape (a day
   * relative to arrival or departure, at a time, in the house's zone, maybe plus a duration) with
   * its parts evaluated for a sample stay; anything else quoted as it is.
   */
  String inWords(String expression, Map<String, Object> sample) {
    String text = expression.strip().replaceFirst("^=", "").strip();
    Matcher m = MOMENT.matcher(text);
    if (!m.matches()) {
      return "\"" + text + "\"";
    }
    String day =
        switch (m.group(1)) {
          case "arrivalDate" -> words.say("diff.day.arrival");
          case "departureDate" -> words.say("diff.day.departure");
          default -> m.group(1);
        };
    String when;
    if (m.group(2) == null) {
      when = words.say("diff.on", day);
    } else {
      Object d = feel.evaluate(m.group(3), sample).value();
      if (!(d instanceof java.time.Period) && !(d instanceof Duration)) {
        return "\"" + text + "\"";
      }
      long days = d instanceof java.time.Period p ? p.toTotalMonths() * 30 + p.getDays() : 0;
      if (d instanceof Duration du) {
        days = du.toDays();
      }
      when =
          words.say(
              "diff."
                  + (m.group(2).equals("-") ? "before" : "after")
                  + (days == 1 ? ".one" : ".many"),
              String.valueOf(days),
              day);
    }
    Object time = feel.evaluate(m.group(4), sample).value();
    if (!(time instanceof LocalTime t)) {
      return "\"" + text + "\"";
    }
    String result =
        words.say("diff.at", when, String.valueOf(t))
            + (m.group(4).contains("\"") ? "" : words.say("diff.housesetting"));
    if (m.group(5) != null) {
      Object extra = feel.evaluate(m.group(6), sample).value();
      if (extra instanceof Duration du) {
        result += (m.group(5).equals("+") ? " + " : " − ") + words(du);
      } else {
        return "\"" + text + "\"";
      }
    }
    return result;
  }

  private String words(Duration d) {
    if (d.toMinutes() % 60 != 0) {
      return words.say("diff.minutes", String.valueOf(d.toMinutes()));
    }
    long h = d.toHours();
    return words.say(h == 1 ? "diff.hour" : "diff.hours", String.valueOf(h));
  }
}
