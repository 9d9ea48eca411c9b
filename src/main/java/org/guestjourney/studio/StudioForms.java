package org.guestjourney.studio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.guestjourney.audit.AuditLog;
import org.guestjourney.forms.CamundaForms;
import org.guestjourney.web.InvalidRequestException;
import org.guestjourney.web.NotFoundException;
import org.springframework.stereotype.Service;

/**
 * The studio's forms (form-js JSON of staff tasks and guest surveys): edited as drafts, checked on
 * the server and deployed with who, when and why in {@code form_version} and the audit trail. A
 * form must keep every field of the packaged form with a value of the same kind: the journeys'
 * gateways, the workers and the numbers read them (ADR 0074).
 */
@Service
public class StudioForms {

  static final String KIND = "form";
  static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9.-]{0,60}");
  static final int MAX_SCHEMA = 200_000;
  private static final Pattern FIELD_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,60}");

  private final CamundaForms forms;
  private final StudioDrafts drafts;
  private final AuditLog audit;
  private final ObjectMapper json;
  private final Clock clock;

  StudioForms(
      CamundaForms forms, StudioDrafts drafts, AuditLog audit, ObjectMapper json, Clock clock) {
    this.forms = forms;
    this.drafts = drafts;
    this.audit = audit;
    this.json = json;
    this.clock = clock;
  }

  /** A form as the studio lists it: its fields in words, the version in use and any draft. */
  public record Form(
      String key,
      List<String> fields,
      int version,
      Instant deployedAt,
      String deployedBy,
      String comment,
      Instant draftSavedAt,
      String draftSavedBy) {}

  public List<Form> list() {
    return forms.packagedKeys().stream().map(this::form).toList();
  }

  public Form form(String key) {
    if (!NAME.matcher(key).matches() || !forms.packagedKeys().contains(key)) {
      throw new NotFoundException("No form " + key);
    }
    var latest = forms.latestVersion(key);
    var draft = drafts.find(KIND, key);
    List<String> fields = new ArrayList<>();
    JsonNode schema = forms.schema(key);
    for (JsonNode c : components(schema)) {
      if (c.hasNonNull("key") && CamundaForms.isInput(c.path("type").asText())) {
        fields.add(c.path("label").asText(c.path("key").asText()));
      }
    }
    return new Form(
        key,
        fields,
        latest.map(CamundaForms.FormVersion::version).orElse(1),
        latest.map(CamundaForms.FormVersion::deployedAt).orElse(null),
        latest.map(CamundaForms.FormVersion::deployedBy).orElse(null),
        latest.map(CamundaForms.FormVersion::comment).orElse(null),
        draft.map(StudioDrafts.Draft::savedAt).orElse(null),
        draft.map(StudioDrafts.Draft::savedBy).orElse(null));
  }

  /** The form to edit: the draft if there is one, else the version in use. */
  public String schema(String key) {
    form(key);
    return drafts
        .find(KIND, key)
        .map(StudioDrafts.Draft::content)
        .orElseGet(() -> forms.schema(key).toPrettyString());
  }

  public boolean hasDraft(String key) {
    return drafts.find(KIND, key).isPresent();
  }

  public void saveDraft(String key, String schema, String by) {
    form(key);
    requireSchema(schema);
    try {
      json.readTree(schema);
    } catch (Exception e) {
      throw InvalidRequestException.of("schema", "is not a form (JSON): " + e.getMessage());
    }
    drafts.save(KIND, key, schema, by);
    audit.record(by, "CHANGE", "Saved a draft of form " + key, "form", null, null, 200);
  }

  public void discardDraft(String key, String by) {
    if (drafts.remove(KIND, key)) {
      audit.record(by, "CHANGE", "Discarded the draft of form " + key, "form", null, null, 200);
    }
  }

  /** Our checks of an edited form: its shape, its field keys, and the fields the app reads. */
  public List<ModelProblem> check(String key, String schemaText) {
    form(key);
    JsonNode schema;
    try {
      schema = json.readTree(schemaText);
    } catch (Exception e) {
      return List.of(ModelProblem.error(null, "json", "This is not a form: " + e.getMessage()));
    }
    if (schema == null || !schema.path("components").isArray()) {
      return List.of(ModelProblem.error(null, "json", "This is not a form: it has no components"));
    }
    List<ModelProblem> problems = new ArrayList<>();
    if (!key.equals(schema.path("id").asText())) {
      problems.add(
          ModelProblem.error(
              null,
              "same-form",
              "The form's id is \""
                  + schema.path("id").asText()
                  + "\", not "
                  + key
                  + ": keep the form's id (the tasks name it)"));
    }
    Set<String> seen = new HashSet<>();
    for (JsonNode c : components(schema)) {
      if (!CamundaForms.isInput(c.path("type").asText())) {
        continue;
      }
      String field = c.path("key").asText("");
      String label = c.path("label").asText(field);
      if (!FIELD_KEY.matcher(field).matches()) {
        problems.add(
            ModelProblem.error(
                c.path("id").asText(null),
                "field-key",
                "Field \""
                    + label
                    + "\": its key \""
                    + field
                    + "\" must be letters, digits or _ (a name the journeys can read)"));
      } else if (!seen.add(field)) {
        problems.add(
            ModelProblem.error(
                c.path("id").asText(null),
                "field-key",
                "Field \"" + label + "\": the key " + field + " is used twice"));
      }
    }
    Map<String, String> now = CamundaForms.inputFields(schema);
    for (var needed : CamundaForms.inputFields(forms.packagedSchema(key)).entrySet()) {
      String field = needed.getKey();
      String type = now.get(field);
      if (type == null) {
        problems.add(
            ModelProblem.error(
                field,
                "needed-field",
                "Field "
                    + field
                    + " is missing: the journeys and the app read it from this form;"
                    + " keep a field with the key "
                    + field));
      } else if (!kind(type).equals(kind(needed.getValue()))) {
        problems.add(
            ModelProblem.error(
                field,
                "needed-field",
                "Field "
                    + field
                    + " must stay a "
                    + kind(needed.getValue())
                    + " field (the journeys and the app read it so), not "
                    + type));
      }
    }
    return problems;
  }

  /** The outcome of a deployment: the new version, or the problems that refused it. */
  public record Deployment(Integer version, List<ModelProblem> problems) {
    public boolean deployed() {
      return version != null;
    }
  }

  public Deployment deploy(String key, String schemaText, String comment, String by) {
    requireSchema(schemaText);
    List<ModelProblem> problems = check(key, schemaText);
    if (problems.stream().anyMatch(ModelProblem::isError)) {
      audit.record(
          by,
          "DEPLOY",
          "Deployment of form " + key + " refused: " + problems.size() + " problem(s)",
          "form",
          null,
          null,
          422);
      return new Deployment(null, problems);
    }
    String note = comment == null || comment.isBlank() ? null : comment.strip();
    int version = forms.deploy(key, schemaText, by, note, clock.instant());
    drafts.remove(KIND, key);
    audit.record(
        by,
        "DEPLOY",
        "Deployed form " + key + " version " + version + (note == null ? "" : ": " + note),
        "form",
        null,
        null,
        200);
    return new Deployment(version, problems);
  }

  static void requireSchema(String schema) {
    if (schema == null || schema.isBlank()) {
      throw InvalidRequestException.of("schema", "is required");
    }
    if (schema.length() > MAX_SCHEMA) {
      throw InvalidRequestException.of("schema", "is longer than " + MAX_SCHEMA + " characters");
    }
  }

  private static String kind(String type) {
    return switch (type) {
      case "checkbox" -> "yes/no";
      case "number" -> "number";
      default -> "text or choice";
    };
  }

  private static List<JsonNode> components(JsonNode node) {
    List<JsonNode> all = new ArrayList<>();
    node.path("components")
        .forEach(
            c -> {
              all.add(c);
              all.addAll(components(c));
            });
    return all;
  }
}
