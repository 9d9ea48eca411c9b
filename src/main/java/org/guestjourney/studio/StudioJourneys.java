package org.guestjourney.studio;

import static org.guestjourney.persistence.JdbcTime.instant;

import io.camunda.client.api.response.Process;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.guestjourney.audit.AuditLog;
import org.guestjourney.modeler.JourneyModels;
import org.guestjourney.web.InvalidRequestException;
import org.guestjourney.web.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * What the studio does with journeys: lists the deployed ones, keeps a manager's draft, checks a
 * model with our rules and deploys it — refused while any error remains, recorded with who, when
 * and why in {@code journey_model} and the audit trail.
 */
@Service
public class StudioJourneys {

  /** Largest model accepted (the shipped ones are 20–40 KB). */
  static final int MAX_XML = 1_000_000;

  private final JdbcClient jdbc;
  private final JourneyModels models;
  private final JourneyChecks checks;
  private final AuditLog audit;
  private final Clock clock;

  StudioJourneys(
      JdbcClient jdbc, JourneyModels models, JourneyChecks checks, AuditLog audit, Clock clock) {
    this.jdbc = jdbc;
    this.models = models;
    this.checks = checks;
    this.audit = audit;
    this.clock = clock;
  }

  /** A journey as the studio lists it: its latest deployed version and any draft. */
  public record Journey(
      String processId,
      String name,
      String resourceName,
      int version,
      Instant deployedAt,
      String deployedBy,
      String origin,
      String comment,
      Instant draftSavedAt,
      String draftSavedBy) {}

  public List<Journey> list() {
    return jdbc.sql(
            """
            select distinct on (m.bpmn_process_id) m.bpmn_process_id, m.resource_name,
                   coalesce(v.number, m.version) as version,
                   coalesce(v.deployed_at, m.deployed_at) as deployed_at,
                   coalesce(v.deployed_by, m.deployed_by) as deployed_by,
                   coalesce(v.origin, m.origin) as origin,
                   coalesce(v.comment, m.comment) as comment, m.xml,
                   d.saved_at as draft_saved_at, d.saved_by as draft_saved_by
              from journey_model m left join journey_draft d using (bpmn_process_id)
              left join journey_version v on v.id = m.version_id
             order by m.bpmn_process_id, m.deployed_seq desc
            """)
        .query(
            (rs, row) ->
                new Journey(
                    rs.getString("bpmn_process_id"),
                    processName(rs.getString("xml"), rs.getString("bpmn_process_id")),
                    rs.getString("resource_name"),
                    rs.getInt("version"),
                    instant(rs, "deployed_at"),
                    rs.getString("deployed_by"),
                    rs.getString("origin"),
                    rs.getString("comment"),
                    instant(rs, "draft_saved_at"),
                    rs.getString("draft_saved_by")))
        .list();
  }

  public Journey journey(String processId) {
    return list().stream()
        .filter(j -> j.processId().equals(processId))
        .findFirst()
        .orElseThrow(() -> new NotFoundException("No journey " + processId));
  }

  /** The XML to edit: the draft if there is one, else the latest deployed version. */
  public String xml(String processId) {
    return draft(processId).orElseGet(() -> deployedXml(processId));
  }

  public String deployedXml(String processId) {
    return jdbc.sql(
            "select xml from journey_model where bpmn_process_id = ?"
                + " order by deployed_seq desc limit 1")
        .param(processId)
        .query(String.class)
        .optional()
        .orElseThrow(() -> new NotFoundException("No journey " + processId));
  }

  Optional<String> draft(String processId) {
    return jdbc.sql("select xml from journey_draft where bpmn_process_id = ?")
        .param(processId)
        .query(String.class)
        .optional();
  }

  /** Saves a draft (any state, even with errors: it is not running anywhere). */
  public void saveDraft(String processId, String xml, String by) {
    saveDraft(processId, xml, null, by);
  }

  /** Saves a draft with the manager's note on what they are changing. */
  public void saveDraft(String processId, String xml, String comment, String by) {
    Journey journey = journey(processId);
    requireSameProcess(processId, xml);
    jdbc.sql(
            """
            insert into journey_draft (bpmn_process_id, resource_name, xml, saved_by, saved_at,
              comment)
            values (?, ?, ?, ?, ?, ?)
            on conflict (bpmn_process_id) do update set xml = excluded.xml,
              saved_by = excluded.saved_by, saved_at = excluded.saved_at,
              comment = excluded.comment
            """)
        .params(
            processId,
            journey.resourceName(),
            xml,
            by,
            Timestamp.from(clock.instant()),
            comment == null || comment.isBlank() ? null : comment.strip())
        .update();
    audit.record(by, "CHANGE", "Saved a draft of journey " + processId, "journey", null, null, 200);
  }

