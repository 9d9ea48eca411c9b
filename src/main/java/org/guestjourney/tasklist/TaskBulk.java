package org.guestjourney.tasklist;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.guestjourney.audit.AuditLog;
import org.guestjourney.security.CurrentStaff;
import org.guestjourney.security.PropertyAccess;
import org.guestjourney.security.PropertyOf;
import org.guestjourney.security.Roles;
import org.guestjourney.security.StaffAccount;
import org.guestjourney.security.StaffAccountService;
import org.guestjourney.security.StaffUser;
import org.guestjourney.web.ForbiddenException;
import org.guestjourney.web.InvalidRequestException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Several tasks at once (ADR 0066): a manager takes them, gives them to a named person or releases
 * them; the front desk takes them for themselves or releases their own. Each task is decided and
 * changed on its own, with its row locked, by the same service calls as one by one, and audited
 * like them; the report says for every task what happened. A task somebody else has is never taken
 * from them silently: a task whose person changed since the page showed it is left as it is, and
 * said so.
 */
@Service
public class TaskBulk {

  private static final Logger log = LoggerFactory.getLogger(TaskBulk.class);

  /** The most tasks one bulk action changes. */
  public static final int MOST = 100;

  /** What to do with the chosen tasks. */
  public enum Action {
    CLAIM("claim"),
    ASSIGN("assign"),
    RELEASE("unclaim");

    private final String verb;

    Action(String verb) {
      this.verb = verb;
    }

    /** The single action's path word ({@code /tasks/{id}/claim}), for the audit trail. */
    String verb() {
      return verb;
    }

