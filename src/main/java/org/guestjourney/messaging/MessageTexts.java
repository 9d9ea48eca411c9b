package org.guestjourney.messaging;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.guestjourney.booking.Booking;
import org.guestjourney.guest.Guest;
import org.guestjourney.property.Property;
import org.guestjourney.web.ControlCharacters;
import org.guestjourney.web.Violations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A manager's own texts of a message, per property and language, that replace the packaged
 * templates for that house. They are plain text with {@code {{variables}}} from a fixed list (no
 * template language: nothing a manager types is evaluated); the renderer escapes the result like
 * any other value.
 */
@Component
public class MessageTexts {

  static final Pattern VARIABLE = Pattern.compile("\\{\\{\\s*([a-zA-Z.]+)\\s*}}");
  static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9-]{0,80}");
  private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

  /** A variable a message may use: what it says, and its value for a guest's stay. */
  public record Variable(
      String name, String meaning, Function<Map<String, Object>, Object> value) {}

  private static final Map<String, Variable> VARIABLES = new LinkedHashMap<>();

  static {
    add("guest.name", "the guest's full name", m -> guest(m).map(Guest::fullName));
    add("property.name", "the house's name", m -> property(m).map(Property::name));
    add("property.address", "address", m -> property(m).map(Property::address));
    add("property.directions", "directions", m -> property(m).map(Property::directions));
    add("property.keyHandover", "key handover", m -> property(m).map(Property::keyHandover));
    add("property.wifi", "Wi-Fi", m -> property(m).map(Property::wifiDetails));
    add(
        "property.houseManualUrl",
        "house manual link",
        m -> property(m).map(Property::houseManualUrl));
    add(
        "property.checkInTime",
        "check-in from (HH:mm)",
        m -> property(m).map(p -> HH_MM.format(p.checkInTime())));
    add(
        "property.checkOutTime",
        "check-out by (HH:mm)",
        m -> property(m).map(p -> HH_MM.format(p.checkOutTime())));
    add(
        "property.cancellationPolicy",
        "cancellation policy",
        m -> property(m).map(Property::cancellationPolicy));
    add("property.deposit", "deposit", m -> property(m).map(Property::depositTerms));
    add("property.fees", "extra fees", m -> property(m).map(Property::extraFees));
    add("property.phone", "the house's phone", m -> property(m).map(Property::contactPhone));
    add("booking.arrivalDate", "arrival date", m -> booking(m).map(Booking::arrivalDate));
    add("booking.departureDate", "departure date", m -> booking(m).map(Booking::departureDate));
    add("booking.nights", "nights", m -> booking(m).map(Booking::nights));
  }

  private static void add(
      String name, String meaning, Function<Map<String, Object>, Optional<?>> value) {
    VARIABLES.put(name, new Variable(name, meaning, m -> value.apply(m).orElse(null)));
  }

  private static Optional<Guest> guest(Map<String, Object> m) {
    return m.get("guest") instanceof Guest g ? Optional.of(g) : Optional.empty();
  }

  private static Optional<Property> property(Map<String, Object> m) {
    return m.get("property") instanceof Property p ? Optional.of(p) : Optional.empty();
  }

  private static Optional<Booking> booking(Map<String, Object> m) {
    return m.get("booking") instanceof Booking b ? Optional.of(b) : Optional.empty();
  }

  /** A message's own texts for a house and language; empty parts fall back to the packaged ones. */
  public record MessageText(
      String emailSubject,
      @org.guestjourney.web.MultiLine String emailBody,
      @org.guestjourney.web.MultiLine String smsText) {
    public boolean hasEmail() {
      return emailSubject != null && emailBody != null;
    }

    public boolean hasSms() {
      return smsText != null;
    }
  }

  private final JdbcClient jdbc;
  private final Clock clock;

  MessageTexts(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  public static List<Variable> variables() {
    return List.copyOf(VARIABLES.values());
  }

  public Optional<MessageText> find(long propertyId, String key, String language) {
    return jdbc.sql(
            "select email_subject, email_body, sms_text from message_text"
                + " where property_id = ? and message_key = ? and language = ?")
        .params(propertyId, key, language)
        .query(
            (rs, row) ->
                new MessageText(
                    rs.getString("email_subject"),
                    rs.getString("email_body"),
                    rs.getString("sms_text")))
        .optional();
  }

  /** The house's own texts for the message being rendered ({@code property} in the model). */
  Optional<MessageText> forModel(String key, String language, Map<String, Object> model) {
    return property(model).flatMap(p -> find(p.id(), key, language));
  }

  /** Checks a text; every problem names its field (emailSubject, emailBody, smsText). */
  public static void validate(MessageText text, Violations v) {
    ControlCharacters.check(text, v);
    v.maxLength(text.emailSubject(), 200, "emailSubject");
    v.maxLength(text.emailBody(), 10_000, "emailBody");
    v.maxLength(text.smsText(), 1_600, "smsText");
    v.check(
        (text.emailSubject() == null) == (text.emailBody() == null),
        text.emailSubject() == null ? "emailSubject" : "emailBody",
        "is required with the e-mail's " + (text.emailSubject() == null ? "body" : "subject"));
    v.check(text.hasEmail() || text.hasSms(), "emailBody", "or smsText is required: write a text");
    unknownVariables(text.emailSubject(), "emailSubject", v);
    unknownVariables(text.emailBody(), "emailBody", v);
    unknownVariables(text.smsText(), "smsText", v);
  }

  private static void unknownVariables(String text, String field, Violations v) {
    if (text == null) {
      return;
    }
    Matcher m = VARIABLE.matcher(text);
    while (m.find()) {
      v.check(
          VARIABLES.containsKey(m.group(1)),
          field,
          "uses {{" + m.group(1) + "}}, which is not a variable a message may use");
    }
  }

  public void save(long propertyId, String key, String language, MessageText text, String by) {
    jdbc.sql(
            """
            insert into message_text (property_id, message_key, language, email_subject,
              email_body, sms_text, updated_by, updated_at)
            values (?, ?, ?, ?, ?, ?, ?, ?)
            on conflict (property_id, message_key, language) do update
              set email_subject = excluded.email_subject, email_body = excluded.email_body,
                  sms_text = excluded.sms_text, updated_by = excluded.updated_by,
                  updated_at = excluded.updated_at
            """)
        .params(
            propertyId,
            key,
            language,
            text.emailSubject(),
            text.emailBody(),
            text.smsText(),
            by,
            Timestamp.from(clock.instant()))
        .update();
  }

  public void remove(long propertyId, String key, String language) {
    jdbc.sql("delete from message_text where property_id = ? and message_key = ? and language = ?")
        .params(propertyId, key, language)
        .update();
  }

  /** The text with every known variable replaced by its value for the stay (unescaped). */
  public static String fill(String text, Map<String, Object> model) {
    Matcher m = VARIABLE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      Variable variable = VARIABLES.get(m.group(1));
      Object value = variable == null ? null : variable.value().apply(model);
      m.appendReplacement(out, Matcher.quoteReplacement(value == null ? "" : value.toString()));
    }
    m.appendTail(out);
    return out.toString();
  }
}