  public void discardDraft(String processId, String by) {
    int removed =
        jdbc.sql("delete from journey_draft where bpmn_process_id = ?").param(processId).update();
    if (removed > 0) {
      audit.record(
          by, "CHANGE", "Discarded the draft of journey " + processId, "journey", null, null, 200);
    }
  }

  public List<ModelProblem> check(String processId, String xml) {
    List<ModelProblem> problems = checks.check(xml);
    if (problems.stream().noneMatch(ModelProblem::isError)) {
      String id =
          JourneyChecks.parse(xml)
              .getModelElementsByType(io.camunda.zeebe.model.bpmn.instance.Process.class)
              .iterator()
              .next()
              .getId();
      if (!id.equals(processId)) {
        return List.of(
            ModelProblem.error(
                null,
                "same-journey",
                "The process id is " + id + ", not " + processId + ": keep the journey's id"));
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
   * Deploys {@code xml} as the journey's next version if our rules find no error (a model the
   * engine rejects changes nothing); the draft is then removed.
   */
  public Deployment deploy(String processId, String xml, String comment, String by) {
    Journey journey = journey(processId);
    List<ModelProblem> problems = check(processId, xml);
    if (problems.stream().anyMatch(ModelProblem::isError)) {
      audit.record(
          by,
          "DEPLOY",
          "Deployment of journey " + processId + " refused: " + problems.size() + " problem(s)",
          "journey",
          null,
          null,
          422);
      return new Deployment(null, problems);
    }
    Map<String, Process> deployed;
    try {
      deployed =
          models.deploy(
              Map.of(journey.resourceName(), xml.getBytes(StandardCharsets.UTF_8)),
              JourneyModels.Origin.STUDIO,
              by,
              comment);
    } catch (RuntimeException e) {
      audit.record(
          by, "DEPLOY", "The engine refused journey " + processId, "journey", null, null, 422);
      return new Deployment(
          null,
          List.of(ModelProblem.error(null, "engine", "The engine refused it: " + e.getMessage())));
    }
    Process process = deployed.get(processId);
    int number =
        models.versions(processId).stream()
            .findFirst()
            .map(JourneyModels.Version::number)
            .orElse(process.getVersion());
    jdbc.sql("delete from journey_draft where bpmn_process_id = ?").param(processId).update();
    audit.record(
        by,
        "DEPLOY",
        "Deployed journey "
            + processId
            + " version "
            + number
            + (comment == null || comment.isBlank() ? "" : ": " + comment),
        "journey",
        null,
        null,
        200);
    return new Deployment(number, problems);
  }

  /** The journey's versions, the latest first (its history). */
  public List<JourneyModels.Version> versions(String processId) {
    journey(processId);
    return models.versions(processId);
  }

  /** One version's XML, or the draft's ({@code number} null). */
  public String versionXml(String processId, Integer number) {
    if (number == null) {
      return draft(processId)
          .orElseThrow(() -> new NotFoundException("No draft of journey " + processId));
    }
    return models
        .version(processId, number)
        .orElseThrow(() -> new NotFoundException("No version " + number + " of " + processId))
        .xml();
  }

  /**
   * Rolls the journey back to an earlier version: its XML is deployed again as a new version
   * (checked like any deployment; refused, it changes nothing), with the comment saying so.
   * Journeys already running keep their version.
   */
  public Deployment rollBack(String processId, int number, String comment, String by) {
    String xml = versionXml(processId, number);
    String why =
        "Rolled back to version "
            + number
            + (comment == null || comment.isBlank() ? "" : ": " + comment.strip());
    return deploy(processId, xml, why, by);
  }

  private static void requireSameProcess(String processId, String xml) {
    if (xml == null || xml.isBlank()) {
      throw InvalidRequestException.of("xml", "is required");
    }
    if (xml.length() > MAX_XML) {
      throw InvalidRequestException.of("xml", "is longer than " + MAX_XML + " characters");
    }
    BpmnModelInstance model;
    try {
      model = JourneyChecks.parse(xml);
    } catch (RuntimeException e) {
      throw InvalidRequestException.of("xml", "is not a BPMN model: " + e.getMessage());
    }
    var processes =
        model.getModelElementsByType(io.camunda.zeebe.model.bpmn.instance.Process.class);
    if (processes.size() != 1 || !processes.iterator().next().getId().equals(processId)) {
      throw InvalidRequestException.of("xml", "must hold the one process " + processId);
    }
  }

  private static String processName(String xml, String fallback) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("<bpmn:process[^>]*\\sname=\"([^\"]*)\"").matcher(xml);
    return m.find() ? org.springframework.web.util.HtmlUtils.htmlUnescape(m.group(1)) : fallback;
  }
}
