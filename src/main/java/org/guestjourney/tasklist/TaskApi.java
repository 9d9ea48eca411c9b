package org.guestjourney.tasklist;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.guestjourney.security.CurrentStaff;
import org.guestjourney.web.ApiController;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

/** What the task page's form talks to: the form to render, and completing the task. */
@ApiController
class TaskApi {

  private final StaffTaskService tasks;

  private final org.guestjourney.web.StaffWords words;

  TaskApi(StaffTaskService tasks, org.guestjourney.web.StaffWords words) {
    this.tasks = tasks;
    this.words = words;
  }

  record FormView(JsonNode schema, Map<String, Object> data) {}

  record Submission(@org.guestjourney.web.MultiLine Map<String, Object> data) {}

  @GetMapping("/tasks/{id}/form")
  FormView form(@PathVariable long id, Authentication auth) {
    return new FormView(words.form(tasks.form(id, CurrentStaff.of(auth))), Map.of());
  }

  @PostMapping("/tasks/{id}/complete")
  ResponseEntity<Void> complete(
      @PathVariable long id, @RequestBody Submission submission, Authentication auth) {
    tasks.complete(id, CurrentStaff.of(auth), submission.data());
    return ResponseEntity.noContent().build();
  }
}
