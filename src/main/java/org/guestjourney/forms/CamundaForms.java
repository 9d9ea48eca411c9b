package org.guestjourney.forms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.guestjourney.web.FieldViolation;
import org.guestjourney.web.InvalidRequestException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The Camunda forms of {@code forms/} (form-js JSON): served to the browser as they are, and
 * applied on the server to what is submitted, so a required field holds even without the browser's
 * checks. Only the form's own fields reach the process, typed as the form says.
 */
@Component
public class CamundaForms {

  private static final Set<String> INPUTS =
      Set.of("textfield", "textarea", "number", "checkbox", "select", "radio", "datetime");
  private static final int DEFAULT_MAX_LENGTH = 5000;

  private final ObjectMapper json;
  private final JdbcClient jdbc;

  /** Forms as packaged in {@code forms/} only (no database). */
  public CamundaForms(ObjectMapper json) {
    this(json, null);
  }

  @Autowired
  public CamundaForms(ObjectMapper json, JdbcClient jdbc) {
    this.json = json;
    this.jdbc = jdbc;
  }

  /** The form as deployed last: a manager's version from the studio, else the packaged one. */
  public JsonNode schema(String formKey) {
    requireKey(formKey);
    if (jdbc != null) {
      var deployed =
          jdbc.sql(
                  "select schema from form_version where form_key = ?"
                      + " order by deployed_seq desc limit 1")
              .param(formKey)
              .query(String.class)
              .optional();
      if (deployed.isPresent()) {
        try {
          return json.readTree(deployed.get());
        } catch (IOException e) {
          throw new IllegalStateException("Form '" + formKey + "' cannot be read", e);
        }
      }
    }
    return packagedSchema(formKey);
  }

  /** A deployed version of a form. */
  public record FormVersion(
      String formKey,
      int version,
      java.time.Instant deployedAt,
      String deployedBy,
      String comment) {}

  /** The latest version a manager deployed, if any (else the packaged form is used). */
  public java.util.Optional<FormVersion> latestVersion(String formKey) {
    requireKey(formKey);
    return jdbc.sql(
            "select form_key, version, deployed_at, deployed_by, comment from form_version"
                + " where form_key = ? order by deployed_seq desc limit 1")
        .param(formKey)
        .query(
            (rs, row) ->
                new FormVersion(
                    rs.getString("form_key"),
                    rs.getInt("version"),
                    org.guestjourney.persistence.JdbcTime.instant(rs, "deployed_at"),
                    rs.getString("deployed_by"),
                    rs.getString("comment")))
        .optional();
  }

  /**
   * Records {@code schema} as the form's next version (used from the next task or survey shown);
   * returns its number (the packaged form counts as version 1).
   */
  public int deploy(
      String formKey, String schema, String deployedBy, String comment, java.time.Instant at) {
    requireKey(formKey);
    return jdbc.sql(
            """
            insert into form_version (form_key, schema, version, deployed_at, deployed_by, comment)
            values (?, ?, (select coalesce(max(version), 1) + 1 from form_version
                            where form_key = ?), ?, ?, ?)
            returning version
            """)
        .params(formKey, schema, formKey, java.sql.Timestamp.from(at), deployedBy, comment)
        .query(Integer.class)
        .single();
  }

  private volatile List<String> packagedKeys;

  /** The keys of the forms packaged in {@code forms/} (read once: the jar does not change). */
  public List<String> packagedKeys() {
    if (packagedKeys == null) {
      packagedKeys = readPackagedKeys();
    }
    return packagedKeys;
  }

