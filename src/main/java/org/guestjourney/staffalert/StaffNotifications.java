package org.guestjourney.staffalert;

import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.guestjourney.messaging.MessagingProperties;
import org.guestjourney.messaging.StaffTexts;
import org.guestjourney.tasklist.StaffTask;
import org.guestjourney.tasklist.StaffTaskService;
import org.guestjourney.tasklist.StaffTaskState;
import org.guestjourney.tasklist.TaskCard;
import org.guestjourney.tasklist.TaskCards;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Sends the queued alerts. Each replica claims a few due rows at a time ({@code for update skip
 * locked}, with a lease): a row is sent by one replica, and taken over after the lease if that one
 * died mid-send. A failed send is tried again after a back-off, then given up as FAILED (logged).
 * An alert about a task that is done by the time it goes out is dropped.
 */
@Service
class StaffNotifications {

  private static final Logger log = LoggerFactory.getLogger(StaffNotifications.class);

  /** One queued e-mail or text message. */
  record Pending(
      long id,
      long taskId,
      AlertReason reason,
      long staffAccountId,
      String channel,
      String recipient) {}

  private final JdbcClient jdbc;
  private final StaffTaskService tasks;
  private final TaskCards cards;
  private final ObjectProvider<JavaMailSender> mail;
  private final StaffTexts texts;
  private final MessagingProperties messaging;
  private final StaffAlertProperties settings;
  private final AlertWords words;
  private final Clock clock;

  StaffNotifications(
      JdbcClient jdbc,
      StaffTaskService tasks,
      TaskCards cards,
      ObjectProvider<JavaMailSender> mail,
      StaffTexts texts,
      MessagingProperties messaging,
      StaffAlertProperties settings,
      AlertWords words,
      Clock clock) {
    this.jdbc = jdbc;
    this.tasks = tasks;
    this.cards = cards;
    this.mail = mail;
    this.texts = texts;
    this.messaging = messaging;
    this.settings = settings;
    this.words = words;
    this.clock = clock;
  }

  @Scheduled(
      fixedDelayString = "${guest-journey.staff-alerts.check-every:PT5S}",
      initialDelayString = "${guest-journey.staff-alerts.check-every:PT5S}")
  void sendDue() {
    if (!settings.enabled()) {
      return;
    }
    List<Pending> due;
    do {
      due = claim(20);
      due.forEach(this::send);
    } while (due.size() == 20);
  }

  /** Claims due rows for this replica until the lease ends. */
  List<Pending> claim(int limit) {
    Instant now = clock.instant();
    return jdbc.sql(
            """
            update staff_notification set state = 'SENDING', attempts = attempts + 1,
              next_attempt_at = ?
             where id in (select id from staff_notification
                           where state in ('PENDING', 'SENDING') and next_attempt_at <= ?
                           order by id limit ? for update skip locked)
            returning id, task_id, reason, staff_account_id, channel, recipient
            """)
        .params(Timestamp.from(now.plus(settings.sendLease())), Timestamp.from(now), limit)
        .query(
            (rs, n) ->
                new Pending(
                    rs.getLong("id"),
                    rs.getLong("task_id"),
                    AlertReason.valueOf(rs.getString("reason")),
                    rs.getLong("staff_account_id"),
                    rs.getString("channel"),
                    rs.getString("recipient")))
        .list();
  }

  void send(Pending p) {
    StaffTask task = tasks.find(p.taskId()).orElse(null);
    if (task == null || task.state() != StaffTaskState.OPEN) {
      finish(p, "FAILED", "the task was done before the alert went out");
      return;
    }
    TaskCard card = cards.card(task);
    try {
      Locale locale = words.localeOf(p.staffAccountId());
      if ("EMAIL".equals(p.channel())) {
        email(p, card, locale);
      } else {
        texts.send(card.propertyId(), p.recipient(), words.text(p.reason(), card, locale));
      }
      finish(p, "SENT", null);
    } catch (Exception e) {
      String why = e.getClass().getSimpleName() + ": " + e.getMessage();
      int attempts =
          jdbc.sql("select attempts from staff_notification where id = ?")
              .param(p.id())
              .query(Integer.class)
              .single();
      if (attempts >= settings.maxAttempts()) {
        log.warn(
            "Alert {} to {} given up after {} attempts: {}", p.id(), p.recipient(), attempts, why);
        finish(p, "FAILED", why);
      } else {
        jdbc.sql(
                """
                update staff_notification set state = 'PENDING', next_attempt_at = ?, last_error = ?
                 where id = ? and state = 'SENDING'
                """)
            .params(Timestamp.from(clock.instant().plus(settings.retryBackoff())), why, p.id())
            .update();
      }
    }
  }

  private void finish(Pending p, String state, String error) {
    if ("SENT".equals(state)) {
      jdbc.sql(
              """
              update staff_notification set state = 'SENT', sent_at = ?
               where id = ? and state = 'SENDING'
              """)
          .params(Timestamp.from(clock.instant()), p.id())
          .update();
    } else {
      jdbc.sql(
              """
              update staff_notification set state = ?, last_error = ?
               where id = ? and state = 'SENDING'
              """)
          .params(state, error, p.id())
          .update();
    }
  }

  private void email(Pending p, TaskCard card, Locale locale) throws Exception {
    JavaMailSender sender = mail.getIfAvailable();
    if (sender == null) {
      throw new IllegalStateException("no mail server is set up");
    }
    MimeMessage message = sender.createMimeMessage();
    message.setFrom(new InternetAddress(messaging.fromAddress(), "Guest Journey", "UTF-8"));
    message.setRecipient(jakarta.mail.Message.RecipientType.TO, new InternetAddress(p.recipient()));
    message.setSubject(words.subject(p.reason(), card, locale), StandardCharsets.UTF_8.name());
    message.setText(words.body(p.reason(), card, locale), StandardCharsets.UTF_8.name());
    message.setHeader("Auto-Submitted", "auto-generated");
    message.setHeader("X-Guest-Journey-Task", String.valueOf(card.id()));
    message.setHeader("X-Guest-Journey-Alert", p.reason().name());
    sender.send(message);
  }
}
