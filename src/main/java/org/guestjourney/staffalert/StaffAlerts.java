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
import org.guestjourney.tasklist.StaffTaskAssigned;
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
  private final StaffAlertPreferences preferences;
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
      StaffAlertPreferences preferences,
      Clock clock) {
    this.jdbc = jdbc;
    this.transaction = transaction;
    this.tasks = tasks;
    this.cards = cards;
    this.contacts = contacts;
    this.propertyOf = propertyOf;
    this.texts = texts;
    this.settings = settings;
    this.preferences = preferences;
    this.clock = clock;
  }

  /** A new task: urgent ones alert their people at once, the others as each person chose. */
  @EventListener
  void onCreated(StaffTaskCreated created) {
    if (!settings.enabled()) {
      return;
    }
    try {
      tasks
          .find(created.taskId())
          .ifPresent(
              t ->
                  raise(
                      t.id(), cards.card(t).urgent() ? AlertReason.URGENT : AlertReason.NEW_TASK));
    } catch (RuntimeException e) {
      // the task is recorded all the same; a breach is still caught by the sweep
      log.warn("Could not alert about new task {}: {}", created.taskId(), e.toString());
    }
  }

  /** A colleague gave the task to someone: that person hears of it (not when they took it). */
  @EventListener
  void onAssigned(StaffTaskAssigned assigned) {
    if (!settings.enabled() || assigned.assignee().equals(assigned.by())) {
      return;
    }
    try {
      raise(assigned.taskId(), AlertReason.ASSIGNED, assigned.assignee());
    } catch (RuntimeException e) {
      log.warn("Could not alert about assigned task {}: {}", assigned.taskId(), e.toString());
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

  /**
   * Tasks whose deadline passed without a timer saying so (or while the app was down), and tasks
   * whose deadline is near ({@code due-soon-at} of their time has gone).
   */
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
    for (long id : dueSoonWithoutAlert(100)) {
      try {
        raise(id, AlertReason.DUE_SOON);
      } catch (RuntimeException e) {
        log.warn("Could not alert about nearly due task {}: {}", id, e.toString());
      }
    }
  }

  /** Open tasks past {@code due-soon-at} of their time, before their deadline, not alerted yet. */
  List<Long> dueSoonWithoutAlert(int limit) {
    Timestamp now = Timestamp.from(clock.instant());
    return jdbc.sql(
            """
            select t.id from staff_task t
             where t.state = 'OPEN' and t.due_at > ? and t.due_at > t.created_at
               and t.created_at + (t.due_at - t.created_at) * ? <= ?
               and not exists (select 1 from staff_task_alert a
                                where a.task_id = t.id and a.reason = 'DUE_SOON')
             order by t.due_at limit ?
            """)
        .params(now, settings.dueSoonAt(), now, limit)
        .query(Long.class)
        .list();
  }

  /**
   * Raises the alert unless it was raised before (by this or another replica); the number of
   * e-mails and text messages queued (0 when it had been raised already).
   */
  public int raise(long taskId, AlertReason reason) {
    return raise(taskId, reason, null);
  }

  /**
   * The same, for an alert to one person ({@code assignee}, the one a task was given to: {@link
   * AlertReason#ASSIGNED}); claimed once per task, reason and person.
   */
  public int raise(long taskId, AlertReason reason, String assignee) {
    Integer queued =
        transaction.execute(
            status -> {
              Instant now = clock.instant();
              boolean claimed =
                  jdbc.sql(
                              """
                              insert into staff_task_alert (task_id, reason, subject, raised_at)
                              values (?, ?, ?, ?) on conflict do nothing
                              """)
                          .params(
                              taskId,
                              reason.name(),
                              assignee == null ? "" : assignee,
                              Timestamp.from(now))
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
              for (StaffContact person : recipients(task.get(), propertyId, reason, assignee)) {
                StaffAlertPreferences.Choice choice =
                    preferences.of(person.staffAccountId(), reason);
                if (choice.digest() && reason.digestible()) {
                  if (choice.email() || choice.sms()) {
                    n += collect(taskId, reason, person, now);
                  }
                  continue;
                }
                if (choice.email() && person.email() != null) {
                  n += queue(taskId, reason, person, "EMAIL", person.email(), now);
                }
                if (choice.sms() && sms && person.phone() != null) {
                  n += queue(taskId, reason, person, "SMS", person.phone(), now);
                }
              }
              return n;
            });
    int n = queued == null ? 0 : queued;
    if (n > 0) {
      log.info(
          "Alert {} about task {}: {} e-mail(s)/text(s)/digest item(s) queued", reason, taskId, n);
    }
    return n;
  }

  /**
   * Who hears of the task for that reason: a new task, its team (whoever works on its groups at its
   * house); a task given to someone, that person; a deadline near, whoever has the task, else its
   * team; urgent and overdue tasks, the team, whoever has it and the manager on duty (every manager
   * of the house when nobody took the duty).
   */
  List<StaffContact> recipients(
      StaffTask task, Long propertyId, AlertReason reason, String assignee) {
    List<StaffContact> staff = contacts.workingFor(propertyId);
    switch (reason) {
      case ASSIGNED -> {
        return staff.stream().filter(s -> s.username().equals(assignee)).toList();
      }
      case NEW_TASK -> {
        return staff.stream()
            .filter(
                s ->
                    task.candidateGroups().contains(group(s.role()))
                        || s.username().equals(task.assignee()))
            .toList();
      }
      case DUE_SOON -> {
        if (task.assignee() != null) {
          List<StaffContact> holder =
              staff.stream().filter(s -> s.username().equals(task.assignee())).toList();
          if (!holder.isEmpty()) {
            return holder;
          }
        }
        return staff.stream()
            .filter(s -> task.candidateGroups().contains(group(s.role())))
            .toList();
      }
      default -> {
        return urgentOrOverdue(task, propertyId, staff);
      }
    }
  }

  /** The task's team at its property, whoever has it, and the manager on duty. */
  private List<StaffContact> urgentOrOverdue(
      StaffTask task, Long propertyId, List<StaffContact> staff) {
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

  /** Keeps the alert for the person's next digest. */
  private int collect(long taskId, AlertReason reason, StaffContact person, Instant now) {
    return jdbc.sql(
            """
            insert into staff_digest_item (staff_account_id, task_id, reason, created_at)
            values (?, ?, ?, ?) on conflict do nothing
            """)
        .params(person.staffAccountId(), taskId, reason.name(), Timestamp.from(now))
        .update();
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
