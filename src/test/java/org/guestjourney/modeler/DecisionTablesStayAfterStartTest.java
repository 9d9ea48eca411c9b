package org.guestjourney.modeler;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.guestjourney.support.JourneyIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A decision table a manager deployed stays the one the engine uses when the app starts again: the
 * packaged {@code .dmn} files seed a fresh installation (or bring a changed file), like journeys
 * (ADR 0070, ADR 0074).
 */
class DecisionTablesStayAfterStartTest extends JourneyIntegrationTest {

  private static final Path PACKAGED = Path.of("bpmn/guest-request-sla.dmn");

  @Autowired JourneyModels models;
  @Autowired CamundaClient client;
  @Autowired JdbcClient jdbc;

  @AfterEach
  void putTheShippedTableBack() throws Exception {
    models.deployDecisions(
        "guest-request-sla.dmn", Files.readAllBytes(PACKAGED), "test", "put back");
  }

  @Test
  void aManagersDecisionTableIsDeployedAgainAtStartInsteadOfThePackagedOne() throws Exception {
    String edited =
        Files.readString(PACKAGED)
            .replace(
                "<outputEntry id=\"rule_amenities_out_team\">\n          <text>\"housekeeping\"</text>",
                "<outputEntry id=\"rule_amenities_out_team\">\n          <text>\"front-desk\"</text>");
    assertThat(edited).contains("<text>\"front-desk\"</text>\n        </outputEntry>");
    int version =
        models.deployDecisions(
            "guest-request-sla.dmn",
            edited.getBytes(StandardCharsets.UTF_8),
            "manager",
            "amenities to the front desk");
    assertThat(teamFor("amenities")).isEqualTo("front-desk");

    // the start deployment (as after a restart): the packaged file was deployed before, so the
    // manager's version is sent again and stays the latest
    models.deployPackagedModels();

    assertThat(teamFor("amenities")).isEqualTo("front-desk");
    assertThat(
            jdbc.sql(
                    "select version from decision_model where resource_name = ?"
                        + " order by deployed_seq desc limit 1")
                .param("guest-request-sla.dmn")
                .query(Integer.class)
                .single())
        .isEqualTo(version);
  }

  private String teamFor(String category) {
    String output =
        client
            .newEvaluateDecisionCommand()
            .decisionId("guest-request-sla")
            .variables(Map.of("requestCategory", category))
            .send()
            .join()
            .getDecisionOutput();
    return output.replaceAll(".*\"team\"\\s*:\\s*\"([^\"]+)\".*", "$1");
  }
}
