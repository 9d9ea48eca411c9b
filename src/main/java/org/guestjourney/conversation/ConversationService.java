package org.guestjourney.conversation;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.guestjourney.complaint.ComplaintRequest;
import org.guestjourney.complaint.ComplaintService;
import org.guestjourney.messaging.ChannelType;
import org.guestjourney.messaging.GuestMessageRequest;
import org.guestjourney.messaging.InboundMessageService.GuestReplied;
import org.guestjourney.messaging.MessageDelivery;
import org.guestjourney.messaging.MessageStep;
import org.guestjourney.messaging.MessagingService;
import org.guestjourney.messaging.PlannedMessage;
import org.guestjourney.messaging.SendFailedException;
import org.guestjourney.outbox.EngineOutbox;
import org.guestjourney.outbox.OutboxEntry;
import org.guestjourney.outbox.OutboxHandler;
import org.guestjourney.security.StaffUser;
import org.guestjourney.tasklist.StaffTask;
import org.guestjourney.tasklist.StaffTaskCompleted;
import org.guestjourney.tasklist.StaffTaskService;
import org.guestjourney.tasklist.StaffTaskState;
import org.guestjourney.web.ConflictException;
import org.guestjourney.web.Violations;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

@Service
public class ConversationService implements OutboxHandler {

  static final String PROCESS_ID = "guest-reply";
  static final String TASK_REPLY_TO_GUEST = "task_reply_to_guest";

  /** The reply task's {@code taskKind} header: what the code reacts to. */
  static final String KIND_REPLY_TO_GUEST = "reply-to-guest";

  private final JdbcClient jdbc;
  private final ConversationEngine engine;
  private final EngineOutbox outbox;
  private final MessagingService messaging;
  private final ComplaintService complaints;
  private final StaffTaskService tasks;
  private final Duration replyWithin;
  private final Clock clock;
  private final org.guestjourney.staffalert.StaffContacts contacts;

  ConversationService(
      JdbcClient jdbc,
      ConversationEngine engine,
      EngineOutbox outbox,
      MessagingService messaging,
      ComplaintService complaints,
      StaffTaskService tasks,
      @Value("${guest-journey.conversation.reply-within:PT1H}") Duration replyWithin,
      Clock clock,
      org.guestjourney.staffalert.StaffContacts contacts) {
    this.contacts = contacts;
    this.jdbc = jdbc;
    this.engine = engine;
    this.outbox = outbox;
    this.messaging = messaging;
    this.complaints = complaints;
    this.tasks = tasks;
    this.replyWithin = replyWithin;
    this.clock = clock;
  }

  /** What the guest wrote, for the task page. */
  public record InboundMessage(
      long id, long bookingId, String channel, String body, java.time.Instant receivedAt) {}

  /** Outbox entries that start the process answering a guest's message. */
  static final String START_GUEST_REPLY = "start-guest-reply";

  /**
   * A reply by a guest starts a task for the front desk: in the transaction that stores the
   * message, its start goes to the engine outbox.
   */
  @EventListener
  void guestReplied(GuestReplied event) {
    outbox.add(START_GUEST_REPLY, event.bookingId(), event.inboundMessageId());
  }

  @Override
  public String kind() {
    return START_GUEST_REPLY;
  }

  /** Sent by the outbox, outside any transaction: a failure is retried from there. */
  @Override
  public void send(OutboxEntry entry) {
    // due an hour (reply-within) after the guest wrote; started once
    jdbc.sql(
            "select received_at from inbound_message where id = ? and process_instance_key is null")
        .param(entry.subjectId())
        .query((rs, n) -> rs.getTimestamp(1).toInstant())
        .optional()
        .ifPresent(
            received ->
                startJourney(entry.bookingId(), entry.subjectId(), received.plus(replyWithin)));
  }

  private void startJourney(long bookingId, long inboundMessageId, Instant replyDueAt) {
    long key = engine.start(bookingId, inboundMessageId, replyDueAt);
    jdbc.sql("update inbound_message set process_instance_key = ? where id = ?")
        .params(key, inboundMessageId)
        .update();
  }

  /** Keeps the answer the staff member wrote; the journey then sends it. */
  @org.springframework.context.event.EventListener
  void answered(StaffTaskCompleted event) {
    if (!KIND_REPLY_TO_GUEST.equals(event.task().taskKind())) {
      return;
    }
    jdbc.sql(
            """
            update inbound_message set reply = ?, replied_by = ?, replied_at = ?
             where process_instance_key = ?
            """)
        .params(
            event.values().get("reply"),
            event.completedBy(),
            Timestamp.from(clock.instant()),
            event.task().processInstanceKey())
        .update();
    if (Boolean.TRUE.equals(event.values().get("isComplaint"))) {
      forProcess(event.task().processInstanceKey())
          .ifPresent(
              m ->
                  complaints.raise(
                      new ComplaintRequest(
                          m.bookingId(),
                          String.valueOf(event.values().getOrDefault("complaintCategory", "other")),
                          m.body(),
                          "guest")));
    }
  }

