package org.guestjourney.web;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Words the app makes in Java for staff pages, in the language of the page (ADR 0067): {@link #say}
 * resolves a bundle key with the request's locale ({@code LocaleContextHolder}, set by the staff
 * locale resolver); {@link #label} gives a label of the shipped journey models in the page's
 * language; {@link #reason} shows a recorded reason (stored in English for logs and the API) in the
 * page's language when its shape is known, and as recorded otherwise; {@link #plain} says, in
 * words, what the app records for operators: a reason that names a configuration setting ("no
 * sender configured (GUEST_JOURNEY_TWILIO_SMSFROM)") is shown as what to do and where to read about
 * it. Logs, the API and the stored records keep the setting's name for whoever runs the app.
 * Templates call it as {@code ${@staffWords.plain(text)}}.
 */
@Component("staffWords")
public class StaffWords {

  /** Where operators read how to set the app up. */
  static final String README = "the “Configuration” section of the README";

  private static final String SETTING =
      "(?:GUEST_?JOURNEY|SPRING)_[A-Z0-9_]+(?:<[^>]*>|[A-Za-z0-9]*)";

  /** A parenthesis naming settings, e.g. "(set SPRING_MAIL_HOST to deliver e-mail)". */
  private static final Pattern NAMED_SETTINGS =
      Pattern.compile("\\s*\\((?:[^()]*?)" + SETTING + "(?:[^()]*?)\\)");

  private static final Pattern ANY_SETTING = Pattern.compile(SETTING);

  /**
   * Known shapes of recorded reasons (English, as stored), each with the bundle key that says it in
   * another language; the groups are its arguments (a first argument that is a model's label is
   * translated too).
   */
  private static final List<Shape> SHAPES = new ArrayList<>();

  private record Shape(Pattern pattern, String key, boolean firstIsLabel) {}

  private static void shape(String regex, String key) {
    SHAPES.add(new Shape(Pattern.compile(regex, Pattern.DOTALL), key, false));
  }

  private static void labelShape(String regex, String key) {
    SHAPES.add(new Shape(Pattern.compile(regex, Pattern.DOTALL), key, true));
  }

  static {
    String readme = "(?: — whoever runs the app sets this up \\(see .*?\\))?";
    String setting = "(?: \\([^()]*\\))?";
    labelShape("Its moment had passed; it went with the (.+)", "reason.wentwith.passed");
    labelShape(
        "To keep the stay within its message budget it went with the (.+)",
        "reason.wentwith.budget");
    labelShape(
        "Goes with the (.+): the stay's message budget is (\\d+) automated messages \\(house"
            + " setting\\)",
        "reason.goeswith");
    shape(
        "Left out: the stay would get (\\d+) automated messages, more than its budget of (\\d+)"
            + " \\(house setting\\); this step is optional",
        "reason.leftout");
    shape(
        "Spaced out: another message went to this guest a moment ago; goes at (.+)",
        "reason.spaced");
    shape("Waiting for the end of quiet hours: goes at (.+)", "reason.quiet");
    shape(
        "Frequency cap: (\\d+) messages already went to this guest today \\(the property's cap per"
            + " day\\); goes at (.+)",
        "reason.cap.day");
    shape(
        "Frequency cap: (\\d+) messages already went to this guest during this stay \\(the"
            + " property's cap is (\\d+) per stay\\); not sent",
        "reason.cap.stay");
    shape(
        "Stale: due at (.+) but its turn came at (.+) \\(more than (.+) late\\); not sent late",
        "reason.stale");
    shape("The booking was cancelled before this message was due", "reason.cancelled");
    shape("The booking was cancelled on (.+)", "reason.cancelled.on");
    shape(
        "Automation paused for this guest by (.+?) on (.+?)(?: \\((.*)\\))?; not sent",
        "reason.paused");
    shape(
        "Kept in the app only: no SMTP server is configured" + setting + readme,
        "reason.keptinapp");
    shape(
        "SMS/WhatsApp disabled: no Twilio account configured" + setting + readme,
        "reason.twilio.none");
    shape(
        "SMS/WhatsApp disabled for this property: no auth token for its Twilio account.*",
        "reason.twilio.token");
    shape("SMS disabled: no sender configured" + setting + readme, "reason.sms.nosender");
    shape("WhatsApp disabled: no sender configured" + setting + readme, "reason.whatsapp.nosender");
    shape("on, from (.+)", "reason.on.from");
    shape("Planned", "reason.planned");
    shape("Sending", "reason.sending");
    shape(
        "Sending again \\(attempt (\\d+)\\): attempt (\\d+) ended without an outcome.*",
        "reason.sending.again");
    shape("Text edited by (.+)", "reason.edited");
    shape("Stands in for message (\\d+)", "reason.standsin");
    labelShape("Planned as (.+) fallback for message (\\d+)", "reason.fallback");
    shape("No SMS fallback: (.+)", "reason.nofallback");
    shape("not available in this installation", "reason.notinstalled");
    shape("the guest has no e-mail address", "reason.noemail");
    shape("the guest has no phone number", "reason.nophone");
    shape("the guest unsubscribed from surveys and review requests", "reason.unsubscribed");
    shape("the guest reported our e-mail as spam", "reason.spam");
    shape("the guest opted out", "reason.optedout");
    shape("Accepted by the SMTP server", "reason.smtp.accepted");
    shape("Accepted by Twilio \\(status (.+)\\)", "reason.twilio.accepted");
    shape("Found at Twilio \\(status (.+)\\)", "reason.twilio.found");
    shape("journey", "conversation.author.journey");
    shape("staff reply", "conversation.author.staffreply");
    shape("edited by (.+)", "conversation.author.editedby");
    shape("The mail server refused the recipient: (.+)", "reason.refused");
  }

  private static final Pattern NO_WAY =
      Pattern.compile("No way to reach the guest: (.+)", Pattern.DOTALL);

  private final MessageSource messages;

  /** Without a message source: {@link #plain} only, every text as recorded (unit tests). */
  public StaffWords() {
    this(null);
  }

  @Autowired
  public StaffWords(MessageSource messages) {
    this.messages = messages;
  }

  public String plain(String text) {
    if (text == null || !ANY_SETTING.matcher(text).find()) {
      return text;
    }
    String withoutNames =
        NAMED_SETTINGS
            .matcher(text)
            .replaceAll(
                java.util.regex.Matcher.quoteReplacement(
                    " — whoever runs the app sets this up (see " + README + ")"));
    // a name outside parentheses: the same advice instead of it
    return ANY_SETTING.matcher(withoutNames).replaceAll("a setting of the app");
  }

  /**
   * A recorded reason shown next to other recorded facts (a task's details): in English exactly as
   * recorded, in another language as {@link #reason} says it.
   */
  public String recorded(String text) {
    return english() ? text : reason(text);
  }

  /** The page's language (the request's locale; English outside a request's page). */
  public Locale locale() {
    return LocaleContextHolder.getLocale();
  }

  private boolean english() {
    return messages == null || !"zh".equals(locale().getLanguage());
  }

  /** The bundle's words for {@code key} with {@code args}, in the page's language. */
  public String say(String key, Object... args) {
    return messages.getMessage(key, args, locale());
  }

  /** The bundle's words for {@code key}, or {@code fallback} when the bundles have none. */
  public String sayOr(String key, String fallback, Object... args) {
    return messages.getMessage(key, args, fallback, locale());
  }

  /**
   * A label of the journey models (a step, a task, a condition, a journey's name) in the page's
   * language: the bundle's translation of the label as shipped ({@code label.<words-of-it>}), else
   * the label as the model has it (a manager's own words are shown as written).
   */
  public String label(String text) {
    if (text == null || text.isBlank() || english()) {
      return text;
    }
    String translated = known(text);
    if (translated != null) {
      return translated;
    }
    // two words of the models side by side, e.g. a chart's "email sent"
    String[] two = text.strip().split(" ");
    if (two.length == 2) {
      String first = known(two[0]);
      String second = known(two[1]);
      if (first != null && second != null) {
        return first + second;
      }
    }
    return text;
  }

  /** Several labels (e.g. teams) in the page's language, joined as the language lists them. */
  public String labels(java.util.Collection<String> texts) {
    if (texts == null) {
      return "";
    }
    return texts.stream()
        .map(this::label)
        .collect(java.util.stream.Collectors.joining(english() ? ", " : "、"));
  }

  /**
   * A staff form (form-js schema) in the page's language: the labels, descriptions and texts of the
   * shipped forms translated as {@link #label} does, on a copy; the form as it is in English.
   */
  public com.fasterxml.jackson.databind.JsonNode form(
      com.fasterxml.jackson.databind.JsonNode schema) {
    if (schema == null || english()) {
      return schema;
    }
    com.fasterxml.jackson.databind.JsonNode copy = schema.deepCopy();
    translateForm(copy);
    return copy;
  }

  private void translateForm(com.fasterxml.jackson.databind.JsonNode node) {
    if (node instanceof com.fasterxml.jackson.databind.node.ObjectNode object) {
      for (String field : List.of("label", "description", "text", "placeholder")) {
        if (object.get(field) != null && object.get(field).isTextual()) {
          object.put(field, label(object.get(field).asText()));
        }
      }
      object.forEach(this::translateForm);
    } else if (node != null && node.isArray()) {
      node.forEach(this::translateForm);
    }
  }

  /** A word of the models ("urgent", "noise complaint") in the page's language, else itself. */
  public String word(String text) {
    return label(text);
  }

  /**
   * A plan step's condition as the planner words it from the model's labels ("if Arrival time
   * known? no, No answer after 3 days comes first") in the page's language; as written when a part
   * of it is not a shipped label.
   */
  public String condition(String text) {
    if (text == null || english() || !text.startsWith("if ")) {
      return text;
    }
    String[] pieces = text.substring(3).split(", ");
    List<String> said = new ArrayList<>();
    String pending = null;
    for (String piece : pieces) {
      String part = pending == null ? piece : pending + ", " + piece;
      String one = conditionPart(part);
      if (one == null) {
        pending = part;
      } else {
        said.add(one);
        pending = null;
      }
    }
    if (pending != null) {
      return text;
    }
    return say("plan.if", String.join("，", said));
  }

  /** "Gateway? outcome" or "Event comes first" in the page's language, null when not known. */
  private String conditionPart(String part) {
    if (part.endsWith(" comes first")) {
      String event = part.substring(0, part.length() - " comes first".length());
      String t = known(event);
      return t == null ? null : say("plan.comesfirst", t);
    }
    for (int i = part.indexOf(' '); i > 0; i = part.indexOf(' ', i + 1)) {
      String gateway = known(part.substring(0, i));
      String outcome = known(part.substring(i + 1));
      if (gateway != null && outcome != null) {
        return gateway + outcome;
      }
    }
    return null;
  }

  private String known(String label) {
    return messages.getMessage(labelKey(label), null, null, locale());
  }

  static String labelKey(String text) {
    String slug =
        text.strip()
            .toLowerCase(Locale.ROOT)
            .replaceAll("[^a-z0-9]+", "-")
            .replaceAll("^-+|-+$", "");
    return "label." + slug;
  }

  /**
   * A recorded reason (English) on a page: in English as {@link #plain} says it, in another
   * language its known shape in that language, else as recorded (without setting names).
   */
  public String reason(String text) {
    if (text == null || english()) {
      return plain(text);
    }
    String stripped = text.strip();
    Matcher none = NO_WAY.matcher(stripped);
    if (none.matches()) {
      // "No way to reach the guest: email: why; sms: why", each channel's reason in words
      List<String> why = new ArrayList<>();
      for (String part : none.group(1).split("; (?=[a-z]+: )")) {
        int colon = part.indexOf(": ");
        if (colon < 0) {
          return plain(text);
        }
        why.add(label(part.substring(0, colon)) + "：" + reason(part.substring(colon + 2)));
      }
      return say("reason.noway", String.join("；", why));
    }
    for (Shape s : SHAPES) {
      Matcher m = s.pattern().matcher(stripped);
      if (m.matches()) {
        Object[] args = new Object[m.groupCount()];
        for (int i = 0; i < args.length; i++) {
          String g = m.group(i + 1);
          args[i] = g == null ? "" : (i == 0 && s.firstIsLabel() ? label(capitalised(g)) : g);
        }
        String said = messages.getMessage(s.key(), args, null, locale());
        if (said != null) {
          return said;
        }
      }
    }
    return plain(text);
  }

  /** The usual rules of a refused field ("must be between 2 and 30") and their bundle keys. */
  private static final List<Shape> RULES =
      List.of(
          new Shape(Pattern.compile("is required"), "rule.required", false),
          new Shape(
              Pattern.compile("must be between (-?\\d+) and (-?\\d+)"), "rule.between", false),
          new Shape(Pattern.compile("must be a whole number"), "rule.number", false),
          new Shape(Pattern.compile("must be a time such as (.+)"), "rule.time", false),
          new Shape(
              Pattern.compile("must be an https:// link without spaces"), "rule.https", false),
          new Shape(Pattern.compile("must be at most (\\d+) characters"), "rule.maxlength", false));

  /**
   * A refusal of a staff form ("messageBudget must be between 2 and 30; …", as {@code
   * InvalidRequestException.describe} says it) on a page: in English as it is; in another language
   * each field by its label on the form ({@code labelPrefix + field}) and each usual rule in words,
   * else as recorded.
   */
  public String refusal(String text, String labelPrefix) {
    if (text == null || english()) {
      return plain(text);
    }
    List<String> said = new ArrayList<>();
    for (String violation : text.split("; ")) {
      int space = violation.indexOf(' ');
      if (space < 0) {
        return plain(text);
      }
      String field = violation.substring(0, space);
      String rule = violation.substring(space + 1);
      String label = messages.getMessage(labelPrefix + field, null, null, locale());
      String words = null;
      for (Shape r : RULES) {
        Matcher m = r.pattern().matcher(rule);
        if (m.matches()) {
          Object[] args = new Object[m.groupCount()];
          for (int i = 0; i < args.length; i++) {
            args[i] = m.group(i + 1);
          }
          words = messages.getMessage(r.key(), args, null, locale());
        }
      }
      if (label == null || words == null) {
        return plain(text);
      }
      said.add(say("rule.field", label, words));
    }
    return String.join("；", said);
  }

  private static String capitalised(String s) {
    return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
  }

  /**
   * A moment of a message's history: "1 Dec 10:00:05" in the page's language (the zone is shown
   * above).
   */
  public String whenShort(Instant instant, ZoneId zone) {
    String pattern =
        messages == null
            ? "d MMM HH:mm:ss"
            : messages.getMessage("datetime.seconds", null, "d MMM HH:mm:ss", locale());
    return DateTimeFormatter.ofPattern(pattern, english() ? Locale.ENGLISH : locale())
        .format(instant.atZone(zone));
  }

  /** A moment on a staff page: "Tue 1 Dec 2026, 10:00 Europe/Rome" in the page's language. */
  public String when(Instant instant, ZoneId zone) {
    if (instant == null) {
      return "";
    }
    String pattern =
        messages == null
            ? "EEE d MMM yyyy, HH:mm"
            : messages.getMessage("datetime.weekday", null, "EEE d MMM yyyy, HH:mm", locale());
    return DateTimeFormatter.ofPattern(pattern, english() ? Locale.ENGLISH : locale())
            .format(instant.atZone(zone))
        + " "
        + zone.getId();
  }
}