  private static List<String> readPackagedKeys() {
    try {
      List<String> keys = new ArrayList<>();
      for (var r :
          new org.springframework.core.io.support.PathMatchingResourcePatternResolver()
              .getResources("classpath*:forms/*.form")) {
        String name = r.getFilename();
        if (name != null) {
          keys.add(name.substring(0, name.length() - ".form".length()));
        }
      }
      return keys.stream().sorted().distinct().toList();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The form as packaged in {@code forms/}. */
  public JsonNode packagedSchema(String formKey) {
    requireKey(formKey);
    ClassPathResource resource = new ClassPathResource("forms/" + formKey + ".form");
    if (!resource.exists()) {
      throw new IllegalStateException("No form '" + formKey + "' in forms/");
    }
    try (InputStream in = resource.getInputStream()) {
      return json.readTree(in);
    } catch (IOException e) {
      throw new IllegalStateException("Form '" + formKey + "' cannot be read", e);
    }
  }

  /**
   * What may be kept of a form filled in part (a draft): only the form's own fields, values that
   * are on a field's list, text cut to the field's maximum length; nothing is required.
   */
  public Map<String, Object> keepFields(String formKey, Map<String, Object> typed) {
    Map<String, Object> kept = new LinkedHashMap<>();
    for (JsonNode component : components(schema(formKey))) {
      String type = component.path("type").asText();
      String key = component.path("key").asText(null);
      Object raw = typed == null || key == null ? null : typed.get(key);
      if (raw == null || !INPUTS.contains(type)) {
        continue;
      }
      if (type.equals("checkbox")) {
        kept.put(key, Boolean.TRUE.equals(raw) || "true".equals(raw));
        continue;
      }
      String text = raw.toString();
      if (type.equals("select") || type.equals("radio")) {
        List<String> allowed = new ArrayList<>();
        component.path("values").forEach(v -> allowed.add(v.path("value").asText()));
        if (!allowed.isEmpty() && !allowed.contains(text)) {
          continue;
        }
      }
      int max = component.path("validate").path("maxLength").asInt(DEFAULT_MAX_LENGTH);
      kept.put(key, text.length() > max ? text.substring(0, max) : text);
    }
    return kept;
  }

  /**
   * What of a completed form the process may carry: ticks, numbers and choices from a list (what
   * gateways decide on). What a person typed (text fields and areas) stays in PostgreSQL with the
   * capability that owns it and never becomes a process variable.
   */
  public Map<String, Object> forProcess(String formKey, Map<String, Object> values) {
    Map<String, Object> kept = new LinkedHashMap<>();
    for (JsonNode component : components(schema(formKey))) {
      String type = component.path("type").asText();
      String key = component.path("key").asText(null);
      if (key != null
          && values.containsKey(key)
          && (type.equals("checkbox")
              || type.equals("number")
              || type.equals("select")
              || type.equals("radio"))) {
        kept.put(key, values.get(key));
      }
    }
    return kept;
  }

  /** Checks the submitted values against the form and returns them typed for the process. */
  public Map<String, Object> apply(String formKey, Map<String, Object> submitted) {
    Map<String, Object> values = new LinkedHashMap<>();
    List<FieldViolation> problems = new ArrayList<>();
    for (JsonNode component : components(schema(formKey))) {
      String type = component.path("type").asText();
      String key = component.path("key").asText(null);
      if (key == null || !INPUTS.contains(type)) {
        continue;
      }
      String label = component.path("label").asText(key);
      boolean required = component.path("validate").path("required").asBoolean(false);
      Object raw = submitted == null ? null : submitted.get(key);
      switch (type) {
        case "checkbox" -> {
          boolean checked = Boolean.TRUE.equals(raw) || "true".equals(raw);
          if (required && !checked) {
            problems.add(new FieldViolation(key, label + ": must be ticked"));
          }
          values.put(key, checked);
        }
        case "number" -> {
          if (raw == null || raw.toString().isBlank()) {
            if (required) {
              problems.add(new FieldViolation(key, label + ": is required"));
            }
          } else {
            try {
              values.put(key, new java.math.BigDecimal(raw.toString()));
            } catch (NumberFormatException e) {
              problems.add(new FieldViolation(key, label + ": must be a number"));
            }
          }
        }
        default -> {
          String text = raw == null ? null : raw.toString().strip();
          if (text == null || text.isEmpty()) {
            if (required) {
              problems.add(new FieldViolation(key, label + ": is required"));
            }
            continue;
          }
          if (type.equals("select") || type.equals("radio")) {
            List<String> allowed = new ArrayList<>();
            component.path("values").forEach(v -> allowed.add(v.path("value").asText()));
            if (!allowed.isEmpty() && !allowed.contains(text)) {
              problems.add(new FieldViolation(key, label + ": must be one of " + allowed));
              continue;
            }
          }
          String pattern = component.path("validate").path("pattern").asText("");
          if (!pattern.isEmpty()
              && !java.util.regex.Pattern.compile(pattern).matcher(text).find()) {
            String hint =
                component.path("validate").path("patternErrorMessage").asText("has the wrong form");
            problems.add(new FieldViolation(key, label + ": " + hint));
            continue;
          }
          int max = component.path("validate").path("maxLength").asInt(DEFAULT_MAX_LENGTH);
          if (text.length() > max) {
            problems.add(new FieldViolation(key, label + ": at most " + max + " characters"));
            continue;
          }
          values.put(key, text);
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidRequestException(problems);
    }
    return values;
  }

  private static void requireKey(String formKey) {
    if (formKey == null || !formKey.matches("[a-zA-Z0-9.-]+") || formKey.contains("..")) {
      throw new IllegalStateException("No form '" + formKey + "' in forms/");
    }
  }

  /** The input fields of a form (nested ones too): key → type. */
  public static Map<String, String> inputFields(JsonNode schema) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (JsonNode c : components(schema)) {
      String key = c.path("key").asText(null);
      if (key != null && INPUTS.contains(c.path("type").asText())) {
        fields.putIfAbsent(key, c.path("type").asText());
      }
    }
    return fields;
  }

  /** The field types a form may use for values the app reads. */
  public static boolean isInput(String type) {
    return INPUTS.contains(type);
  }

  static List<JsonNode> components(JsonNode node) {
    List<JsonNode> all = new ArrayList<>();
    node.path("components")
        .forEach(
            c -> {
              all.add(c);
              all.addAll(components(c)); // groups and dynamic lists nest components
            });
    return all;
  }
}
