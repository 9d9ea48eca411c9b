package org.guestjourney.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.guestjourney.security.StaffUser;
import org.guestjourney.tasklist.StaffTask;
import org.guestjourney.tasklist.StaffTaskService;
import org.guestjourney.tasklist.StaffTaskState;

/** Staff members working tasks, as the tasklist would. */
public final class Staff {

  public static final StaffUser FRONT_DESK = new StaffUser("frontdesk", Set.of("front-desk"));
  public static final StaffUser HOUSEKEEPING =
      new StaffUser("housekeeping", Set.of("housekeeping"));
  public static final StaffUser MANAGER =
      new StaffUser("manager", Set.of("manager", "front-desk", "housekeeping"));

  private final StaffTaskService tasks;

  public Staff(StaffTaskService tasks) {
    this.tasks = tasks;
  }

  /** Waits until the journey has an open task at {@code elementId}. */
  public StaffTask awaitOpenTask(long processInstanceKey, String elementId) {
    return await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () ->
                tasks.ofProcessInstance(processInstanceKey).stream()
                    .filter(
                        t -> t.elementId().equals(elementId) && t.state() == StaffTaskState.OPEN)
                    .findFirst()
                    .orElse(null),
            t -> t != null);
  }

  /** Waits until the journey has an open task of {@code taskKind} (the model's taskKind header). */
  public StaffTask awaitOpenTaskOfKind(long processInstanceKey, String taskKind) {
    return await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () ->
                tasks.ofProcessInstance(processInstanceKey).stream()
                    .filter(t -> taskKind.equals(t.taskKind()) && t.state() == StaffTaskState.OPEN)
                    .findFirst()
                    .orElse(null),
            t -> t != null);
  }

  /** Waits until the task is marked escalated with {@code reason}. */
  public StaffTask awaitEscalated(StaffTask task, String reason) {
    return await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> reload(task), t -> t.escalated() && reason.equals(t.escalationReason()));
  }

  public StaffTask reload(StaffTask task) {
    return tasks.get(task.id(), MANAGER);
  }

  public StaffTask complete(StaffTask task, StaffUser user, Map<String, Object> values) {
    return tasks.complete(task.id(), user, values);
  }
}
