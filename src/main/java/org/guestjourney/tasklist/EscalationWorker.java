package org.guestjourney.tasklist;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import org.springframework.stereotype.Component;

/**
 * An SLA timer fired on a task: the task stays with its group and is shown to the manager as
 * escalated. Headers: {@code escalatedTask} (element id of the task), {@code reason}.
 */
@Component
public class EscalationWorker {

  public static final String TYPE = "escalate-staff-task";

  private final StaffTaskService tasks;

  EscalationWorker(StaffTaskService tasks) {
    this.tasks = tasks;
  }

  @JobWorker(
      type = TYPE,
      fetchVariables = {})
  public void escalate(ActivatedJob job) {
    tasks.escalate(
        job.getProcessInstanceKey(),
        job.getCustomHeaders().get("escalatedTask"),
        job.getCustomHeaders().getOrDefault("reason", "sla"));
  }
}
