package org.guestjourney.survey;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.guestjourney.web.ApiController;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

/** What the survey page's form talks to: the form (with earlier answers), and the answers. */
@ApiController
class SurveyApi {

  private final SurveyService surveys;
  private final org.guestjourney.forms.CamundaForms forms;

  SurveyApi(SurveyService surveys, org.guestjourney.forms.CamundaForms forms) {
    this.surveys = surveys;
    this.forms = forms;
  }

  record FormView(JsonNode schema, Map<String, Object> data) {}

  record Answers(@org.guestjourney.web.MultiLine Map<String, Object> data) {}

  @GetMapping("/survey/{token}/form")
  FormView form(@PathVariable String token) {
    Invitation invitation = surveys.open(token);
    return new FormView(
        forms.schema(surveys.formKey(invitation)), surveys.previousAnswers(invitation));
  }

  /** Answers typed but not sent yet: kept for when the guest comes back, never counted. */
  @PostMapping("/survey/{token}/draft")
  ResponseEntity<Void> draft(@PathVariable String token, @RequestBody Answers answers) {
    surveys.saveDraft(token, answers.data());
    return ResponseEntity.noContent().build();
  }

  @PostMapping("/survey/{token}/answers")
  ResponseEntity<Void> answer(@PathVariable String token, @RequestBody Answers answers) {
    surveys.answer(token, answers.data());
    return ResponseEntity.noContent().build();
  }
}
