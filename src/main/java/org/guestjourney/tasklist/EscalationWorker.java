package org.guestjourney.tasklist;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import org.springframework.stereotype.Component;

/**
 * An SLA timer fired on a task: the task stays with its group and is shown to the manager as
 * escalated. Headers: {@code escalatedTaskKind} (the {@code taskKind} of the task, see {@link
 * StaffTask}), {@code reason}. Instances of models from before task kinds still carry {@code
 * escalatedTask} (an element id); they are served as before until they finish.
 */
@Component
public class EscalationWorker {

  public static final String TYPE = "escalate-staff-task";
  public static final String HEADER_ESCALATED_TASK_KIND = "escalatedTaskKind";
  public static final String HEADER_REASON = "reason";
  static final String LEGACY_HEADER_ESCALATED_TASK = "escalatedTask";

  private final StaffTaskService tasks;

  EscalationWorker(StaffTaskService tasks) {
    this.tasks = tasks;
  }

  @JobWorker(
      type = TYPE,
      fetchVariables = {})
  public void escalate(ActivatedJob job) {
    java.util.Map<String, String> headers = job.getCustomHeaders();
    String reason = headers.getOrDefault(HEADER_REASON, "sla");
    String kind = headers.get(HEADER_ESCALATED_TASK_KIND);
    if (kind != null && !kind.isBlank()) {
      tasks.escalate(job.getProcessInstanceKey(), kind, reason);
    } else {
      tasks.escalateLegacy(
          job.getProcessInstanceKey(), headers.get(LEGACY_HEADER_ESCALATED_TASK), reason);
    }
  }
}
