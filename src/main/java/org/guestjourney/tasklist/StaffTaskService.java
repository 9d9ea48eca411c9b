package org.guestjourney.tasklist;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.guestjourney.forms.CamundaForms;
import org.guestjourney.security.StaffUser;
import org.guestjourney.web.ConflictException;
import org.guestjourney.web.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/** Tasks for people: record them as the engine creates them, show, claim and complete them. */
@Service
public class StaffTaskService {

  private static final Logger log = LoggerFactory.getLogger(StaffTaskService.class);
  static final String HEADER_FORM_KEY = "io.camunda.zeebe:formKey";
  static final String HEADER_CANDIDATE_GROUPS = "io.camunda.zeebe:candidateGroups";
  static final String HEADER_ASSIGNEE = "io.camunda.zeebe:assignee";
  static final String HEADER_DUE_DATE = "io.camunda.zeebe:dueDate";

  /** The task header a model sets on a user task to say what kind of work it is. */
  public static final String HEADER_TASK_KIND = "taskKind";

  private final StaffTaskRepository tasks;
  private final TaskEngine engine;
  private final CamundaForms forms;
  private final ProcessModels models;
  private final ApplicationEventPublisher events;
  private final ObjectMapper json;
  private final Clock clock;

  StaffTaskService(
      StaffTaskRepository tasks,
      TaskEngine engine,
      CamundaForms forms,
      ProcessModels models,
      ApplicationEventPublisher events,
      ObjectMapper json,
      Clock clock) {
    this.tasks = tasks;
    this.engine = engine;
    this.forms = forms;
    this.models = models;
    this.events = events;
    this.json = json;
    this.clock = clock;
  }

  /** What the engine's job for a staff task says (its key, instance, element and headers). */
  record TaskJob(
      long key,
      long processInstanceKey,
      long elementInstanceKey,
      String bpmnProcessId,
      String elementId,
      Map<String, String> customHeaders) {}

  void record(TaskJob job, UserTaskWorker.TaskSubject subject) {
    Map<String, String> headers = job.customHeaders();
    String due = headers.get(HEADER_DUE_DATE);
    String formKey = headers.get(HEADER_FORM_KEY);
    String kind = headers.get(HEADER_TASK_KIND);
    Optional<Long> created =
        tasks.insertIfAbsent(
            new StaffTaskRepository.NewTask(
                job.key(),
                job.processInstanceKey(),
                job.elementInstanceKey(),
                job.bpmnProcessId(),
                job.elementId(),
                kind == null || kind.isBlank() ? formKey : kind,
                models.nameOf(job.elementId()),
                formKey,
                groups(headers.get(HEADER_CANDIDATE_GROUPS)),
                headers.get(HEADER_ASSIGNEE),
                due == null || due.isBlank() ? null : ZonedDateTime.parse(due).toInstant(),
                subject.bookingId(),
                subject.complaintId(),
                subject.requestId()),
            clock.instant());
    created.ifPresent(id -> events.publishEvent(new StaffTaskCreated(id)));
    log.info(
        "Task '{}' (kind {}, job {}) waits for {}",
        job.elementId(),
        kind == null || kind.isBlank() ? formKey : kind,
        job.key(),
        headers.get(HEADER_CANDIDATE_GROUPS));
  }

  /**
   * Marks the instance's open task of that kind as escalated (the SLA timer fired); it stays open.
   */
  public void escalate(long processInstanceKey, String taskKind, String reason) {
    List<Long> escalated = tasks.escalate(processInstanceKey, taskKind, reason, clock.instant());
    escalated.forEach(id -> events.publishEvent(new StaffTaskEscalated(id)));
    log.info(
        "Escalated {} open task(s) of kind '{}' of instance {}: {}",
        escalated.size(),
        taskKind,
        processInstanceKey,
        reason);
  }

  /** The same for an instance of a model from before task kinds, which names an element id. */
  void escalateLegacy(long processInstanceKey, String elementId, String reason) {
    int n = tasks.escalateLegacy(processInstanceKey, elementId, reason, clock.instant());
    log.warn(
        "Escalated {} open task(s) '{}' of instance {} by element id (a model without"
            + " escalatedTaskKind): {}",
        n,
        elementId,
        processInstanceKey,
        reason);
  }

  public List<StaffTask> visibleTo(StaffUser user) {
    return tasks.findOpen().stream().filter(t -> user.worksIn(t.candidateGroups())).toList();
  }

  /** The journey moved past these tasks (e.g. the guest arrived before the call): withdraw them. */
  public int withdraw(long bookingId, String processId) {
    return tasks.cancelOpen(bookingId, processId, clock.instant());
  }

