package org.guestjourney.studio;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.guestjourney.audit.AuditLog;
import org.guestjourney.forms.CamundaForms;
import org.guestjourney.property.Property;
import org.guestjourney.staffalert.StaffContacts;
import org.guestjourney.support.JourneyIntegrationTest;
import org.guestjourney.support.SignedIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The studio's rules and forms endpoints and "send a test to me", through HTTP as a signed-in
 * manager: a deployed form is the one the next task shows; a form or table that breaks what the
 * journeys read is refused as problem+json naming what is wrong and stores nothing; a test needs
 * the manager's own address; other staff are kept out.
 */
class StudioEditorsApiTest extends JourneyIntegrationTest {

  @Autowired TestRestTemplate anonymous;
  @Autowired ObjectMapper json;
  @Autowired JdbcClient jdbc;
  @Autowired CamundaForms forms;
  @Autowired AuditLog audit;
  @Autowired StaffContacts contacts;

  @AfterEach
  void putFormsBack() {
    jdbc.sql("delete from form_version where form_key = 'call-back'").update();
  }

  @Test
  void aDeployedFormIsTheOneTheNextTaskShowsAndItsHistoryIsAudited() throws Exception {
    JsonNode schema = json.readTree(Files.readString(Path.of("forms/call-back.form")));
    String before = schema.toString();
    String edited = before.replaceFirst("\"label\":\"([^\"]*)\"", "\"label\":\"Guest happy now?\"");
    assertThat(edited).isNotEqualTo(before).contains("Guest happy now?");

    ResponseEntity<String> deployed =
        manager()
            .postForEntity(
                "/studio/forms/call-back/deploy",
                entity(Map.of("schema", edited, "comment", "clearer question")),
                String.class);

    assertThat(deployed.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(json.readTree(deployed.getBody()).path("version").asInt()).isEqualTo(2);
    assertThat(forms.schema("call-back").toString()).contains("Guest happy now?");
    assertThat(forms.packagedSchema("call-back").toString()).doesNotContain("Guest happy now?");
    assertThat(
            audit.find(new AuditLog.Filter("manager", "DEPLOY", null, null, null, null), 5).stream()
                .map(e -> e.what()))
        .contains("Deployed form call-back version 2: clearer question");
  }

  @Test
  void aFormWithoutAFieldTheJourneyReadsIsRefusedNamingTheField() throws Exception {
    String packaged = Files.readString(Path.of("forms/handle-guest-request.form"));
    String broken = packaged.replace("\"key\": \"solved\"", "\"key\": \"fixed\"");
    assertThat(broken).isNotEqualTo(packaged);
    int before = jdbc.sql("select count(*) from form_version").query(Integer.class).single();

    ResponseEntity<String> refused =
        manager()
            .postForEntity(
                "/studio/forms/handle-guest-request/deploy",
                entity(Map.of("schema", broken)),
                String.class);

    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
    assertThat(refused.getHeaders().getContentType().toString())
        .startsWith("application/problem+json");
    JsonNode problem = json.readTree(refused.getBody());
    assertThat(problem.path("field").asText()).isEqualTo("schema");
    assertThat(problem.path("detail").asText()).contains("Field solved is missing");
    assertThat(problem.path("problems").get(0).path("elementId").asText()).isEqualTo("solved");
    assertThat(jdbc.sql("select count(*) from form_version").query(Integer.class).single())
        .isEqualTo(before);
  }

  @Test
  void aDecisionTableWithAnotherHitPolicyOrInputIsRefusedAndChangesNothing() throws Exception {
    int before = jdbc.sql("select count(*) from decision_model").query(Integer.class).single();
    String packaged = Files.readString(Path.of("bpmn/guest-request-sla.dmn"));

    ResponseEntity<String> policy =
        manager()
            .postForEntity(
                "/studio/rules/guest-request-sla/deploy",
                entity(
                    Map.of("xml", packaged.replace("hitPolicy=\"FIRST\"", "hitPolicy=\"UNIQUE\""))),
                String.class);
    assertThat(policy.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
    assertThat(json.readTree(policy.getBody()).path("detail").asText())
        .contains("hit policy must stay FIRST");

    ResponseEntity<String> input =
        manager()
            .postForEntity(
                "/studio/rules/guest-request-sla/deploy",
                entity(
                    Map.of(
                        "xml",
                        packaged.replace("<text>requestCategory</text>", "<text>category</text>"))),
                String.class);
    assertThat(input.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
    assertThat(json.readTree(input.getBody()).path("detail").asText())
        .contains("inputs must stay [requestCategory]");

    ResponseEntity<String> broken =
        manager()
            .postForEntity(
                "/studio/rules/guest-request-sla/check",
                entity(Map.of("xml", "<definitions>not a table")),
                String.class);
    assertThat(json.readTree(broken.getBody()).path("problems").get(0).path("message").asText())
        .startsWith("This is not a DMN file");
    assertThat(jdbc.sql("select count(*) from decision_model").query(Integer.class).single())
        .isEqualTo(before);
  }

  @Test
  void aTestNeedsTheManagersOwnAddress() throws Exception {
    Property property = data.property("Europe/Rome", "en");
    data.bookArrivingIn(property, 4, data.uniqueEmail());
    contacts.save("manager", null, null, null);

    ResponseEntity<String> refused =
        manager()
            .postForEntity(
                "/studio/api/messages/" + property.id() + "/day-before-reminder/en/test",
                entity(Map.of("emailSubject", "See you tomorrow", "emailBody", "Hello")),
                String.class);

    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
    assertThat(refused.getHeaders().getContentType().toString())
        .startsWith("application/problem+json");
    assertThat(json.readTree(refused.getBody()).path("field").asText()).isEqualTo("email");
  }

  @Autowired StudioRules rules;
  @Autowired StudioForms studioForms;

  @Test
  void everyShippedTableAndFormPassesItsOwnCheck() {
    assertThat(rules.list()).hasSizeGreaterThanOrEqualTo(7);
    for (StudioRules.RuleTable table : rules.list()) {
      assertThat(rules.check(table.name(), rules.deployedXml(table.name())))
          .as(table.name())
          .noneMatch(ModelProblem::isError);
    }
    for (StudioForms.Form form : studioForms.list()) {
      assertThat(studioForms.check(form.key(), forms.packagedSchema(form.key()).toString()))
          .as(form.key())
          .noneMatch(ModelProblem::isError);
    }
  }

  @Test
  void theListsShowEveryDecisionTableAndFormInWords() {
    String rules = manager().getForObject("/studio/rules", String.class);
    assertThat(rules)
        .contains("data-rules=\"guest-request-sla\"")
        .contains("data-rules=\"feedback-classification\"")
        .contains("Looks at: Category (requestCategory)")
        .contains("The first rule that matches decides.");
    String list = manager().getForObject("/studio/forms", String.class);
    assertThat(list)
        .contains("data-form=\"handle-guest-request\"")
        .contains("data-form=\"quick-survey.zh-CN\"")
        .contains("Solved now");
  }

  @Test
  void otherStaffCannotOpenTheRulesOrFormsEditors() {
    TestRestTemplate frontDesk = SignedIn.as(anonymous, "frontdesk");
    for (String path :
        List.of("/studio/rules", "/studio/forms", "/studio/rules/guest-request-sla/model")) {
      assertThat(frontDesk.getForEntity(path, String.class).getStatusCode())
          .isEqualTo(HttpStatus.FORBIDDEN);
    }
  }

  private static HttpEntity<Map<String, Object>> entity(Map<String, ?> body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    headers.setAccept(List.of(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON));
    @SuppressWarnings("unchecked")
    Map<String, Object> typed = (Map<String, Object>) body;
    return new HttpEntity<>(typed, headers);
  }

  private TestRestTemplate manager() {
    return SignedIn.as(anonymous, "manager");
  }
}
