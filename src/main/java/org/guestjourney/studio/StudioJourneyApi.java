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
  private final JourneySimulation simulation;
  private final JourneyDiff diff;

  StudioJourneyApi(StudioJourneys journeys, JourneySimulation simulation, JourneyDiff diff) {
    this.journeys = journeys;
    this.simulation = simulation;
    this.diff = diff;
  }

  /**
   * A draft to simulate, on a booking ({@code bookingId}) or on a stay made up ({@code madeUp}).
   */
  record SimulationBody(
      @org.guestjourney.web.MultiLine String xml,
      Long bookingId,
      JourneySimulation.MadeUpStay madeUp) {}

  record RollBackBody(String comment) {}

  /** One version of the history, as the studio lists it. */
  record VersionRow(
      int number,
      java.time.Instant deployedAt,
      String deployedBy,
      String origin,
      String comment,
      boolean live) {}

  record ModelBody(@org.guestjourney.web.MultiLine String xml, String comment) {}

  @GetMapping("/studio/journeys/" + ID + "/model")
  Map<String, Object> model(@PathVariable String processId) {
    boolean draft = journeys.draft(processId).isPresent();
    return Map.of("processId", processId, "xml", journeys.xml(processId), "draft", draft);
  }

  @PutMapping("/studio/journeys/" + ID + "/draft")
  Map<String, Object> saveDraft(
      @PathVariable String processId, @RequestBody ModelBody body, Authentication who) {
    requireComment(body == null ? null : body.comment());
    journeys.saveDraft(processId, body.xml(), body.comment(), who.getName());
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
    requireComment(body.comment());
    return outcome(journeys.deploy(processId, body.xml(), body.comment(), who.getName()));
  }

  @GetMapping("/studio/journeys/" + ID + "/versions")
  Map<String, Object> versions(@PathVariable String processId) {
    var versions = journeys.versions(processId);
    return Map.of(
        "processId",
        processId,
        "versions",
        versions.stream()
            .map(
                v ->
                    new VersionRow(
                        v.number(),
                        v.deployedAt(),
                        v.deployedBy(),
                        v.origin(),
                        v.comment(),
                        v == versions.getFirst()))
            .toList());
  }

  /** What changed from version {@code from} to version {@code to} (or to the draft, if absent). */
  @GetMapping("/studio/journeys/" + ID + "/diff")
  Map<String, Object> diff(
      @PathVariable String processId,
      @org.springframework.web.bind.annotation.RequestParam int from,
      @org.springframework.web.bind.annotation.RequestParam(required = false) Integer to) {
    journeys.journey(processId);
    return Map.of(
        "from",
        from,
        "to",
        to == null ? "draft" : to,
        "changes",
        diff.diff(journeys.versionXml(processId, from), journeys.versionXml(processId, to)));
  }

  @PostMapping("/studio/journeys/" + ID + "/versions/{number:[0-9]{1,6}}/roll-back")
  ResponseEntity<Object> rollBack(
      @PathVariable String processId,
      @PathVariable int number,
      @RequestBody(required = false) RollBackBody body,
      Authentication who) {
    String comment = body == null ? null : body.comment();
    requireComment(comment);
    return outcome(journeys.rollBack(processId, number, comment, who.getName()));
  }

  @PostMapping("/studio/journeys/" + ID + "/simulate")
  JourneySimulation.Simulation simulate(
      @PathVariable String processId, @RequestBody SimulationBody body) {
    if (body == null || body.xml() == null || body.xml().isBlank()) {
      throw InvalidRequestException.of("xml", "is required");
    }
    if (body.xml().length() > StudioJourneys.MAX_XML) {
      throw InvalidRequestException.of(
          "xml", "is longer than " + StudioJourneys.MAX_XML + " characters");
    }
    journeys.journey(processId);
    return simulation.simulate(processId, body.xml(), body.bookingId(), body.madeUp());
  }

  /** The bookings and houses a simulation may run on. */
  @GetMapping("/studio/simulation/stays")
  Map<String, Object> stays() {
    return Map.of(
        "bookings",
        simulation.bookings(),
        "houses",
        simulation.houses().stream()
            .map(
                p ->
                    Map.of(
                        "id", p.id(),
                        "name", p.name(),
                        "timeZone", p.timeZone().getId(),
                        "languages", p.languages()))
            .toList());
  }

  private ResponseEntity<Object> outcome(StudioJourneys.Deployment d) {
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

  private static void requireComment(String comment) {
    if (comment != null && comment.length() > 500) {
      throw InvalidRequestException.of("comment", "is longer than 500 characters");
    }
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
