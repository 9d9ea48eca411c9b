package org.guestjourney.staffalert;

import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.guestjourney.messaging.MessagingProperties;
import org.guestjourney.tasklist.StaffTask;
import org.guestjourney.tasklist.StaffTaskService;
import org.guestjourney.tasklist.StaffTaskState;
import org.guestjourney.tasklist.TaskCards;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Digests: one e-mail per person at the moment they chose (on the hour, or once a day at a time in
 * their house's zone) listing the alerts kept for it since the last one.
 *
 * <p>Once across replicas, and nothing lost: a digest is claimed by inserting its (person, moment)
 * row, and only the replica whose insert wins takes the waiting items into it, in the same
 * transaction. Sending is then an outbox like {@link StaffNotifications}: claimed with a lease, so
 * a replica that dies before or while sending is taken over. An item that arrives after its digest
 * was claimed waits for the next one. Tasks done by the time the digest goes are listed as done; a
 * digest whose tasks are all done is not sent.
 */
@Service
class StaffDigests {

  private static final Logger log = LoggerFactory.getLogger(StaffDigests.class);

  private final JdbcClient jdbc;
  private final TransactionTemplate transaction;
  private final StaffAlertPreferences preferences;
  private final StaffTaskService tasks;
  private final TaskCards cards;
  private final AlertWords words;
  private final ObjectProvider<JavaMailSender> mail;
  private final MessagingProperties messaging;
  private final StaffAlertProperties settings;
  private final Clock clock;

  StaffDigests(
      JdbcClient jdbc,
      TransactionTemplate transaction,
      StaffAlertPreferences preferences,
      StaffTaskService tasks,
      TaskCards cards,
      AlertWords words,
      ObjectProvider<JavaMailSender> mail,
      MessagingProperties messaging,
      StaffAlertProperties settings,
      Clock clock) {
    this.jdbc = jdbc;
    this.transaction = transaction;
    this.preferences = preferences;
    this.tasks = tasks;
    this.cards = cards;
    this.words = words;
    this.mail = mail;
    this.messaging = messaging;
    this.settings = settings;
    this.clock = clock;
  }

  @Scheduled(
      fixedDelayString = "${guest-journey.staff-alerts.check-every:PT5S}",
      initialDelayString = "${guest-journey.staff-alerts.check-every:PT5S}")
  void run() {
    if (!settings.enabled()) {
      return;
    }
    form();
    sendDue();
  }

  /**
   * The latest moment at or before {@code now} when a digest of this schedule goes: the start of
   * the hour, or today's (else yesterday's) chosen time of day, in {@code zone}.
   */
  static Instant lastMoment(StaffAlertPreferences.Schedule schedule, ZoneId zone, Instant now) {
    ZonedDateTime local = now.atZone(zone);
    if (schedule.every() == StaffAlertPreferences.Every.HOUR) {
      return local.truncatedTo(ChronoUnit.HOURS).toInstant();
    }
    ZonedDateTime today = ZonedDateTime.of(local.toLocalDate(), schedule.at(), zone);
    return (today.isAfter(local) ? today.minusDays(1) : today).toInstant();
  }

  /** Claims the digests that are due, each with the items waiting for it; how many. */
  int form() {
    Instant now = clock.instant();
    List<Long> waiting =
        jdbc.sql("select distinct staff_account_id from staff_digest_item where digest_id is null")
            .query(Long.class)
            .list();
    int formed = 0;
    for (long person : waiting) {
      Instant moment = lastMoment(preferences.scheduleOf(person), preferences.zoneOf(person), now);
      try {
        if (claim(person, moment) != null) {
          formed++;
        }
      } catch (RuntimeException e) {
        log.warn("Could not put together the digest of staff {}: {}", person, e.toString());
      }
    }
    return formed;
  }

  /**
   * Claims the person's digest of {@code moment} with the items waiting for it, in one transaction;
   * its id, or null when nothing waits or another replica claimed it.
   */
  Long claim(long person, Instant moment) {
    return transaction.execute(status -> claimInTransaction(person, moment, clock.instant()));
  }

  private Long claimInTransaction(long person, Instant moment, Instant now) {
    Long digest =
        jdbc.sql(
                """
                insert into staff_digest (staff_account_id, due_moment, state, next_attempt_at,
                  created_at)
                select ?, ?, 'PENDING', ?, ?
                 where exists (select 1 from staff_digest_item where staff_account_id = ?
                                 and digest_id is null and created_at < ?)
                on conflict do nothing returning id
                """)
            .params(
                person,
                Timestamp.from(moment),
                Timestamp.from(now),
                Timestamp.from(now),
                person,
                Timestamp.from(moment))
            .query(Long.class)
            .optional()
            .orElse(null);
    if (digest == null) {
      return null; // nothing due yet, or another replica took this moment's digest
    }
    int items =
        jdbc.sql(
                """
                update staff_digest_item set digest_id = ?
                 where staff_account_id = ? and digest_id is null and created_at < ?
                """)
            .params(digest, person, Timestamp.from(moment))
            .update();
    log.info("Digest {} of staff {} for {}: {} item(s)", digest, person, moment, items);
    return digest;
  }

  /** One claimed digest. */
  record Claimed(long id, long staffAccountId) {}

  /** Sends the due digests this replica can claim. */
  void sendDue() {
    List<Claimed> due;
    do {
      due = claimDue(10);
      due.forEach(this::send);
    } while (due.size() == 10);
  }

  List<Claimed> claimDue(int limit) {
    Instant now = clock.instant();
    return jdbc.sql(
            """
            update staff_digest set state = 'SENDING', attempts = attempts + 1, next_attempt_at = ?
             where id in (select id from staff_digest
                           where state in ('PENDING', 'SENDING') and next_attempt_at <= ?
                           order by id limit ? for update skip locked)
            returning id, staff_account_id
            """)
        .params(Timestamp.from(now.plus(settings.sendLease())), Timestamp.from(now), limit)
        .query((rs, n) -> new Claimed(rs.getLong("id"), rs.getLong("staff_account_id")))
        .list();
  }

  void send(Claimed d) {
    try {
      String address =
          jdbc.sql("select email from staff_contact where staff_account_id = ?")
              .param(d.staffAccountId())
              .query(String.class)
              .optional()
              .orElse(null);
      if (address == null) {
        finish(d, "FAILED", "no e-mail address to send the digest to");
        return;
      }
      List<AlertWords.DigestLine> lines = new ArrayList<>();
      boolean anyOpen = false;
      for (Item item : items(d.id())) {
        StaffTask task = tasks.find(item.taskId()).orElse(null);
        if (task == null) {
          continue;
        }
        anyOpen |= task.state() == StaffTaskState.OPEN;
        lines.add(new AlertWords.DigestLine(item.reason(), cards.card(task)));
      }
      if (!anyOpen) {
        finish(d, "FAILED", "every task in it was done before the digest went out");
        return;
      }
      Locale locale = words.localeOf(d.staffAccountId());
      JavaMailSender sender = mail.getIfAvailable();
      if (sender == null) {
        throw new IllegalStateException("no mail server is set up");
      }
      MimeMessage message = sender.createMimeMessage();
      message.setFrom(new InternetAddress(messaging.fromAddress(), "Guest Journey", "UTF-8"));
      message.setRecipient(jakarta.mail.Message.RecipientType.TO, new InternetAddress(address));
      message.setSubject(words.digestSubject(lines.size(), locale), StandardCharsets.UTF_8.name());
      message.setText(words.digestBody(lines, locale), StandardCharsets.UTF_8.name());
      message.setHeader("Auto-Submitted", "auto-generated");
      message.setHeader("X-Guest-Journey-Digest", String.valueOf(d.id()));
      sender.send(message);
      finish(d, "SENT", null);
    } catch (Exception e) {
      String why = e.getClass().getSimpleName() + ": " + e.getMessage();
      int attempts =
          jdbc.sql("select attempts from staff_digest where id = ?")
              .param(d.id())
              .query(Integer.class)
              .single();
      if (attempts >= settings.maxAttempts()) {
        log.warn("Digest {} given up after {} attempts: {}", d.id(), attempts, why);
        finish(d, "FAILED", why);
      } else {
        jdbc.sql(
                """
                update staff_digest set state = 'PENDING', next_attempt_at = ?, last_error = ?
                 where id = ? and state = 'SENDING'
                """)
            .params(Timestamp.from(clock.instant().plus(settings.retryBackoff())), why, d.id())
            .update();
      }
    }
  }

  record Item(long taskId, AlertReason reason) {}

  private List<Item> items(long digestId) {
    return jdbc.sql(
            "select task_id, reason from staff_digest_item where digest_id = ? order by created_at, id")
        .param(digestId)
        .query(
            (rs, n) -> new Item(rs.getLong("task_id"), AlertReason.valueOf(rs.getString("reason"))))
        .list();
  }

  private void finish(Claimed d, String state, String error) {
    jdbc.sql(
            """
            update staff_digest set state = ?, last_error = ?,
              sent_at = case when ? = 'SENT' then ? else sent_at end
             where id = ? and state = 'SENDING'
            """)
        .params(state, error, state, Timestamp.from(clock.instant()), d.id())
        .update();
  }
}