    static Optional<Action> of(String name) {
      if (name == null) {
        return Optional.empty();
      }
      try {
        return Optional.of(valueOf(name.strip().toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
    }
  }

  /** What happened to one task. */
  public enum Outcome {
    /** Taken by the person who asked. */
    CLAIMED,
    /** Given to the chosen person. */
    ASSIGNED,
    /** Nobody has it now. */
    RELEASED,
    /** The person who asked had it already. */
    ALREADY_MINE,
    /** The chosen person had it already. */
    ALREADY_THEIRS,
    /** Nobody had it (nothing to release). */
    ALREADY_FREE,
    /** Somebody completed it. */
    DONE,
    /** The journey no longer needs it. */
    CANCELLED,
    /** Somebody else has it, or its person changed after the page showed it: left as it is. */
    TAKEN,
    /** Front desk releases only their own tasks. */
    NOT_YOURS,
    /** The chosen person does not work on its team or at its house. */
    NOT_FOR_THEM,
    /** Not a task this person sees. */
    NOT_FOUND,
    /** It could not be changed (nothing of it was); trying again may work. */
    FAILED;

    public boolean applied() {
      return this == CLAIMED || this == ASSIGNED || this == RELEASED;
    }
  }

  /**
   * A chosen task and who had it when the page showed it (null: nobody), so that a change made
   * meanwhile is noticed rather than overwritten.
   */
  public record Pick(long taskId, String seenAssignee) implements Serializable {}

  /** One task's outcome; {@code who} is the person it concerns (may be null). */
  public record Result(long taskId, String title, Outcome outcome, String who)
      implements Serializable {}

  /** Outcomes counted for the report's first line: "3 given to anna; 1 already done". */
  public record Count(Outcome outcome, String who, int count) implements Serializable {}

  /** What a bulk action did, task by task. */
  public record Report(Action action, String assignee, List<Result> results)
      implements Serializable {

    public int applied() {
      return (int) results.stream().filter(r -> r.outcome().applied()).count();
    }

    /** The results counted by outcome (and person), applied ones first. */
    public List<Count> counts() {
      Map<String, Count> counts = new LinkedHashMap<>();
      results.stream()
          .sorted(
              java.util.Comparator.comparing((Result r) -> !r.outcome().applied())
                  .thenComparing(Result::outcome))
          .forEach(
              r ->
                  counts.merge(
                      r.outcome() + "/" + r.who(),
                      new Count(r.outcome(), r.who(), 1),
                      (a, b) -> new Count(a.outcome(), a.who(), a.count() + 1)));
      return List.copyOf(counts.values());
    }
  }

  private final StaffTaskRepository repository;
  private final StaffTaskService tasks;
  private final TaskCards cards;
  private final StaffAccountService accounts;
  private final PropertyOf propertyOf;
  private final PropertyAccess access;
  private final AuditLog audit;
  private final TransactionTemplate transaction;

  TaskBulk(
      StaffTaskRepository repository,
      StaffTaskService tasks,
      TaskCards cards,
      StaffAccountService accounts,
      PropertyOf propertyOf,
      PropertyAccess access,
      AuditLog audit,
      PlatformTransactionManager transactions) {
    this.repository = repository;
    this.tasks = tasks;
    this.cards = cards;
    this.accounts = accounts;
    this.propertyOf = propertyOf;
    this.access = access;
    this.audit = audit;
    this.transaction = new TransactionTemplate(transactions);
  }

  /** Whether this person may choose several tasks at once (managers and the front desk). */
  public static boolean mayUse(StaffUser user) {
    return user.isManager() || user.groups().contains(Roles.FRONT_DESK);
  }

  /** The actions this person may apply to several tasks. */
  public static Set<Action> actionsOf(StaffUser user) {
    if (user.isManager()) {
      return Set.of(Action.CLAIM, Action.ASSIGN, Action.RELEASE);
    }
    return mayUse(user) ? Set.of(Action.CLAIM, Action.RELEASE) : Set.of();
  }

  /**
   * Applies {@code action} to each chosen task. Refuses the whole request, changing nothing, when
   * the person may not do this or the request is incomplete; otherwise every task gets its own
   * outcome.
   */
  public Report apply(Authentication auth, String actionName, List<Pick> picks, String assignee) {
    StaffUser me = CurrentStaff.of(auth);
    if (!mayUse(me)) {
      throw new ForbiddenException("Housekeeping takes tasks one at a time");
    }
    Action action =
        Action.of(actionName)
            .orElseThrow(
                () -> InvalidRequestException.of("action", "must be claim, assign or release"));
    if (!actionsOf(me).contains(action)) {
      throw new ForbiddenException("Only a manager gives tasks to others");
    }
    if (picks == null || picks.isEmpty()) {
      throw InvalidRequestException.of("tasks", "choose at least one task");
    }
    Map<Long, Pick> chosen = new LinkedHashMap<>();
    picks.forEach(p -> chosen.putIfAbsent(p.taskId(), p));
    if (chosen.size() > MOST) {
      throw InvalidRequestException.of("tasks", "at most " + MOST + " tasks at once");
    }
    StaffAccount target = null;
    if (action == Action.ASSIGN) {
      String name = assignee == null ? "" : assignee.strip();
      if (name.isEmpty()) {
        throw InvalidRequestException.of("assignee", "choose the person to give the tasks to");
      }
      target =
          accounts.all().stream()
              .filter(StaffAccount::enabled)
              .filter(a -> a.username().equals(name))
              .findFirst()
              .orElseThrow(() -> InvalidRequestException.of("assignee", "no such person"));
    }
    List<Result> results = new ArrayList<>();
    for (Pick pick : chosen.values()) {
      results.add(applyOne(me, action, pick, target));
    }
    Report report = new Report(action, target == null ? null : target.username(), results);
    log.info(
        "{} applied {} to {} task(s): {} changed",
        me.username(),
        action,
        results.size(),
        report.applied());
    return report;
  }

  private Result applyOne(StaffUser me, Action action, Pick pick, StaffAccount target) {
    try {
      return transaction.execute(status -> decideAndApply(me, action, pick, target));
    } catch (RuntimeException e) {
      log.warn("Bulk {} of task {} by {} failed", action, pick.taskId(), me.username(), e);
      return new Result(pick.taskId(), "", Outcome.FAILED, null);
    }
  }

  /** In one transaction: the task locked, the decision, the change and its audit entry. */
  private Result decideAndApply(StaffUser me, Action action, Pick pick, StaffAccount target) {
    long id = pick.taskId();
    Optional<StaffTask> found = repository.lock(id);
    Optional<Long> property = propertyOf.task(id);
    if (found.isEmpty()
        || !me.worksIn(found.get().candidateGroups())
        || !property.map(access::canRead).orElseGet(access::allProperties)) {
      return new Result(id, "", Outcome.NOT_FOUND, null);
    }
    StaffTask task = found.get();
    String title = cards.card(task).title();
    String current = task.assignee();
    String seen = blankToNull(pick.seenAssignee());
    Outcome outcome;
    String who = current;
    if (task.state() == StaffTaskState.COMPLETED) {
      outcome = Outcome.DONE;
      who = task.completedBy();
    } else if (task.state() != StaffTaskState.OPEN) {
      outcome = Outcome.CANCELLED;
    } else {
      switch (action) {
        case CLAIM -> {
          if (me.username().equals(current)) {
            outcome = Outcome.ALREADY_MINE;
          } else if (current != null) {
            outcome = Outcome.TAKEN;
          } else {
            tasks.claim(id, me);
            outcome = Outcome.CLAIMED;
            who = me.username();
          }
        }
        case ASSIGN -> {
          StaffUser person = new StaffUser(target.username(), target.role().groups());
          who = target.username();
          if (!person.worksIn(task.candidateGroups())
              || !(target.allProperties()
                  || property.map(p -> target.propertyIds().contains(p)).orElse(false))) {
            outcome = Outcome.NOT_FOR_THEM;
          } else if (target.username().equals(current)) {
            outcome = Outcome.ALREADY_THEIRS;
          } else if (!Objects.equals(current, seen)) {
            outcome = Outcome.TAKEN;
            who = current;
          } else {
            tasks.assign(id, me, person);
            outcome = Outcome.ASSIGNED;
          }
        }
        case RELEASE -> {
          if (current == null) {
            outcome = Outcome.ALREADY_FREE;
          } else if (!me.isManager() && !me.username().equals(current)) {
            outcome = Outcome.NOT_YOURS;
          } else if (!Objects.equals(current, seen)) {
            outcome = Outcome.TAKEN;
          } else {
            tasks.unclaim(id, me);
            outcome = Outcome.RELEASED;
          }
        }
        default -> throw new IllegalStateException("Unknown action " + action);
      }
    }
    audit.record(
        me.username(),
        "CHANGE",
        "POST /tasks/" + id + "/" + action.verb() + " (bulk)",
        "task",
        id,
        property.orElse(null),
        outcome.applied() ? 200 : 409);
    return new Result(id, title, outcome, who);
  }

  /**
   * Who a manager may give any of these tasks to: enabled staff who work on the team and at the
   * house of at least one of them.
   */
  public List<String> assignable(List<TaskCard> shown) {
    Set<String> names = new LinkedHashSet<>();
    for (StaffAccount a : accounts.all()) {
      if (!a.enabled()) {
        continue;
      }
      StaffUser person = new StaffUser(a.username(), a.role().groups());
      boolean takesOne =
          shown.stream()
              .anyMatch(
                  c ->
                      person.worksIn(c.task().candidateGroups())
                          && (a.allProperties()
                              || (c.propertyId() != null
                                  && a.propertyIds().contains(c.propertyId()))));
      if (takesOne) {
        names.add(a.username());
      }
    }
    return names.stream().sorted().toList();
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
