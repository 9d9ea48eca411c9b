package org.guestjourney.studio;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.guestjourney.modeler.JourneyModels;
import org.guestjourney.support.JourneyIntegrationTest;
import org.guestjourney.support.SignedIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The studio's rules on the server: a send step must name a message with texts in every language a
 * property offers, a user task needs a team and a form, a timer rule must give a moment for a
 * sample booking; a model with an error is not deployed and changes nothing; managers only.
 */
class StudioJourneyApiTest extends JourneyIntegrationTest {

  @Autowired TestRestTemplate anonymous;
  @Autowired JdbcClient jdbc;
  @Autowired JourneyModels models;
  @Autowired ObjectMapper json;

  @AfterEach
  void noDrafts() {
    jdbc.sql("delete from journey_draft").update();
  }

  @Test
  void refusesToDeployASendStepWhoseMessageHasNoTextAndStoresNothing() throws Exception {
    data.property("Europe/Rome", "en", "zh-CN");
    String xml =
        Files.readString(Path.of("bpmn/pre-arrival.bpmn"))
            .replaceFirst(
                "key=\"message\" value=\"booking-confirmation\"",
                "key=\"message\" value=\"welcome-drink\"");
    int rows = journeyModelRows();
    int version = models.latest("pre-arrival").orElseThrow().version();

    ResponseEntity<String> answer =
        manager()
            .postForEntity("/studio/journeys/pre-arrival/deploy", body(xml, "try"), String.class);

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
    assertThat(answer.getHeaders().getContentType().toString())
        .startsWith("application/problem+json");
    JsonNode problem = json.readTree(answer.getBody());
    assertThat(problem.path("field").asText()).isEqualTo("xml");
    assertThat(problem.path("problems").toString())
        .contains("\"elementId\":\"task_send_booking_confirmation\"")
        .contains("welcome-drink")
        .contains("has no e-mail text in en")
        .contains("has no e-mail text in zh-CN");
    assertThat(journeyModelRows()).isEqualTo(rows);
    assertThat(models.latest("pre-arrival").orElseThrow().version()).isEqualTo(version);
  }

  @Test
  void aUserTaskWithoutTeamOrFormAndATimerThatGivesNoMomentAreErrors() throws Exception {
    String complaint =
        Files.readString(Path.of("bpmn/complaint.bpmn"))
            .replaceFirst("<zeebe:assignmentDefinition candidateGroups=\"front-desk\" />", "")
            .replaceFirst("<zeebe:formDefinition formKey=\"resolve-complaint\" />", "");
    JsonNode problems = check("complaint", complaint);
    assertThat(problems.toString())
        .contains("\"rule\":\"user-task-team\"")
        .contains("\"rule\":\"user-task-form\"")
        .contains("\"elementId\":\"task_call_guest_now\"");

    String preArrival =
        Files.readString(Path.of("bpmn/pre-arrival.bpmn"))
            .replace("time(dayBeforeReminderTime)", "time(dayBeforeRemindrTime)");
    assertThat(check("pre-arrival", preArrival).toString())
        .contains("\"elementId\":\"timer_day_before_arrival\"")
        .contains("\"rule\":\"timer-evaluates\"");

    assertThat(check("pre-arrival", Files.readString(Path.of("bpmn/pre-arrival.bpmn"))).toString())
        .doesNotContain("\"severity\":\"error\"");
  }

  @Test
  void aBookingJourneyThatNoLongerStartsOnTheAppsMessageIsRefused() throws Exception {
    // the manager turned the start into a plain start event: the app's start would never reach it
    String noMessageStart =
        Files.readString(Path.of("bpmn/pre-arrival.bpmn"))
            .replaceFirst(
                "<bpmn:messageEventDefinition id=\"start_booking_confirmed_message\""
                    + " messageRef=\"message_booking_confirmed\" />",
                "");
    assertThat(check("pre-arrival", noMessageStart).toString())
        .contains("\"rule\":\"journey-start\"")
        .contains("booking-confirmed");
    String otherMessage =
        Files.readString(Path.of("bpmn/post-stay.bpmn"))
            .replace("name=\"guest-checked-out\"", "name=\"guest-left\"");
    assertThat(check("post-stay", otherMessage).toString())
        .contains("\"rule\":\"journey-start\"")
        .contains("guest-checked-out");
  }

