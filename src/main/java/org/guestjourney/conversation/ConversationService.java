package org.guestjourney.conversation;

import io.camunda.client.CamundaClient;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.guestjourney.complaint.ComplaintRequest;
import org.guestjourney.complaint.ComplaintService;
import org.guestjourney.messaging.GuestMessageRequest;
import org.guestjourney.messaging.InboundMessageService.GuestReplied;
import org.guestjourney.messaging.MessageDelivery;
import org.guestjourney.messaging.MessageStep;
import org.guestjourney.messaging.MessagingService;
import org.guestjourney.messaging.PlannedMessage;
import org.guestjourney.tasklist.StaffTaskCompleted;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

@Service
public class ConversationService {

  static final String PROCESS_ID = "guest-reply";
  static final String TASK_REPLY_TO_GUEST = "task_reply_to_guest";

  private final JdbcClient jdbc;
  private final CamundaClient engine;
  private final MessagingService messaging;
  private final ComplaintService complaints;
  private final Duration replyWithin;
  private final Clock clock;

  ConversationService(
      JdbcClient jdbc,
      CamundaClient engine,
      MessagingService messaging,
      ComplaintService complaints,
      @Value("${guest-journey.conversation.reply-within:PT1H}") Duration replyWithin,
      Clock clock) {
    this.jdbc = jdbc;
    this.engine = engine;
    this.messaging = messaging;
    this.complaints = complaints;
    this.replyWithin = replyWithin;
    this.clock = clock;
  }

  /** What the guest wrote, for the task page. */
  public record InboundMessage(
      long id, long bookingId, String channel, String body, java.time.Instant receivedAt) {}

  /** A reply by a guest starts a task for the front desk. */
  @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
  void guestReplied(GuestReplied event) {
    long key =
        engine
            .newCreateInstanceCommand()
            .bpmnProcessId(PROCESS_ID)
            .latestVersion()
            .variables(
                Map.of(
                    "bookingId", event.bookingId(),
                    "inboundMessageId", event.inboundMessageId(),
                    "replyDueAt",
                        DateTimeFormatter.ISO_INSTANT.format(clock.instant().plus(replyWithin))))
            .send()
            .join()
            .getProcessInstanceKey();
    jdbc.sql("update inbound_message set process_instance_key = ? where id = ?")
        .params(key, event.inboundMessageId())
        .update();
  }

  /** Keeps the answer the staff member wrote; the journey then sends it. */
  @org.springframework.context.event.EventListener
  void answered(StaffTaskCompleted event) {
    if (!TASK_REPLY_TO_GUEST.equals(event.task().elementId())) {
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
        jdbc.sql("select booking_id, body, reply, replied_by from inbound_message where id = ?")
            .param(inboundMessageId)
            .query(
                (rs, n) ->
                    new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)))
            .single();
    String key = "booking/" + row.bookingId() + "/staff-reply/" + inboundMessageId;
    messaging.recordPlan(
        row.bookingId(),
        List.of(PlannedMessage.scheduled(MessageStep.STAFF_REPLY, key, clock.instant())));
    Map<String, Object> model = new java.util.HashMap<>();
    model.put("reply", row.reply());
    model.put("staffName", row.repliedBy());
    model.put("guestMessage", row.body());
    model.put("includeCheckInGuide", false);
    model.put("askArrivalTime", false);
    return messaging.send(
        new GuestMessageRequest(row.bookingId(), MessageStep.STAFF_REPLY, key, model));
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

  private record Row(long bookingId, String body, String reply, String repliedBy) {}
}
