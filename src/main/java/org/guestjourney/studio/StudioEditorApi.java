package org.guestjourney.studio;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.guestjourney.web.ApiController;
import org.guestjourney.web.InvalidRequestException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;

/**
 * What the studio's rules (DMN) and forms editors call (managers only, with their session and CSRF
 * token): the file to edit, saving a draft, checking and deploying. Errors are problem details.
 */
@ApiController
class StudioEditorApi {

  private static final String RULES = "/studio/rules/{name:[a-z0-9][a-z0-9-]{0,60}}";
  private static final String FORMS = "/studio/forms/{key:[a-zA-Z0-9][a-zA-Z0-9.-]{0,60}}";

  private final StudioRules rules;
  private final StudioForms forms;

  StudioEditorApi(StudioRules rules, StudioForms forms) {
    this.rules = rules;
    this.forms = forms;
  }

  record RulesBody(@org.guestjourney.web.MultiLine String xml, String comment) {}

  record FormBody(@org.guestjourney.web.MultiLine String schema, String comment) {}

  @GetMapping(RULES + "/model")
  Map<String, Object> rulesModel(@PathVariable String name) {
    rules.table(name);
    return Map.of("name", name, "xml", rules.xml(name), "draft", rules.hasDraft(name));
  }

  @PutMapping(RULES + "/draft")
  Map<String, Object> saveRulesDraft(
      @PathVariable String name, @RequestBody RulesBody body, Authentication who) {
    rules.saveDraft(name, body == null ? null : body.xml(), who.getName());
    return Map.of("saved", true);
  }

  @DeleteMapping(RULES + "/draft")
  ResponseEntity<Void> discardRulesDraft(@PathVariable String name, Authentication who) {
    rules.table(name);
    rules.discardDraft(name, who.getName());
    return ResponseEntity.noContent().build();
  }

  @PostMapping(RULES + "/check")
  Map<String, Object> checkRules(@PathVariable String name, @RequestBody RulesBody body) {
    rules.table(name);
    StudioRules.requireXml(body == null ? null : body.xml());
    return Map.of("problems", rules.check(name, body.xml()));
  }

  @PostMapping(RULES + "/deploy")
  ResponseEntity<Object> deployRules(
      @PathVariable String name, @RequestBody RulesBody body, Authentication who) {
    StudioRules.requireXml(body == null ? null : body.xml());
    requireComment(body.comment());
    StudioRules.Deployment d = rules.deploy(name, body.xml(), body.comment(), who.getName());
    if (!d.deployed()) {
      return refused("decision table", "xml", d.problems());
    }
    return ResponseEntity.ok(Map.of("version", d.version(), "problems", d.problems()));
  }

  @GetMapping(FORMS + "/schema")
  Map<String, Object> formSchema(@PathVariable String key) {
    return Map.of("key", key, "schema", forms.schema(key), "draft", forms.hasDraft(key));
  }

  @PutMapping(FORMS + "/draft")
  Map<String, Object> saveFormDraft(
      @PathVariable String key, @RequestBody FormBody body, Authentication who) {
    forms.saveDraft(key, body == null ? null : body.schema(), who.getName());
    return Map.of("saved", true);
  }

  @DeleteMapping(FORMS + "/draft")
  ResponseEntity<Void> discardFormDraft(@PathVariable String key, Authentication who) {
    forms.form(key);
    forms.discardDraft(key, who.getName());
    return ResponseEntity.noContent().build();
  }

  @PostMapping(FORMS + "/check")
  Map<String, Object> checkForm(@PathVariable String key, @RequestBody FormBody body) {
    StudioForms.requireSchema(body == null ? null : body.schema());
    return Map.of("problems", forms.check(key, body.schema()));
  }

  @PostMapping(FORMS + "/deploy")
  ResponseEntity<Object> deployForm(
      @PathVariable String key, @RequestBody FormBody body, Authentication who) {
    StudioForms.requireSchema(body == null ? null : body.schema());
    requireComment(body.comment());
    StudioForms.Deployment d = forms.deploy(key, body.schema(), body.comment(), who.getName());
    if (!d.deployed()) {
      return refused("form", "schema", d.problems());
    }
    return ResponseEntity.ok(Map.of("version", d.version(), "problems", d.problems()));
  }

  private static void requireComment(String comment) {
    if (comment != null && comment.length() > 500) {
      throw InvalidRequestException.of("comment", "is longer than 500 characters");
    }
  }

  private static ResponseEntity<Object> refused(
      String what, String field, List<ModelProblem> problems) {
    List<ModelProblem> errors = problems.stream().filter(ModelProblem::isError).toList();
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.UNPROCESSABLE_ENTITY,
            "The "
                + what
                + " was not deployed: "
                + errors.stream()
                    .map(ModelProblem::message)
                    .reduce((a, b) -> a + "; " + b)
                    .orElse(""));
    problem.setTitle("Deployment refused");
    problem.setType(URI.create("/problems/model-has-errors"));
    problem.setProperty("field", field);
    problem.setProperty("problems", problems);
    return ResponseEntity.status(HttpStatus.UNPROCESSABLE_ENTITY)
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem);
  }
}
