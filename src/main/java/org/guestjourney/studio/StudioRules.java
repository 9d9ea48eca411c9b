package org.guestjourney.studio;

import static org.guestjourney.persistence.JdbcTime.instant;

import io.camunda.zeebe.dmn.DecisionEngine;
import io.camunda.zeebe.dmn.DecisionEngineFactory;
import io.camunda.zeebe.dmn.DecisionEvaluationResult;
import io.camunda.zeebe.dmn.ParsedDecisionRequirementsGraph;
import io.camunda.zeebe.dmn.impl.VariablesContext;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.guestjourney.audit.AuditLog;
import org.guestjourney.modeler.JourneyModels;
import org.guestjourney.web.InvalidRequestException;
import org.guestjourney.web.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The studio's decision tables (DMN): listed in words, edited as drafts, checked on the server and
 * deployed with who, when and why in {@code decision_model} and the audit trail. A check parses the
 * table with the engine's own DMN engine, evaluates every rule with the sample inputs it names, and
 * refuses a table whose decisions, hit policy, inputs or outputs are no longer those the journeys
 * and the app call (ADR 0074).
 */
@Service
public class StudioRules {

  static final String KIND = "rules";
  static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,60}");
  private static final Pattern LITERAL =
      Pattern.compile("\"[^\"]*\"|-?[0-9]+(\\.[0-9]+)?|true|false");

  private final JdbcClient jdbc;
  private final JourneyModels models;
  private final StudioDrafts drafts;
  private final AuditLog audit;
  private final DecisionEngine engine = DecisionEngineFactory.createDecisionEngine();

  StudioRules(JdbcClient jdbc, JourneyModels models, StudioDrafts drafts, AuditLog audit) {
    this.jdbc = jdbc;
    this.models = models;
    this.drafts = drafts;
    this.audit = audit;
  }

  /** One decision of a table, in words. */
  public record Decision(
      String id,
      String name,
      String description,
      String hitPolicy,
      List<String> inputs,
      List<String> outputs,
      int rules) {}

  /** A decision table file as the studio lists it: its latest version and any draft. */
  public record RuleTable(
      String name,
      String title,
      List<Decision> decisions,
      int version,
      Instant deployedAt,
      String deployedBy,
      String origin,
      String comment,
      Instant draftSavedAt,
      String draftSavedBy) {}

  public List<RuleTable> list() {
    return jdbc.sql(
            """
            select distinct on (resource_name) resource_name, xml, version, deployed_at,
                   deployed_by, origin, comment
              from decision_model order by resource_name, deployed_seq desc
            """)
        .query(
            (rs, row) -> {
              String name = rs.getString("resource_name").replaceFirst("\\.dmn$", "");
              var draft = drafts.find(KIND, name);
              Document dmn = parse(rs.getString("xml"));
              return new RuleTable(
                  name,
                  dmn.getDocumentElement().getAttribute("name"),
                  decisions(dmn),
                  rs.getInt("version"),
                  instant(rs, "deployed_at"),
                  rs.getString("deployed_by"),
                  rs.getString("origin"),
                  rs.getString("comment"),
                  draft.map(StudioDrafts.Draft::savedAt).orElse(null),
                  draft.map(StudioDrafts.Draft::savedBy).orElse(null));
            })
        .list();
  }

  public RuleTable table(String name) {
    return list().stream()
        .filter(t -> t.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new NotFoundException("No decision table " + name));
  }

  public String deployedXml(String name) {
    return jdbc.sql(
            "select xml from decision_model where resource_name = ?"
                + " order by deployed_seq desc limit 1")
        .param(name + ".dmn")
        .query(String.class)
        .optional()
        .orElseThrow(() -> new NotFoundException("No decision table " + name));
  }

  /** The XML to edit: the draft if there is one, else the version deployed last. */
  public String xml(String name) {
    return drafts
        .find(KIND, name)
        .map(StudioDrafts.Draft::content)
        .orElseGet(() -> deployedXml(name));
  }

  public boolean hasDraft(String name) {
    return drafts.find(KIND, name).isPresent();
  }

  public void saveDraft(String name, String xml, String by) {
    table(name);
    requireXml(xml);
    try {
      parse(xml);
    } catch (RuntimeException e) {
      throw InvalidRequestException.of("xml", "is not a DMN file: " + e.getMessage());
    }
    drafts.save(KIND, name, xml, by);
    audit.record(by, "CHANGE", "Saved a draft of decision table " + name, "rules", null, null, 200);
  }

  public void discardDraft(String name, String by) {
    if (drafts.remove(KIND, name)) {
      audit.record(
          by, "CHANGE", "Discarded the draft of decision table " + name, "rules", null, null, 200);
    }
  }

  /** Our checks of an edited table against the version deployed now. */
  public List<ModelProblem> check(String name, String xml) {
    String deployed = deployedXml(name);
    List<ModelProblem> problems = new ArrayList<>();
    Document edited;
    try {
      edited = parse(xml);
    } catch (RuntimeException e) {
      return List.of(ModelProblem.error(null, "dmn", "This is not a DMN file: " + e.getMessage()));
    }
    ParsedDecisionRequirementsGraph graph =
        engine.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    if (!graph.isValid()) {
      return List.of(
          ModelProblem.error(
              null, "dmn", "The engine cannot read this table: " + graph.getFailureMessage()));
    }
    Map<String, Element> now = byId(edited);
    for (Element before : byId(parse(deployed)).values()) {
      String id = before.getAttribute("id");
      String label = before.getAttribute("name").isBlank() ? id : before.getAttribute("name");
      Element after = now.get(id);
      if (after == null) {
        problems.add(
            ModelProblem.error(
                id,
                "same-decisions",
                "Decision \""
                    + label
                    + "\" ("
                    + id
                    + ") is called by the"
                    + " journeys or the app: keep it, with its id"));
        continue;
      }
      Element tableBefore = child(before, "decisionTable");
      Element tableAfter = child(after, "decisionTable");
      if (tableBefore == null || tableAfter == null) {
        continue;
      }
      if (!hitPolicy(tableBefore).equals(hitPolicy(tableAfter))) {
        problems.add(
            ModelProblem.error(
                id,
                "same-hit-policy",
                label
                    + ": the hit policy must stay "
                    + hitPolicy(tableBefore)
                    + " (the journeys read its result that way), not "
                    + hitPolicy(tableAfter)));
      }
      if (!inputs(tableBefore).equals(inputs(tableAfter))) {
        problems.add(
            ModelProblem.error(
                id,
                "same-inputs",
                label
                    + ": the inputs must stay "
                    + inputs(tableBefore)
                    + " (what the journeys give the table), not "
                    + inputs(tableAfter)));
      }
      if (!outputs(tableBefore).equals(outputs(tableAfter))) {
        problems.add(
            ModelProblem.error(
                id,
                "same-outputs",
                label
                    + ": the outputs must stay "
                    + outputs(tableBefore)
                    + " (what the journeys read), not "
                    + outputs(tableAfter)));
      }
      problems.addAll(checkRules(id, label, tableAfter, graph));
    }
    return problems;
  }

  /** Every rule's outputs within their listed values, and every rule evaluates on its inputs. */
  private List<ModelProblem> checkRules(
      String decisionId, String label, Element table, ParsedDecisionRequirementsGraph graph) {
    List<ModelProblem> problems = new ArrayList<>();
    List<Element> inputs = children(table, "input");
    List<Element> outputs = children(table, "output");
    for (Element rule : children(table, "rule")) {
      String ruleId = rule.getAttribute("id");
      List<Element> ins = children(rule, "inputEntry");
      List<Element> outs = children(rule, "outputEntry");
      for (int i = 0; i < Math.min(outs.size(), outputs.size()); i++) {
        Element values = child(outputs.get(i), "outputValues");
        String entry = text(outs.get(i)).strip();
        if (values != null && !entry.isEmpty()) {
          List<String> allowed =
              List.of(text(values).split("\\s*,\\s*")).stream().map(String::strip).toList();
          if (!allowed.contains(entry)) {
            problems.add(
                ModelProblem.error(
                    ruleId,
                    "output-values",
                    label
                        + ", rule "
                        + ruleId
                        + ": "
                        + outputs.get(i).getAttribute("name")
                        + " must be one of "
                        + String.join(", ", allowed)
                        + ", not "
                        + entry));
          }
        }
      }
      // a sample that matches the rule where its entries are plain values
      Map<String, Object> sample = new HashMap<>();
      for (int i = 0; i < Math.min(ins.size(), inputs.size()); i++) {
        String expression = text(child(inputs.get(i), "inputExpression")).strip();
        String entry = text(ins.get(i)).strip();
        if (expression.matches("[A-Za-z_][A-Za-z0-9_]*") && LITERAL.matcher(entry).matches()) {
          sample.put(expression, literal(entry));
        } else if (expression.matches("[A-Za-z_][A-Za-z0-9_]*")) {
          sample.putIfAbsent(expression, null);
        }
      }
      DecisionEvaluationResult result =
          engine.evaluateDecisionById(graph, decisionId, new VariablesContext(sample));
      if (result.isFailure()) {
        problems.add(
            ModelProblem.error(
                ruleId,
                "evaluates",
                label
                    + ", rule "
                    + ruleId
                    + " fails on "
                    + sample
                    + ": "
                    + result.getFailureMessage()));
      }
    }
    return problems;
  }

  /** The outcome of a deployment: the new version, or the problems that refused it. */
  public record Deployment(Integer version, List<ModelProblem> problems) {
    public boolean deployed() {
      return version != null;
    }
  }

  /**
   * Deploys {@code xml} as the table's next version if our checks find no error; a table the engine
   * refuses changes nothing. The draft is then removed.
   */
  public Deployment deploy(String name, String xml, String comment, String by) {
    table(name);
    requireXml(xml);
    List<ModelProblem> problems = check(name, xml);
    if (problems.stream().anyMatch(ModelProblem::isError)) {
      audit.record(
          by,
          "DEPLOY",
          "Deployment of decision table " + name + " refused: " + problems.size() + " problem(s)",
          "rules",
          null,
          null,
          422);
      return new Deployment(null, problems);
    }
    int version;
    try {
      version =
          models.deployDecisions(
              name + ".dmn", xml.getBytes(StandardCharsets.UTF_8), by, blank(comment));
    } catch (RuntimeException e) {
      audit.record(
          by, "DEPLOY", "The engine refused decision table " + name, "rules", null, null, 422);
      return new Deployment(
          null,
          List.of(ModelProblem.error(null, "engine", "The engine refused it: " + e.getMessage())));
    }
    drafts.remove(KIND, name);
    audit.record(
        by,
        "DEPLOY",
        "Deployed decision table "
            + name
            + " version "
            + version
            + (blank(comment) == null ? "" : ": " + comment),
        "rules",
        null,
        null,
        200);
    return new Deployment(version, problems);
  }

  static void requireXml(String xml) {
    if (xml == null || xml.isBlank()) {
      throw InvalidRequestException.of("xml", "is required");
    }
    if (xml.length() > StudioJourneys.MAX_XML) {
      throw InvalidRequestException.of(
          "xml", "is longer than " + StudioJourneys.MAX_XML + " characters");
    }
  }

  private static String blank(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  private static Object literal(String entry) {
    if (entry.startsWith("\"")) {
      return entry.substring(1, entry.length() - 1);
    }
    if (entry.equals("true") || entry.equals("false")) {
      return Boolean.valueOf(entry);
    }
    return new java.math.BigDecimal(entry);
  }

  static List<Decision> decisions(Document dmn) {
    List<Decision> list = new ArrayList<>();
    for (Element d : byId(dmn).values()) {
      Element table = child(d, "decisionTable");
      Element description = child(d, "description");
      list.add(
          new Decision(
              d.getAttribute("id"),
              d.getAttribute("name"),
              description == null ? "" : text(description).strip(),
              table == null ? "" : hitPolicy(table),
              table == null
                  ? List.of()
                  : children(table, "input").stream()
                      .map(
                          i ->
                              (i.getAttribute("label").isBlank()
                                      ? ""
                                      : i.getAttribute("label") + " ")
                                  + "("
                                  + text(child(i, "inputExpression")).strip()
                                  + ")")
                      .toList(),
              table == null
                  ? List.of()
                  : children(table, "output").stream()
                      .map(
                          o ->
                              (o.getAttribute("label").isBlank()
                                      ? ""
                                      : o.getAttribute("label") + " ")
                                  + "("
                                  + o.getAttribute("name")
                                  + ")")
                      .toList(),
              table == null ? 0 : children(table, "rule").size()));
    }
    return list;
  }

  private static String hitPolicy(Element table) {
    String policy = table.getAttribute("hitPolicy");
    String aggregation = table.getAttribute("aggregation");
    return (policy.isBlank() ? "UNIQUE" : policy)
        + (aggregation.isBlank() ? "" : " " + aggregation);
  }

  private static List<String> inputs(Element table) {
    return children(table, "input").stream()
        .map(i -> text(child(i, "inputExpression")).strip())
        .toList();
  }

  private static List<String> outputs(Element table) {
    return children(table, "output").stream()
        .map(o -> o.getAttribute("name") + ":" + Objects.toString(o.getAttribute("typeRef"), ""))
        .toList();
  }

  private static Map<String, Element> byId(Document dmn) {
    Map<String, Element> decisions = new LinkedHashMap<>();
    children(dmn.getDocumentElement(), "decision")
        .forEach(d -> decisions.put(d.getAttribute("id"), d));
    return decisions;
  }

  private static Element child(Element parent, String localName) {
    if (parent == null) {
      return null;
    }
    List<Element> found = children(parent, localName);
    return found.isEmpty() ? null : found.get(0);
  }

  private static List<Element> children(Element parent, String localName) {
    List<Element> found = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && localName.equals(e.getLocalName())) {
        found.add(e);
      }
    }
    return found;
  }

  private static String text(Element e) {
    if (e == null) {
      return "";
    }
    Element t = child(e, "text");
    return t == null ? e.getTextContent() : t.getTextContent();
  }

  static Document parse(String xml) {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setExpandEntityReferences(false);
      Document d =
          f.newDocumentBuilder()
              .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
      if (!"definitions".equals(d.getDocumentElement().getLocalName())) {
        throw new IllegalArgumentException("the root element is not <definitions>");
      }
      return d;
    } catch (IllegalArgumentException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }
}
