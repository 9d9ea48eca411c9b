package org.guestjourney.modeler;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.DeployResourceCommandStep1;
import io.camunda.client.api.response.DeploymentEvent;
import io.camunda.client.api.response.Process;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deploys journey models to the engine and remembers each deployed process version's XML, so the
 * app can read the very model a running journey follows.
 *
 * <p>At start the app deploys, in one deployment, the latest version it knows of every journey
 * (which may be a manager's, from the studio) and a packaged model file ({@code bpmn/} on the class
 * path) only when that file's content was never deployed before (ADR 0070). Against a cluster that
 * already has these versions the deployment changes nothing (the engine keeps one version per
 * distinct content); the embedded engine, which forgets its deployments when the app stops, gets
 * them back. Deployments of all replicas take one PostgreSQL advisory lock, so a replica starting
 * while a manager deploys cannot put an older version back on top.
 */
@Component
public class JourneyModels {

  private static final Logger log = LoggerFactory.getLogger(JourneyModels.class);

  /** Advisory lock key held while deploying (any replica). */
  private static final long DEPLOY_LOCK = 0x6a6f75726e6579L;

  private static final java.time.Duration DEPLOY_TIMEOUT = java.time.Duration.ofMinutes(1);

  /** Where a deployed version came from. */
  public enum Origin {
    /** a model file packaged with the app */
    PACKAGED,
    /** a manager deployed it in the studio */
    STUDIO,
    /** redeployed at start into an engine that had forgotten it */
    RESTORED;

    String column() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private record Provenance(Origin origin, String deployedBy, String comment) {}

  private final CamundaClient client;
  private final JdbcClient jdbc;
  private final Clock clock;
  private final TransactionTemplate tx;
  private final ModelerProperties properties;
  private final Map<Long, JourneyModel> byKey = new ConcurrentHashMap<>();

  /**
   * The latest deployed definition of each journey, as last read, and when: every send step and
   * every plan asks for it, a deployment changes it rarely. Read again after {@link
   * #LATEST_FRESH_FOR} (a deployment made through another replica) and at once after a deployment
   * through this one.
   */
  private final Map<String, Latest> latestKeys = new ConcurrentHashMap<>();

  private volatile boolean packagedModelsDeployed;

  /** How long the latest definition of a journey is taken as known without reading it again. */
  static final java.time.Duration LATEST_FRESH_FOR = java.time.Duration.ofSeconds(2);

  private record Latest(Optional<Long> key, long readAtNanos) {}

  JourneyModels(
      CamundaClient client,
      JdbcClient jdbc,
      Clock clock,
      TransactionTemplate tx,
      ModelerProperties properties) {
    this.client = client;
    this.jdbc = jdbc;
    this.clock = clock;
    this.tx = tx;
    this.properties = properties;
  }

  /**
   * Deploys the packaged models and restores the latest of every journey into the engine. Called
   * once at start by {@link ModelsFirst}, before the web server takes a request and before the
   * engine outbox sends anything.
   */
  void deployPackagedModels() throws IOException {
    Resource[] resources =
        new PathMatchingResourcePatternResolver().getResources(properties.packagedModels());
    Map<String, byte[]> packaged = new LinkedHashMap<>();
    Arrays.stream(resources)
        .filter(r -> r.getFilename() != null)
        .filter(r -> r.getFilename().endsWith(".bpmn") || r.getFilename().endsWith(".dmn"))
        .sorted(Comparator.comparing(Resource::getFilename))
        .forEach(r -> packaged.put(r.getFilename(), read(r)));
    tx.executeWithoutResult(
        status -> {
          lock();
          Map<String, byte[]> files = new LinkedHashMap<>();
          Map<String, Provenance> origins = new HashMap<>();
          // the latest version of every journey the app deployed: a manager's stays the latest
          jdbc.sql(
                  """
                  select distinct on (resource_name) resource_name, xml, deployed_by, comment
                    from journey_model order by resource_name, deployed_seq desc
                  """)
              .query(
                  (rs, row) -> {
                    files.put(
                        rs.getString("resource_name"),
                        rs.getString("xml").getBytes(StandardCharsets.UTF_8));
                    origins.put(
                        rs.getString("resource_name"),
                        new Provenance(
                            Origin.RESTORED, rs.getString("deployed_by"), rs.getString("comment")));
                    return null;
                  })
              .list();
          // the latest version of every decision table: a manager's stays the latest too
          Map<String, byte[]> decisions = latestDecisions();
          decisions.forEach(
              (name, xml) -> {
                files.put(name, xml);
                origins.put(name, new Provenance(Origin.RESTORED, null, null));
              });
          List<String> fresh = new ArrayList<>();
          for (var file : packaged.entrySet()) {
            String name = file.getKey();
            // a packaged file whose content was deployed before gives way to the version deployed
            // last (a manager's); a new content (fresh installation, new release) is deployed
            if (!files.containsKey(name) || !deployedBefore(name, file.getValue())) {
              files.put(name, file.getValue());
              origins.put(name, new Provenance(Origin.PACKAGED, null, null));
              fresh.add(name);
            }
          }
          deployLocked(files, origins::get);
          for (String name : fresh) {
            jdbc.sql(
                    """
                    insert into packaged_model (resource_name, checksum, first_deployed_at)
                    values (?, ?, ?) on conflict do nothing
                    """)
                .params(name, checksum(packaged.get(name)), Timestamp.from(clock.instant()))
                .update();
            if (name.endsWith(".dmn") && !Arrays.equals(decisions.get(name), packaged.get(name))) {
              recordDecision(name, packaged.get(name), Origin.PACKAGED, null, null);
            }
          }
          log.info(
              "Deployed {} journey model(s) and decision table(s); new or changed packaged"
                  + " models: {}",
              files.size(),
              fresh.isEmpty() ? "none" : String.join(", ", fresh));
        });
    latestKeys.clear();
    packagedModelsDeployed = true;
  }

