package org.guestjourney.studio;

import java.net.URI;
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
 * What the studio's modeler page calls (managers only, with their session and CSRF token): the
 * model to edit, saving a draft, checking and deploying. Errors are problem details.
 */
@ApiController
class StudioJourneyApi {

  private static final String ID = "{processId:[a-z0-9][a-z0-9-]{0,60}}";

  private final StudioJourneys journeys;

  StudioJourneyApi(StudioJourneys journeys) {
    this.journeys = journeys;
  }

  record ModelBody(@org.guestjourney.web.MultiLine String xml, String comment) {}

  @GetMapping("/studio/journeys/" + ID + "/model")
  Map<String, Object> model(@PathVariable String processId) {
    boolean draft = journeys.draft(processId).isPresent();
    return Map.of("processId", processId, "xml", journeys.xml(processId), "draft", draft);
  }

  @PutMapping("/studio/journeys/" + ID + "/draft")
  Map<String, Object> saveDraft(
      @PathVariable String processId, @RequestBody ModelBody body, Authentication who) {
    journeys.saveDraft(processId, body.xml(), who.getName());
    return Map.of("saved", true);
  }

  @DeleteMapping("/studio/journeys/" + ID + "/draft")
  ResponseEntity<Void> discardDraft(@PathVariable String processId, Authentication who) {
    journeys.discardDraft(processId, who.getName());
    return ResponseEntity.noContent().build();
  }

  @PostMapping("/studio/journeys/" + ID + "/check")
  Map<String, Object> check(@PathVariable String processId, @RequestBody ModelBody body) {
    requireXml(body);
    journeys.journey(processId);
    return Map.of("problems", journeys.check(processId, body.xml()));
  }

  @PostMapping("/studio/journeys/" + ID + "/deploy")
  ResponseEntity<Object> deploy(
      @PathVariable String processId, @RequestBody ModelBody body, Authentication who) {
    requireXml(body);
    if (body.comment() != null && body.comment().length() > 500) {
      throw InvalidRequestException.of("comment", "is longer than 500 characters");
    }
    StudioJourneys.Deployment d =
        journeys.deploy(processId, body.xml(), body.comment(), who.getName());
    if (!d.deployed()) {
      ProblemDetail problem =
          ProblemDetail.forStatusAndDetail(
              HttpStatus.UNPROCESSABLE_ENTITY,
              "The journey was not deployed: "
                  + d.problems().stream().filter(ModelProblem::isError).count()
                  + " error(s) remain");
      problem.setTitle("Deployment refused");
      problem.setType(URI.create("/problems/model-has-errors"));
      problem.setProperty("field", "xml");
      problem.setProperty("problems", d.problems());
      return ResponseEntity.status(HttpStatus.UNPROCESSABLE_ENTITY)
          .contentType(MediaType.APPLICATION_PROBLEM_JSON)
          .body(problem);
    }
    return ResponseEntity.ok(Map.of("version", d.version(), "problems", d.problems()));
  }

  private static void requireXml(ModelBody body) {
    if (body == null || body.xml() == null || body.xml().isBlank()) {
      throw InvalidRequestException.of("xml", "is required");
    }
    if (body.xml().length() > StudioJourneys.MAX_XML) {
      throw InvalidRequestException.of(
          "xml", "is longer than " + StudioJourneys.MAX_XML + " characters");
    }
  }
}
