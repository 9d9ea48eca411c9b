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
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Deploys journey models to the engine and remembers each deployed process version's XML, so the
 * app can read the very model a running journey follows. The packaged models ({@code bpmn/} on the
 * class path) are deployed at start; the engine keeps one version per distinct content, so several
 * replicas deploying the same files make one version.
 */
@Component
public class JourneyModels {

  private static final Logger log = LoggerFactory.getLogger(JourneyModels.class);

  private final CamundaClient client;
  private final JdbcClient jdbc;
  private final Clock clock;
  private final Map<Long, JourneyModel> byKey = new ConcurrentHashMap<>();

  JourneyModels(CamundaClient client, JdbcClient jdbc, Clock clock) {
    this.client = client;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  @EventListener(ApplicationStartedEvent.class)
  @Order(0)
  void deployPackagedModels() throws IOException {
    Resource[] resources =
        new PathMatchingResourcePatternResolver().getResources("classpath*:/bpmn/**/*");
    Map<String, byte[]> files = new LinkedHashMap<>();
    Arrays.stream(resources)
        .filter(r -> r.getFilename() != null)
        .filter(r -> r.getFilename().endsWith(".bpmn") || r.getFilename().endsWith(".dmn"))
        .sorted(Comparator.comparing(Resource::getFilename))
        .forEach(r -> files.put(r.getFilename(), read(r)));
    deploy(files);
    log.info("Deployed {} packaged journey model(s) and decision table(s)", files.size());
  }

  /**
   * Deploys BPMN and DMN files (name → content) in one deployment and remembers the processes' XML;
   * returns the deployed processes by BPMN process id.
   */
  public Map<String, Process> deploy(Map<String, byte[]> files) {
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
    // every journey and table in one deployment: on a loaded machine it takes longer than the
    // client's default request time-out, which suits the small commands
    DeploymentEvent deployment =
        command.requestTimeout(java.time.Duration.ofSeconds(60)).send().join();
    Map<String, Process> deployed = new LinkedHashMap<>();
    for (Process p : deployment.getProcesses()) {
      String xml = new String(files.get(p.getResourceName()), StandardCharsets.UTF_8);
      jdbc.sql(
              """
              insert into journey_model (process_definition_key, bpmn_process_id, version,
                resource_name, xml, deployed_at)
              values (?, ?, ?, ?, ?, ?)
              on conflict (process_definition_key) do update
                set bpmn_process_id = excluded.bpmn_process_id, version = excluded.version,
                    resource_name = excluded.resource_name, xml = excluded.xml,
                    deployed_at = excluded.deployed_at
              """)
          .params(
              p.getProcessDefinitionKey(),
              p.getBpmnProcessId(),
              p.getVersion(),
              p.getResourceName(),
              xml,
              Timestamp.from(clock.instant()))
          .update();
      byKey.remove(p.getProcessDefinitionKey());
      deployed.put(p.getBpmnProcessId(), p);
    }
    return deployed;
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
    return jdbc.sql(
            "select process_definition_key from journey_model where bpmn_process_id = ?"
                + " order by version desc, deployed_at desc limit 1")
        .param(bpmnProcessId)
        .query(Long.class)
        .optional()
        .map(this::byDefinitionKey);
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