  /** Whether this instance has deployed the packaged models since it started. */
  public boolean packagedModelsDeployed() {
    return packagedModelsDeployed;
  }

  private boolean deployedBefore(String resourceName, byte[] content) {
    return jdbc.sql("select 1 from packaged_model where resource_name = ? and checksum = ?")
        .params(resourceName, checksum(content))
        .query(Integer.class)
        .optional()
        .isPresent();
  }

  static String checksum(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private void lock() {
    jdbc.sql("select pg_advisory_xact_lock(?)").param(DEPLOY_LOCK).query(Object.class).list();
  }

  /**
   * Deploys BPMN and DMN files (name → content) in one deployment, as packaged models, and
   * remembers the processes' XML; returns the deployed processes by BPMN process id.
   */
  public Map<String, Process> deploy(Map<String, byte[]> files) {
    return deploy(files, Origin.PACKAGED, null, null);
  }

  /**
   * Deploys BPMN and DMN files (name → content) in one deployment and remembers the processes' XML
   * with where they came from, who deployed them and why; returns the deployed processes by BPMN
   * process id. A deployment the engine rejects records nothing.
   */
  public Map<String, Process> deploy(
      Map<String, byte[]> files, Origin origin, String deployedBy, String comment) {
    try {
      return tx.execute(
          status -> {
            lock();
            Provenance provenance = new Provenance(origin, deployedBy, comment);
            return deployLocked(files, name -> provenance);
          });
    } finally {
      latestKeys.clear(); // committed (or not): the next send or plan reads what is latest now
    }
  }

  private Map<String, Process> deployLocked(
      Map<String, byte[]> files, java.util.function.Function<String, Provenance> provenances) {
    if (files.isEmpty()) {
      return Map.of();
    }
    DeployResourceCommandStep1.DeployResourceCommandStep2 command = null;
    for (var file : files.entrySet()) {
      command =
          command == null
              ? client.newDeployResourceCommand().addResourceBytes(file.getValue(), file.getKey())
              : command.addResourceBytes(file.getValue(), file.getKey());
    }
    // a deployment of every journey is heavy for a busy engine: more time than a job command
    DeploymentEvent deployment = command.requestTimeout(DEPLOY_TIMEOUT).send().join();
    Map<String, Process> deployed = new LinkedHashMap<>();
    for (Process p : deployment.getProcesses()) {
      String xml = new String(files.get(p.getResourceName()), StandardCharsets.UTF_8);
      // A content the engine already had as its latest version keeps its first record. The
      // embedded engine starts its keys afresh at every start, so a known key with another
      // content is a new version of this engine: it replaces the stale record.
      jdbc.sql(
              """
              insert into journey_model (process_definition_key, bpmn_process_id, version,
                resource_name, xml, deployed_at, origin, deployed_by, comment)
              values (?, ?, ?, ?, ?, ?, ?, ?, ?)
              on conflict (process_definition_key) do update
                set bpmn_process_id = excluded.bpmn_process_id, version = excluded.version,
                    resource_name = excluded.resource_name, xml = excluded.xml,
                    deployed_at = excluded.deployed_at, origin = excluded.origin,
                    deployed_by = excluded.deployed_by, comment = excluded.comment,
                    deployed_seq = default
                where journey_model.xml <> excluded.xml
                   or journey_model.bpmn_process_id <> excluded.bpmn_process_id
                   or journey_model.version <> excluded.version
              """)
          .params(
              p.getProcessDefinitionKey(),
              p.getBpmnProcessId(),
              p.getVersion(),
              p.getResourceName(),
              xml,
              Timestamp.from(clock.instant()),
              provenances.apply(p.getResourceName()).origin().column(),
              provenances.apply(p.getResourceName()).deployedBy(),
              provenances.apply(p.getResourceName()).comment())
          .update();
      recordVersion(p, xml, provenances.apply(p.getResourceName()));
      byKey.remove(p.getProcessDefinitionKey());
      deployed.put(p.getBpmnProcessId(), p);
    }
    return deployed;
  }

  /**
   * Links the deployed definition to its version in the journey's history: the same version when
   * its content is the journey's latest (the engine made no new version, or a restart restored it),
   * else a new version numbered after the last. A roll-back to an earlier content is a new version
   * too.
   */
  private void recordVersion(Process p, String xml, Provenance provenance) {
    String sum = checksum(xml.getBytes(StandardCharsets.UTF_8));
    record Known(long id, String checksum) {}
    Optional<Known> latest =
        jdbc.sql(
                "select id, checksum from journey_version where bpmn_process_id = ?"
                    + " order by number desc limit 1")
            .param(p.getBpmnProcessId())
            .query((rs, row) -> new Known(rs.getLong("id"), rs.getString("checksum")))
            .optional();
    long versionId;
    if (latest.isPresent() && latest.get().checksum().equals(sum)) {
      versionId = latest.get().id();
    } else {
      Optional<Long> earlier =
          provenance.origin() == Origin.RESTORED
              ? jdbc.sql(
                      "select max(id) from journey_version where bpmn_process_id = ?"
                          + " and checksum = ?")
                  .params(p.getBpmnProcessId(), sum)
                  .query(Long.class)
                  .optional()
              : Optional.empty();
      versionId =
          earlier.isPresent() && earlier.get() != null
              ? earlier.get()
              : jdbc.sql(
                      """
                      insert into journey_version (bpmn_process_id, number, resource_name, xml,
                        checksum, origin, deployed_by, deployed_at, comment)
                      select ?, coalesce(max(number), 0) + 1, ?, ?, ?, ?, ?, ?, ?
                        from journey_version where bpmn_process_id = ?
                      returning id
                      """)
                  .params(
                      p.getBpmnProcessId(),
                      p.getResourceName(),
                      xml,
                      sum,
                      provenance.origin().column(),
                      provenance.deployedBy(),
                      Timestamp.from(clock.instant()),
                      provenance.comment(),
                      p.getBpmnProcessId())
                  .query(Long.class)
                  .single();
    }
    jdbc.sql(
            """
            update journey_model set version_id = ?
             where process_definition_key = ?
               and (version_id is null or xml <> (select xml from journey_version where id = version_id))
            """)
        .params(versionId, p.getProcessDefinitionKey())
        .update();
  }

  /**
   * One version in a journey's history (ADR 0072).
   *
   * @param number 1, 2, 3, ... per journey, in the order they became the journey
   * @param origin {@code packaged} or {@code studio}
   */
  public record Version(
      long id,
      String processId,
      int number,
      String resourceName,
      String xml,
      String origin,
      String deployedBy,
      java.time.Instant deployedAt,
      String comment) {}

  private static Version version(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new Version(
        rs.getLong("id"),
        rs.getString("bpmn_process_id"),
        rs.getInt("number"),
        rs.getString("resource_name"),
        rs.getString("xml"),
        rs.getString("origin"),
        rs.getString("deployed_by"),
        rs.getTimestamp("deployed_at").toInstant(),
        rs.getString("comment"));
  }

  /** The journey's versions, the latest first. */
  public List<Version> versions(String bpmnProcessId) {
    return jdbc.sql("select * from journey_version where bpmn_process_id = ? order by number desc")
        .param(bpmnProcessId)
        .query((rs, row) -> version(rs))
        .list();
  }

  /** One version of a journey by its number. */
  public Optional<Version> version(String bpmnProcessId, int number) {
    return jdbc.sql("select * from journey_version where bpmn_process_id = ? and number = ?")
        .params(bpmnProcessId, number)
        .query((rs, row) -> version(rs))
        .optional();
  }

  /** The version a deployed process definition is, if the app deployed it. */
  public Optional<Version> versionOfDefinition(long processDefinitionKey) {
    return jdbc.sql(
            """
            select v.* from journey_version v join journey_model m on m.version_id = v.id
             where m.process_definition_key = ?
            """)
        .param(processDefinitionKey)
        .query((rs, row) -> version(rs))
        .optional();
  }

  /** The XML deployed last of every decision table (file name → content). */
  private Map<String, byte[]> latestDecisions() {
    Map<String, byte[]> latest = new LinkedHashMap<>();
    jdbc.sql(
            """
            select distinct on (resource_name) resource_name, xml
              from decision_model order by resource_name, deployed_seq desc
            """)
        .query(
            (rs, row) ->
                latest.put(
                    rs.getString("resource_name"),
                    rs.getString("xml").getBytes(StandardCharsets.UTF_8)))
        .list();
    return latest;
  }

  private int recordDecision(
      String resourceName, byte[] xml, Origin origin, String deployedBy, String comment) {
    return jdbc.sql(
            """
            insert into decision_model (resource_name, xml, version, deployed_at, origin,
              deployed_by, comment)
            values (?, ?, (select coalesce(max(version), 0) + 1 from decision_model
                            where resource_name = ?), ?, ?, ?, ?)
            returning version
            """)
        .params(
            resourceName,
            new String(xml, StandardCharsets.UTF_8),
            resourceName,
            Timestamp.from(clock.instant()),
            origin.column(),
            deployedBy,
            comment)
        .query(Integer.class)
        .single();
  }

  /**
   * Deploys a decision table (a manager's edit of a {@code .dmn} file) and records it as its file's
   * next version with who and why; returns that version. A table the engine rejects records nothing
   * (the exception is thrown).
   */
  public int deployDecisions(String resourceName, byte[] xml, String deployedBy, String comment) {
    return tx.execute(
        status -> {
          lock();
          client
              .newDeployResourceCommand()
              .addResourceBytes(xml, resourceName)
              .requestTimeout(DEPLOY_TIMEOUT)
              .send()
              .join();
          return recordDecision(resourceName, xml, Origin.STUDIO, deployedBy, comment);
        });
  }

  /** The model of a deployed process version, by the engine's process definition key. */
  public JourneyModel byDefinitionKey(long processDefinitionKey) {
    return byKey.computeIfAbsent(
        processDefinitionKey,
        key ->
            jdbc.sql(
                    "select bpmn_process_id, version, xml from journey_model"
                        + " where process_definition_key = ?")
                .param(key)
                .query(
                    (rs, row) ->
                        parse(
                            rs.getString("bpmn_process_id"),
                            rs.getInt("version"),
                            rs.getString("xml")))
                .optional()
                .orElseThrow(
                    () ->
                        new UnknownModelException(
                            "Process definition "
                                + key
                                + " was not deployed through Guest Journey, so its model cannot"
                                + " be read; deploy journeys from the bpmn/ folder or the studio")));
  }

  /** The latest version of a journey the app deployed, if any. */
  public Optional<JourneyModel> latest(String bpmnProcessId) {
    long now = System.nanoTime();
    Latest known = latestKeys.get(bpmnProcessId);
    if (known == null || now - known.readAtNanos() > LATEST_FRESH_FOR.toNanos()) {
      known =
          new Latest(
              jdbc.sql(
                      "select process_definition_key from journey_model where bpmn_process_id = ?"
                          + " order by deployed_seq desc limit 1")
                  .param(bpmnProcessId)
                  .query(Long.class)
                  .optional(),
              now);
      latestKeys.put(bpmnProcessId, known);
    }
    return known.key().map(this::byDefinitionKey);
  }

  /**
   * A model not deployed (a manager's draft) read the way a deployed one is: its one process, as
   * version 0. Throws {@link IllegalArgumentException} saying why when it cannot be read.
   */
  public static JourneyModel parseDraft(String xml) {
    io.camunda.zeebe.model.bpmn.BpmnModelInstance model;
    try {
      model =
          Bpmn.readModelFromStream(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("is not a BPMN model: " + e.getMessage(), e);
    }
    var processes =
        model.getModelElementsByType(io.camunda.zeebe.model.bpmn.instance.Process.class);
    if (processes.size() != 1) {
      throw new IllegalArgumentException("must hold exactly one process, not " + processes.size());
    }
    return new JourneyModel(processes.iterator().next().getId(), 0, model);
  }

  private static JourneyModel parse(String processId, int version, String xml) {
    return new JourneyModel(
        processId,
        version,
        Bpmn.readModelFromStream(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))));
  }

  private static byte[] read(Resource r) {
    try (var in = r.getInputStream()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A job or journey refers to a process version whose model the app does not know. */
  public static class UnknownModelException extends RuntimeException {
    UnknownModelException(String message) {
      super(message);
    }
  }
}
