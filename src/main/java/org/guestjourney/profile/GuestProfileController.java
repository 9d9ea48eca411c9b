package org.guestjourney.profile;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.security.Principal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.guestjourney.guest.GuestSegment;
import org.guestjourney.guest.ProfileEdit;
import org.guestjourney.guest.ProfileMerge;
import org.guestjourney.guest.ProfileSuggestion;
import org.guestjourney.web.ApiController;
import org.guestjourney.web.FieldViolation;
import org.guestjourney.web.InvalidRequestException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The guests of the API (ADR 0062): list and search (by e-mail, phone or name, or by tag — a
 * segment), a profile, its changes (PATCH, JSON merge patch: a field left out stays, null clears
 * it), merges and their undoing, "possibly the same guest" suggestions and saved segments.
 */
@ApiController
class GuestProfileController {

  static final Set<String> EDITABLE =
      Set.of("tags", "birthday", "anniversary", "preferences", "allergies", "specialNeeds");

  private final GuestProfileService guests;

  GuestProfileController(GuestProfileService guests) {
    this.guests = guests;
  }

  record GuestList(long total, int page, int size, List<ProfileReads.Line> guests) {}

  @GetMapping("/api/guests")
  GuestList list(
      @RequestParam(required = false) String q,
      @RequestParam(required = false) String tag,
      @RequestParam(defaultValue = "1") int page,
      @RequestParam(defaultValue = "50") int size) {
    int pageSize = Math.clamp(size, 1, 200);
    int pageNumber = Math.max(page, 1);
    ProfileReads.Page found = guests.list(q, tag, pageNumber, pageSize);
    return new GuestList(found.total(), pageNumber, pageSize, found.lines());
  }

  @GetMapping("/api/guests/{id}")
  ProfileView get(@PathVariable long id) {
    return guests.view(id);
  }

  @PatchMapping("/api/guests/{id}")
  ProfileView patch(@PathVariable long id, @RequestBody JsonNode body, Principal caller) {
    return guests.edit(id, edit(body), caller.getName());
  }

  /** The JSON of a PATCH as an edit; every field at fault is named, nothing is stored then. */
  static ProfileEdit edit(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw InvalidRequestException.of("body", "must be a JSON object");
    }
    List<FieldViolation> bad = new ArrayList<>();
    body.fieldNames()
        .forEachRemaining(
            f -> {
              if (!EDITABLE.contains(f)) {
                bad.add(new FieldViolation(f, "cannot be changed here (or is not a field)"));
              }
            });
    List<String> tags = null;
    if (body.has("tags")) {
      JsonNode t = body.get("tags");
      if (t.isNull()) {
        tags = List.of();
      } else if (!t.isArray()) {
        bad.add(new FieldViolation("tags", "must be a list of words"));
      } else {
        tags = new ArrayList<>();
        for (JsonNode one : t) {
          if (!one.isTextual()) {
            bad.add(new FieldViolation("tags", "must be a list of words"));
            break;
          }
          tags.add(one.asText());
        }
      }
    }
    ProfileEdit edit =
        new ProfileEdit(
            tags,
            text(body, "preferences", bad),
            text(body, "allergies", bad),
            text(body, "specialNeeds", bad),
            date(body, "birthday", bad),
            date(body, "anniversary", bad));
    if (!bad.isEmpty()) {
      throw new InvalidRequestException(bad);
    }
    return edit;
  }

  private static Optional<String> text(JsonNode body, String field, List<FieldViolation> bad) {
    if (!body.has(field)) {
      return null;
    }
    JsonNode v = body.get(field);
    if (v.isNull()) {
      return Optional.empty();
    }
    if (!v.isTextual()) {
      bad.add(new FieldViolation(field, "must be text"));
      return null;
    }
    return Optional.of(v.asText());
  }

  private static Optional<LocalDate> date(JsonNode body, String field, List<FieldViolation> bad) {
    if (!body.has(field)) {
      return null;
    }
    JsonNode v = body.get(field);
    if (v.isNull() || (v.isTextual() && v.asText().isBlank())) {
      return Optional.empty();
    }
    try {
      return Optional.of(LocalDate.parse(v.asText().strip()));
    } catch (DateTimeParseException e) {
      bad.add(new FieldViolation(field, "must be a date like 1985-04-23"));
      return null;
    }
  }

  record MergeRequest(Long otherGuestId) {}

  @PostMapping("/api/guests/{id}/merge")
  ProfileMerge merge(@PathVariable long id, @RequestBody MergeRequest request, Principal caller) {
    if (request == null || request.otherGuestId() == null) {
      throw InvalidRequestException.of("otherGuestId", "is required");
    }
    return guests.merge(id, request.otherGuestId(), caller.getName());
  }

  @PostMapping("/api/guests/merges/{mergeId}/undo")
  ProfileMerge undo(@PathVariable long mergeId, Principal caller) {
    return guests.undo(mergeId, caller.getName());
  }

  @GetMapping("/api/guests/suggestions")
  List<GuestProfileService.Pair> suggestions() {
    return guests.openSuggestions();
  }

  @PostMapping("/api/guests/suggestions/{id}/merge")
  ProfileMerge mergeSuggested(@PathVariable long id, Principal caller) {
    return guests.mergeSuggested(id, caller.getName());
  }

  @PostMapping("/api/guests/suggestions/{id}/keep-apart")
  ProfileSuggestion keepApart(@PathVariable long id, Principal caller) {
    return guests.keepApart(id, caller.getName());
  }

  record SegmentSummary(long id, String name, String tag, long count) {
    static SegmentSummary of(GuestProfileService.SegmentLine l) {
      return new SegmentSummary(l.segment().id(), l.segment().name(), l.segment().tag(), l.count());
    }
  }

  record SegmentMembers(
      long id, String name, String tag, long count, List<ProfileReads.Line> members) {}

  @GetMapping("/api/guest-segments")
  List<SegmentSummary> segments() {
    return guests.segments().stream().map(SegmentSummary::of).toList();
  }

  record SegmentRequest(String name, String tag) {}

  @PostMapping("/api/guest-segments")
  ResponseEntity<SegmentSummary> createSegment(
      @RequestBody SegmentRequest request, Principal caller) {
    if (request == null) {
      throw InvalidRequestException.of("name", "is required");
    }
    GuestSegment s = guests.createSegment(request.name(), request.tag(), caller.getName());
    return ResponseEntity.created(URI.create("/api/guest-segments/" + s.id()))
        .body(
            new SegmentSummary(
                s.id(), s.name(), s.tag(), guests.list(null, s.tag(), 1, 1).total()));
  }

  @GetMapping("/api/guest-segments/{id}")
  SegmentMembers segment(
      @PathVariable long id,
      @RequestParam(defaultValue = "1") int page,
      @RequestParam(defaultValue = "200") int size) {
    GuestSegment s = guests.segment(id);
    ProfileReads.Page members =
        guests.list(null, s.tag(), Math.max(page, 1), Math.clamp(size, 1, 500));
    return new SegmentMembers(s.id(), s.name(), s.tag(), members.total(), members.lines());
  }

  @DeleteMapping("/api/guest-segments/{id}")
  ResponseEntity<Void> deleteSegment(@PathVariable long id) {
    guests.deleteSegment(id);
    return ResponseEntity.noContent().build();
  }
}