  @Test
  void aComplaintOrRequestModelThatNoLongerStartsOnTheAppsMessageIsRefused() throws Exception {
    String shipped = Files.readString(Path.of("bpmn/complaint.bpmn"));
    assertThat(check("complaint", shipped).toString()).doesNotContain("\"rule\":\"journey-start\"");
    // the manager turned the start back into a plain start event: the app's start (a message with
    // an id, so that a start sent twice is one journey) would never reach it
    String plainStart =
        shipped.replaceFirst(
            "<bpmn:messageEventDefinition id=\"start_complaint_raised_message\""
                + " messageRef=\"message_complaint_raised\" />",
            "");
    assertThat(plainStart).isNotEqualTo(shipped);
    assertThat(check("complaint", plainStart).toString())
        .contains("\"rule\":\"journey-start\"")
        .contains("complaint-raised");
    String otherMessage =
        Files.readString(Path.of("bpmn/guest-request.bpmn"))
            .replace("name=\"guest-request-made\"", "name=\"guest-asked\"");
    assertThat(check("guest-request", otherMessage).toString())
        .contains("\"rule\":\"journey-start\"")
        .contains("guest-request-made");
  }

  @Test
  void aDraftMustBeAModelOfThatJourneyAndOnlyManagersUseTheStudio() throws Exception {
    ResponseEntity<String> notBpmn =
        manager()
            .exchange(
                "/studio/journeys/pre-arrival/draft",
                HttpMethod.PUT,
                body("<not-bpmn/>", null),
                String.class);
    assertThat(notBpmn.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(notBpmn.getBody()).contains("\"field\":\"xml\"");
    ResponseEntity<String> otherJourney =
        manager()
            .exchange(
                "/studio/journeys/pre-arrival/draft",
                HttpMethod.PUT,
                body(Files.readString(Path.of("bpmn/in-stay.bpmn")), null),
                String.class);
    assertThat(otherJourney.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(jdbc.sql("select count(*) from journey_draft").query(Integer.class).single())
        .isZero();

    TestRestTemplate frontDesk = SignedIn.as(anonymous, "frontdesk");
    assertThat(frontDesk.getForEntity("/studio/journeys", String.class).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(
            frontDesk
                .postForEntity(
                    "/studio/journeys/pre-arrival/deploy",
                    body(Files.readString(Path.of("bpmn/pre-arrival.bpmn")), null),
                    String.class)
                .getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(manager().getForObject("/studio/journeys", String.class))
        .contains("data-journey=\"pre-arrival\"")
        .contains("Pre-arrival journey");
  }

  private JsonNode check(String processId, String xml) throws Exception {
    ResponseEntity<String> answer =
        manager()
            .postForEntity(
                "/studio/journeys/" + processId + "/check", body(xml, null), String.class);
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
    return json.readTree(answer.getBody()).path("problems");
  }

  private TestRestTemplate manager() {
    return SignedIn.as(anonymous, "manager");
  }

  private static HttpEntity<Map<String, String>> body(String xml, String comment) {
    var headers = new org.springframework.http.HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    headers.setAccept(java.util.List.of(MediaType.APPLICATION_JSON));
    Map<String, String> map = new java.util.HashMap<>();
    map.put("xml", xml);
    map.put("comment", comment);
    return new HttpEntity<>(map, headers);
  }

  private int journeyModelRows() {
    return jdbc.sql("select count(*) from journey_model").query(Integer.class).single();
  }
}