  Optional<MessageDelivery> sendReply(long inboundMessageId) {
    Row row =
        jdbc.sql(
                "select booking_id, body, reply, replied_by, channel from inbound_message where id = ?")
            .param(inboundMessageId)
            .query(
                (rs, n) ->
                    new Row(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5)))
            .single();
    String key = "booking/" + row.bookingId() + "/staff-reply/" + inboundMessageId;
    messaging.recordPlan(
        row.bookingId(),
        List.of(PlannedMessage.scheduled(MessageStep.STAFF_REPLY, key, clock.instant())));
    Map<String, Object> model = replyModel(row.reply(), signer(row.repliedBy()), row.body());
    // back on the channel the guest wrote from, else by their usual way
    return messaging.send(
        new GuestMessageRequest(row.bookingId(), MessageStep.STAFF_REPLY, key, model)
            .via(ChannelType.valueOf(row.channel())));
  }

  /** A line of the conversation: what the guest wrote, or a message that went to them. */
  public record Entry(
      boolean fromGuest,
      String channel,
      String text,
      String author,
      Instant at,
      Long deliveryId,
      String status) {}

  /** Everything the guest wrote and everything sent to them about this booking, oldest first. */
  public List<Entry> of(long bookingId) {
    List<Entry> entries = new ArrayList<>();
    jdbc.sql(
            "select channel, body, received_at from inbound_message where booking_id = ? order by id")
        .param(bookingId)
        .query(
            (rs, n) ->
                new Entry(
                    true,
                    rs.getString(1).toLowerCase(),
                    rs.getString(2),
                    "guest",
                    rs.getTimestamp(3).toInstant(),
                    null,
                    null))
        .list()
        .forEach(entries::add);
    for (MessageDelivery d : messaging.forBooking(bookingId)) {
      if (d.sentAt() == null) {
        continue;
      }
      boolean email = d.channel() == ChannelType.EMAIL;
      entries.add(
          new Entry(
              false,
              d.channel().name().toLowerCase(),
              email ? d.subject() + " — " + excerpt(readable(d.body()), 160) : d.body(),
              MessageStep.STAFF_REPLY.equals(d.step())
                  ? "staff reply"
                  : d.editedBy() != null ? "edited by " + d.editedBy() : "journey",
              d.sentAt(),
              d.id(),
              d.providerStatus() == null ? "sent" : d.providerStatus().toLowerCase()));
    }
    entries.sort(Comparator.comparing(Entry::at));
    return entries;
  }

  /**
   * A member of staff writes to the guest from the conversation. When the guest is waiting for an
   * answer (an open "reply to guest" task), the reply completes that task and the journey sends it;
   * otherwise it goes at once. Planned messages the staff member names in {@code replaces} (e.g. a
   * courtesy check-in they just made redundant) are cancelled with the reason. {@code formKey},
   * generated when the page was drawn, makes a double submit send one message.
   */
  public String replyByHand(
      long bookingId, String text, StaffUser staff, String formKey, List<Long> replaces) {
    Violations v = new Violations();
    if (v.required(text == null || text.isBlank() ? null : text, "text")) {
      v.maxLength(text.strip(), 1000, "text");
    }
    v.check(
        formKey != null && FORM_KEY.matcher(formKey).matches(),
        "formKey",
        "must be the key of the page the reply was written on");
    v.throwIfAny();
    String reply = text.strip();
    Instant now = clock.instant();
    String outcome;
    Optional<StaffTask> waiting =
        tasks.ofBooking(bookingId).stream()
            .filter(t -> KIND_REPLY_TO_GUEST.equals(t.taskKind()))
            .filter(t -> t.state() == StaffTaskState.OPEN)
            .filter(t -> t.assignee() == null || t.assignee().equals(staff.username()))
            .findFirst();
    if (waiting.isPresent()) {
      tasks.complete(waiting.get().id(), staff, Map.of("reply", reply, "isComplaint", false));
      outcome = "Reply handed to the guest's conversation journey; it goes in a moment.";
    } else {
      String key = "booking/" + bookingId + "/staff-message/" + formKey;
      messaging.recordPlan(
          bookingId, List.of(PlannedMessage.scheduled(MessageStep.STAFF_REPLY, key, now)));
      Map<String, Object> model = replyModel(reply, signer(staff.username()), null);
      ChannelType lastUsed = lastInboundChannel(bookingId).orElse(null);
      Optional<MessageDelivery> sent;
      try {
        sent =
            messaging.send(
                new GuestMessageRequest(bookingId, MessageStep.STAFF_REPLY, key, model)
                    .requestedBy(staff.username())
                    .via(lastUsed));
      } catch (SendFailedException e) {
        throw new ConflictException("Not sent: " + e.getMessage());
      }
      outcome =
          sent.map(
                  d ->
                      d.state() == org.guestjourney.messaging.DeliveryState.SENT
                          ? "Reply sent by " + d.channel().label() + "."
                          : "Reply not sent: " + d.reason())
              .orElse("Reply not sent.");
    }
    if (replaces != null && !replaces.isEmpty()) {
      int cancelled =
          messaging.cancelOpen(
              bookingId,
              d -> replaces.contains(d.id()),
              "Replaced by a reply from " + staff.username());
      outcome += " " + cancelled + " planned message(s) cancelled as no longer needed.";
    }
    return outcome;
  }

  /**
   * How a reply is signed: the staff member's own signature when they wrote one, else their display
   * name, never their sign-in name (without either the reply is signed by the house alone).
   */
  private Signer signer(String username) {
    Optional<org.guestjourney.staffalert.StaffContact> contact =
        username == null ? Optional.empty() : contacts.of(username);
    return new Signer(
        contact.map(c -> c.displayName()).filter(n -> !n.isBlank()).orElse(null),
        contact.map(c -> c.signature()).filter(n -> !n.isBlank()).orElse(null));
  }

  private record Signer(String name, String signature) {}

  /** A reply that opens with its own greeting ("Hi Marco,", "您好") gets none from the template. */
  static final java.util.regex.Pattern GREETING =
      java.util.regex.Pattern.compile(
          "^(?:(?:hi|hello|hey|dear|good (?:morning|afternoon|evening)|ciao|buongiorno|buonasera"
              + "|salve|gentile|caro|cara|hallo|bonjour)\\b|您好|你好|亲爱的)",
          java.util.regex.Pattern.CASE_INSENSITIVE | java.util.regex.Pattern.UNICODE_CASE);

  static boolean greets(String reply) {
    return reply != null && GREETING.matcher(reply.strip()).find();
  }

  /** What the staff-reply template shows; {@code guestMessage} is null when staff wrote first. */
  private static Map<String, Object> replyModel(String reply, Signer staff, String guestMessage) {
    Map<String, Object> model = new java.util.HashMap<>();
    model.put("reply", reply);
    model.put("replyGreets", greets(reply));
    model.put("staffName", staff.name());
    model.put("staffSignature", staff.signature());
    model.put("guestMessage", guestMessage);
    model.put("includeCheckInGuide", false);
    model.put("askArrivalTime", false);
    return model;
  }

  /** An e-mail's HTML as the few lines of text a person scanning the conversation needs. */
  static String readable(String html) {
    if (html == null) {
      return "";
    }
    String body = html.replaceAll("(?is)^.*?<body[^>]*>", "").replaceAll("(?is)</body>.*$", "");
    String text =
        org.springframework.web.util.HtmlUtils.htmlUnescape(
                body.replaceAll("(?is)<(style|script)[^>]*>.*?</\\1>", " ")
                    .replaceAll("(?i)<br\\s*/?>|</p>|</li>|</h\\d>", "\n")
                    .replaceAll("<[^>]+>", " "))
            .replaceAll("[ \\t\\x0B\\f\\r]+", " ")
            .replaceAll(" *\n[ \n]*", "\n")
            .strip();
    return text;
  }

  /** The first {@code max} characters of {@code text} on one line. */
  static String excerpt(String text, int max) {
    String line = text.replaceAll("\\s+", " ").strip();
    return line.length() > max ? line.substring(0, max) + " …" : line;
  }

  private Optional<ChannelType> lastInboundChannel(long bookingId) {
    return jdbc.sql(
            "select channel from inbound_message where booking_id = ? order by id desc limit 1")
        .param(bookingId)
        .query(String.class)
        .optional()
        .map(ChannelType::valueOf);
  }

  public Optional<InboundMessage> forProcess(long processInstanceKey) {
    return jdbc.sql(
            "select id, booking_id, channel, body, received_at from inbound_message where process_instance_key = ?")
        .param(processInstanceKey)
        .query(
            (rs, n) ->
                new InboundMessage(
                    rs.getLong(1),
                    rs.getLong(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getTimestamp(5).toInstant()))
        .optional();
  }

  private record Row(long bookingId, String body, String reply, String repliedBy, String channel) {}

  private static final java.util.regex.Pattern FORM_KEY =
      java.util.regex.Pattern.compile("^[0-9a-f-]{36}$");
}
