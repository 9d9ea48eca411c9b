package org.guestjourney.studio;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.guestjourney.audit.AuditLog;
import org.guestjourney.messaging.Channel;
import org.guestjourney.messaging.ChannelType;
import org.guestjourney.messaging.MessageRenderer;
import org.guestjourney.messaging.MessageTexts;
import org.guestjourney.messaging.MessageTexts.MessageText;
import org.guestjourney.messaging.MessagingService;
import org.guestjourney.messaging.OutgoingMessage;
import org.guestjourney.messaging.RenderedMessage;
import org.guestjourney.messaging.SmsLength;
import org.guestjourney.property.Property;
import org.guestjourney.property.PropertyService;
import org.guestjourney.security.PropertyAccess;
import org.guestjourney.staffalert.StaffContacts;
import org.guestjourney.web.NotFoundException;
import org.guestjourney.web.Violations;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The studio's message editor: a house's own texts per message and language, which messages it
 * sends and in which languages it has no text, and previews of a text on a real booking.
 */
@Service
public class StudioMessages {

  private static final Pattern MESSAGE_HEADER =
      Pattern.compile("key=\"message\" value=\"([a-z0-9][a-z0-9-]{0,80})\"");
  private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9-]{0,80}");

  private final MessageTexts texts;
  private final MessageRenderer renderer;
  private final MessagingService messaging;
  private final PropertyService properties;
  private final JdbcClient jdbc;
  private final List<Channel> channels;
  private final StaffContacts contacts;
  private final AuditLog audit;

  StudioMessages(
      MessageTexts texts,
      MessageRenderer renderer,
      MessagingService messaging,
      PropertyService properties,
      JdbcClient jdbc,
      List<Channel> channels,
      StaffContacts contacts,
      AuditLog audit) {
    this.texts = texts;
    this.renderer = renderer;
    this.messaging = messaging;
    this.properties = properties;
    this.jdbc = jdbc;
    this.channels = channels;
    this.contacts = contacts;
    this.audit = audit;
  }

  /** Where a test went: the channel and the manager's own address. */
  public record TestSent(ChannelType channel, String recipient, long bookingId) {}

  /** The signed-in manager has no address for the channel a test needs (field: email or phone). */
  public static class NoOwnAddressException extends RuntimeException {
    private final String field;

    NoOwnAddressException(String field) {
      super(
          "Your account has no "
              + ("email".equals(field) ? "e-mail address" : "phone number")
              + " to send a test to: add it on your account page");
      this.field = field;
    }

    public String field() {
      return field;
    }
  }

  /**
   * "Send a test to me": renders {@code text} (not saved) with a real booking of the house, as the
   * preview does, and sends it to the signed-in manager's own e-mail address (or their phone for a
   * text with an SMS part only, or when {@code channel} is SMS) through the real channel, marked as
   * a test. It never goes to a guest and is not recorded as a guest message; the audit trail
   * records it.
   */
  public TestSent sendTest(
      long propertyId,
      String key,
      String language,
      MessageText text,
      Long bookingId,
      String channel,
      String username) {
    MessageText draft = normalised(text);
    Violations v = new Violations();
    v.check(
        channel == null || channel.isBlank() || channel.equals("email") || channel.equals("sms"),
        "channel",
        "must be email or sms");
    v.check(draft.hasEmail() || draft.hasSms(), "emailBody", "is required (or an SMS text)");
    v.throwIfAny();
    ChannelType type =
        "sms".equals(channel) || (!draft.hasEmail() && !"email".equals(channel))
            ? ChannelType.SMS
            : ChannelType.EMAIL;
    if (type == ChannelType.SMS && !draft.hasSms()) {
      throw org.guestjourney.web.InvalidRequestException.of(
          "smsText", "is required for an SMS test");
    }
    if (type == ChannelType.EMAIL && !draft.hasEmail()) {
      throw org.guestjourney.web.InvalidRequestException.of(
          "emailBody", "is required for an e-mail test");
    }
    var me = contacts.of(username);
    String recipient = me.map(c -> type == ChannelType.EMAIL ? c.email() : c.phone()).orElse(null);
    if (recipient == null || recipient.isBlank()) {
      throw new NoOwnAddressException(type == ChannelType.EMAIL ? "email" : "phone");
    }
    Preview preview =
        preview(propertyId, key, language, draft, bookingId)
            .orElseThrow(
                () -> new NotFoundException("No booking of this house to fill the test in with"));
    Property property = property(propertyId);
    String marker = "[TEST] ";
    RenderedMessage content =
        type == ChannelType.EMAIL
            ? new RenderedMessage(language, marker + preview.subject(), preview.html(), null)
            : new RenderedMessage(language, null, null, marker + preview.sms());
    Channel gateway =
        channels.stream()
            .filter(c -> c.type() == type)
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("No " + type + " channel is set up"));
    Optional<String> unavailable = gateway.unavailableReason(propertyId);
    if (unavailable.isPresent()) {
      throw new TestNotSentException(unavailable.get());
    }
    try {
      gateway.send(
          new OutgoingMessage(
              "studio-test-" + java.util.UUID.randomUUID(),
              recipient,
              property.name(),
              property.contactEmail(),
              content,
              null,
              propertyId));
    } catch (Exception e) {
      audit.record(
          username,
          "SEND",
          "A test of message "
              + key
              + " ("
              + language
              + ") by "
              + type
              + " failed: "
              + e.getMessage(),
          "message_text",
          null,
          null,
          502);
      throw new TestNotSentException(e.getMessage());
    }
    audit.record(
        username,
        "SEND",
        "Sent a test of message "
            + key
            + " ("
            + language
            + ") by "
            + type
            + " to their own address, filled in with booking "
            + preview.bookingId(),
        "message_text",
        null,
        null,
        200);
    return new TestSent(type, recipient, preview.bookingId());
  }

  /** The channel did not take a test message. */
  public static class TestNotSentException extends RuntimeException {
    TestNotSentException(String why) {
      super(why);
    }
  }

  /** Where a message's text in one language comes from. */
  public record Coverage(String language, String source) {
    public boolean missing() {
      return "missing".equals(source);
    }
  }

  /** A message the house sends (or has a text for), with its texts by language. */
  public record MessageRow(String key, List<Coverage> languages) {
    public boolean anyMissing() {
      return languages.stream().anyMatch(Coverage::missing);
    }
  }

  public Property property(long propertyId) {
    Property property = properties.get(propertyId);
    if (!PropertyAccess.readable(propertyId)) {
      throw new NotFoundException("No property " + propertyId);
    }
    return property;
  }

  public List<MessageRow> messages(long propertyId) {
    Property property = property(propertyId);
    TreeSet<String> keys = new TreeSet<>(packagedKeys());
    // messages the deployed journeys send
    jdbc.sql(
            """
            select distinct on (bpmn_process_id) xml from journey_model
             order by bpmn_process_id, deployed_seq desc
            """)
        .query(String.class)
        .list()
        .forEach(
            xml -> {
              Matcher m = MESSAGE_HEADER.matcher(xml);
              while (m.find()) {
                keys.add(m.group(1));
              }
            });
    keys.addAll(
        jdbc.sql("select distinct message_key from message_text where property_id = ?")
            .param(propertyId)
            .query(String.class)
            .list());
    List<MessageRow> rows = new ArrayList<>();
    for (String key : keys) {
      rows.add(new MessageRow(key, coverage(property, key)));
    }
    return rows;
  }

  /** For each language the house offers: its own text, the packaged one, or none (a warning). */
  public List<Coverage> coverage(Property property, String key) {
    List<Coverage> list = new ArrayList<>();
    for (String language : property.languages()) {
      Optional<MessageText> own = texts.find(property.id(), key, language);
      String source =
          own.isPresent()
              ? "own"
              : renderer.hasTemplate(key, language, true) ? "packaged" : "missing";
      list.add(new Coverage(language, source));
    }
    return list;
  }

  public Optional<MessageText> own(long propertyId, String key, String language) {
    return texts.find(propertyId, key, language);
  }

  /** Saves a house's own text (problem+json naming the field when it is not valid). */
  public void save(long propertyId, String key, String language, MessageText text, String by) {
    Property property = property(propertyId);
    Violations v = new Violations();
    v.check(KEY.matcher(key).matches(), "key", "must be a message key such as day-before-reminder");
    v.check(
        property.languages().contains(language),
        "language",
        "must be one of the house's languages " + property.languages());
    MessageTexts.validate(normalised(text), v);
    v.throwIfAny();
    texts.save(propertyId, key, language, normalised(text), by);
  }

  public void remove(long propertyId, String key, String language) {
    property(propertyId);
    texts.remove(propertyId, key, language);
  }

  /** A text rendered for a booking of the house, and the SMS's length. */
  public record Preview(
      long bookingId,
      String subject,
      String html,
      String sms,
      SmsLength smsLength,
      List<Coverage> languages) {}

  /**
   * Renders {@code text} (not saved) with a real booking of the house: {@code bookingId}, or the
   * latest booking. Nothing is sent or recorded.
   */
  public Optional<Preview> preview(
      long propertyId, String key, String language, MessageText text, Long bookingId) {
    Property property = property(propertyId);
    Violations v = new Violations();
    MessageText draft = normalised(text);
    MessageTexts.validate(draft, v);
    v.throwIfAny();
    Optional<Long> booking =
        bookingId != null
            ? jdbc.sql("select id from booking where id = ? and property_id = ?")
                .params(bookingId, propertyId)
                .query(Long.class)
                .optional()
            : jdbc.sql("select max(id) from booking where property_id = ?")
                .param(propertyId)
                .query(Long.class)
                .optional();
    if (booking.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Object> model = messaging.renderingModel(booking.get());
    String subject = null;
    String html = null;
    if (draft.hasEmail()) {
      RenderedMessage email =
          renderer.renderEditedEmail(
              language,
              MessageTexts.fill(draft.emailSubject(), model).replaceAll("\\s+", " ").strip(),
              MessageTexts.fill(draft.emailBody(), model));
      subject = email.subject();
      html = email.htmlBody();
    }
    String sms = draft.hasSms() ? MessageTexts.fill(draft.smsText(), model).strip() : null;
    return Optional.of(
        new Preview(booking.get(), subject, html, sms, SmsLength.of(sms), coverage(property, key)));
  }

  private static MessageText normalised(MessageText t) {
    if (t == null) {
      return new MessageText(null, null, null);
    }
    return new MessageText(blank(t.emailSubject()), blank(t.emailBody()), blank(t.smsText()));
  }

  private static String blank(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  private static List<String> packagedKeys() {
    try {
      List<String> keys = new ArrayList<>();
      for (Resource r :
          new PathMatchingResourcePatternResolver()
              .getResources("classpath*:templates/messages/email/*/*.html")) {
        String name = r.getFilename();
        if (name != null && !name.equals("parts.html")) {
          keys.add(name.substring(0, name.length() - ".html".length()));
        }
      }
      return keys;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
