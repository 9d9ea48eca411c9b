package org.guestjourney.staffalert;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.guestjourney.messaging.StaffTexts;
import org.guestjourney.security.PropertyOf;
import org.guestjourney.security.Roles;
import org.guestjourney.tasklist.StaffTask;
import org.guestjourney.tasklist.StaffTaskCreated;
import org.guestjourney.tasklist.StaffTaskEscalated;
import org.guestjourney.tasklist.StaffTaskService;
import org.guestjourney.tasklist.StaffTaskState;
import org.guestjourney.tasklist.TaskCards;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Decides who is alerted about a task, once. An alert is claimed by inserting its (task, reason)
 * row: on several replicas only the one whose insert wins queues the e-mails and text messages, in
 * the same transaction; {@link StaffNotifications} sends them.
 *
 * <p>Who: the task's team at its property (the staff whose role is one of the task's groups) and
 * whoever has it, plus the property's manager on duty, or every manager of the property when nobody
 * took the duty.
 */
@Service
public class StaffAlerts {

  private static final Logger log = LoggerFactory.getLogger(StaffAlerts.class);

  private final JdbcClient jdbc;
  private final TransactionTemplate transaction;
  private final StaffTaskService tasks;
  private final TaskCards cards;
  private final StaffContacts contacts;
  private final PropertyOf propertyOf;
  private final StaffTexts texts;
  private final StaffAlertProperties settings;
  private final Clock clock;

  StaffAlerts(
      JdbcClient jdbc,
      TransactionTemplate transaction,
      StaffTaskService tasks,
      TaskCards cards,
      StaffContacts contacts,
      PropertyOf propertyOf,
      StaffTexts texts,
      StaffAlertProperties settings,
      Clock clock) {
    this.jdbc = jdbc;
    this.transaction = transaction;
    this.tasks = tasks;
    this.cards = cards;
    this.contacts = contacts;
    this.propertyOf = propertyOf;
    this.texts = texts;
    this.settings = settings;
    this.clock = clock;
  }

  /** A new urgent task alerts its people at once. */
  @EventListener
  void onCreated(StaffTaskCreated created) {
    if (!settings.enabled()) {
      return;
    }
    try {
      tasks
          .find(created.taskId())
          .filter(t -> cards.card(t).urgent())
          .ifPresent(t -> raise(t.id(), AlertReason.URGENT));
    } catch (RuntimeException e) {
      // the task is recorded all the same; a breach is still caught by the sweep
      log.warn("Could not alert about urgent task {}: {}", created.taskId(), e.toString());
    }
  }

  /** An SLA timer fired on the task. */
  @EventListener
  void onEscalated(StaffTaskEscalated escalated) {
    if (!settings.enabled()) {
      return;
    }
    try {
      raise(escalated.taskId(), AlertReason.BREACH);
    } catch (RuntimeException e) {
      log.warn("Could not alert about escalated task {}: {}", escalated.taskId(), e.toString());
    }
  }

  /** Tasks whose deadline passed without a timer saying so (or while the app was down). */
  @Scheduled(
      fixedDelayString = "${guest-journey.staff-alerts.check-every:PT5S}",
      initialDelayString = "${guest-journey.staff-alerts.check-every:PT5S}")
  void sweep() {
    if (!settings.enabled()) {
      return;
    }
    for (long id : tasks.breachedWithoutAlert(100)) {
      try {
        raise(id, AlertReason.BREACH);
      } catch (RuntimeException e) {
        log.warn("Could not alert about overdue task {}: {}", id, e.toString());
      }
    }
  }

  /**
   * Raises the alert unless it was raised before (by this or another replica); the number of
   * e-mails and text messages queued (0 when it had been raised already).
   */
  public int raise(long taskId, AlertReason reason) {
    Integer queued =
        transaction.execute(
            status -> {
              Instant now = clock.instant();
              boolean claimed =
                  jdbc.sql(
                              """
                              insert into staff_task_alert (task_id, reason, raised_at)
                              values (?, ?, ?) on conflict do nothing
                              """)
                          .params(taskId, reason.name(), Timestamp.from(now))
                          .update()
                      == 1;
              if (!claimed) {
                return 0;
              }
              Optional<StaffTask> task = tasks.find(taskId);
              if (task.isEmpty() || task.get().state() != StaffTaskState.OPEN) {
                return 0;
              }
              Long propertyId = propertyOf.task(taskId).orElse(null);
              boolean sms = texts.unavailableFor(propertyId).isEmpty();
              int n = 0;
              for (StaffContact person : recipients(task.get(), propertyId)) {
                if (person.email() != null) {
                  n += queue(taskId, reason, person, "EMAIL", person.email(), now);
                }
                if (sms && person.phone() != null) {
                  n += queue(taskId, reason, person, "SMS", person.phone(), now);
                }
              }
              return n;
            });
    int n = queued == null ? 0 : queued;
    if (n > 0) {
      log.info("Alert {} about task {}: {} e-mail(s)/text(s) queued", reason, taskId, n);
    }
    return n;
  }

  /** The task's team at its property, whoever has it, and the manager on duty. */
  List<StaffContact> recipients(StaffTask task, Long propertyId) {
    List<StaffContact> staff = contacts.workingFor(propertyId);
    Map<Long, StaffContact> chosen = new LinkedHashMap<>();
    for (StaffContact s : staff) {
      boolean team =
          !Roles.MANAGER.equals(group(s.role()))
              && task.candidateGroups().contains(group(s.role()));
      if (team || s.username().equals(task.assignee())) {
        chosen.put(s.staffAccountId(), s);
      }
    }
    Optional<StaffContact> onDuty =
        propertyId == null ? Optional.empty() : contacts.managerOnDuty(propertyId);
    if (onDuty.isPresent()) {
      chosen.putIfAbsent(onDuty.get().staffAccountId(), onDuty.get());
    } else {
      staff.stream()
          .filter(s -> Roles.MANAGER.equals(group(s.role())))
          .forEach(s -> chosen.putIfAbsent(s.staffAccountId(), s));
    }
    return List.copyOf(chosen.values());
  }

  /** The task group a role works in first. */
  private static String group(String role) {
    return switch (role) {
      case "MANAGER" -> Roles.MANAGER;
      case "FRONT_DESK" -> Roles.FRONT_DESK;
      default -> Roles.HOUSEKEEPING;
    };
  }

  private int queue(
      long taskId,
      AlertReason reason,
      StaffContact person,
      String channel,
      String recipient,
      Instant now) {
    return jdbc.sql(
            """
            insert into staff_notification (task_id, reason, staff_account_id, channel, recipient,
              state, next_attempt_at, created_at)
            values (?, ?, ?, ?, ?, 'PENDING', ?, ?) on conflict do nothing
            """)
        .params(
            taskId,
            reason.name(),
            person.staffAccountId(),
            channel,
            recipient,
            Timestamp.from(now),
            Timestamp.from(now))
        .update();
  }
}