  /** The booking's open tasks of that kind are no longer needed (e.g. the guest has arrived). */
  public int withdrawOfKind(long bookingId, String taskKind) {
    return tasks.cancelOpenOfKind(bookingId, taskKind, clock.instant());
  }

  public List<StaffTask> ofBooking(long bookingId) {
    return tasks.findByBooking(bookingId);
  }

  public List<StaffTask> ofProcessInstance(long processInstanceKey) {
    return tasks.findByProcessInstance(processInstanceKey);
  }

  public StaffTask get(long id, StaffUser user) {
    StaffTask task = tasks.findById(id).orElseThrow(() -> new NotFoundException("No task " + id));
    if (!user.worksIn(task.candidateGroups())) {
      throw new NotFoundException("No task " + id); // do not reveal tasks of other groups
    }
    return task;
  }

  public void claim(long id, StaffUser user) {
    get(id, user);
    if (!tasks.claim(id, user.username(), clock.instant())) {
      throw new ConflictException("Task " + id + " is done or claimed by someone else");
    }
  }

  /**
   * A manager gives an open task to a named staff member (who must be able to see it); replaces
   * whoever had it.
   */
  public void assign(long id, StaffUser manager, StaffUser assignee) {
    get(id, manager);
    if (!manager.isManager()) {
      throw new org.guestjourney.web.ForbiddenException("Only a manager assigns tasks to others");
    }
    StaffTask task = get(id, manager);
    if (!assignee.worksIn(task.candidateGroups())) {
      throw org.guestjourney.web.InvalidRequestException.of(
          "assignee", assignee.username() + " does not work on tasks of this team");
    }
    if (!tasks.assign(id, assignee.username(), clock.instant())) {
      throw new ConflictException("Task " + id + " is already done");
    }
    log.info("Task {} assigned to {} by {}", id, assignee.username(), manager.username());
    events.publishEvent(new StaffTaskAssigned(id, assignee.username(), manager.username()));
  }

  /** The open tasks' ids whose deadline has passed and that nobody was alerted about yet. */
  public List<Long> breachedWithoutAlert(int limit) {
    return tasks.breachedWithoutAlert(clock.instant(), limit);
  }

  /** The latest change to any task, for pages that refresh themselves (null: no tasks yet). */
  public Instant lastChange() {
    return tasks.lastChange();
  }

  /** A task by id, for code acting on the system's behalf (alerts), without a user's view. */
  public Optional<StaffTask> find(long id) {
    return tasks.findById(id);
  }

  public void unclaim(long id, StaffUser user) {
    get(id, user);
    if (!tasks.unclaim(id, user.username(), user.isManager(), clock.instant())) {
      throw new ConflictException("Task " + id + " is not yours to release");
    }
  }

  public JsonNode form(long id, StaffUser user) {
    return forms.schema(get(id, user).formKey());
  }

  /**
   * Completes the task with the form's values: checked against the form first (nothing happens if a
   * value is missing or wrong), then handed to the journey.
   */
  public StaffTask complete(long id, StaffUser user, Map<String, Object> submitted) {
    StaffTask task = get(id, user);
    if (task.state() != StaffTaskState.OPEN) {
      throw new ConflictException(
          "Task " + id + " is already " + task.state().name().toLowerCase());
    }
    if (task.assignee() != null && !task.assignee().equals(user.username())) {
      throw new ConflictException("Task " + id + " is claimed by " + task.assignee());
    }
    Map<String, Object> values =
        task.formKey() == null ? Map.of() : forms.apply(task.formKey(), submitted);
    // the capabilities keep what was entered before the journey moves on and reads it
    events.publishEvent(new StaffTaskCompleted(task, user.username(), values));
    // the journey gets ticks and choices only; typed text stays in PostgreSQL (ids in the engine)
    Map<String, Object> variables =
        task.formKey() == null ? Map.of() : forms.forProcess(task.formKey(), values);
    if (!engine.complete(task.jobKey(), variables)) {
      tasks.cancel(id, clock.instant());
      throw new ConflictException("This task is no longer needed: the journey has moved on");
    }
    tasks.complete(id, user.username(), toJson(values), clock.instant());
    StaffTask done = tasks.findById(id).orElseThrow();
    log.info("Task {} '{}' completed by {}", id, task.elementId(), user.username());
    return done;
  }

  private String toJson(Map<String, Object> values) {
    try {
      return json.writeValueAsString(values);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private List<String> groups(String header) {
    if (header == null || header.isBlank()) {
      return List.of();
    }
    try {
      return json.readValue(header, new TypeReference<List<String>>() {});
    } catch (JsonProcessingException e) {
      return List.of(header.split(","));
    }
  }

  Instant now() {
    return clock.instant();
  }
}
