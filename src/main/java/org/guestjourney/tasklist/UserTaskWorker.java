package org.guestjourney.tasklist;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.camunda.client.api.response.ActivatedJob;
import org.springframework.stereotype.Component;

/**
 * Receives the journeys' user tasks. A user task without {@code zeebe:userTask} is a job of type
 * {@value #TYPE}; its form key, candidate groups, assignee and due date arrive as headers. The job
 * stays activated (not completed) until a person completes the task in the tasklist.
 */
@Component
public class UserTaskWorker {

  public static final String TYPE = "io.camunda.zeebe:userTask";

  /** Long enough for any task; if it ever runs out, the re-activated job is the same task. */
  static final long ACTIVATION_TIMEOUT_MILLIS = 30L * 24 * 60 * 60 * 1000;

  private final StaffTaskService tasks;

  UserTaskWorker(StaffTaskService tasks) {
    this.tasks = tasks;
  }

  /** The ids a task may be about; all optional. */
  public record TaskSubject(Long bookingId, Long complaintId, Long requestId) {}

  @JobWorker(
      type = TYPE,
      autoComplete = false,
      timeout = ACTIVATION_TIMEOUT_MILLIS,
      fetchVariables = {"bookingId", "complaintId", "requestId"})
  public void taskCreated(ActivatedJob job, @VariablesAsType TaskSubject subject) {
    tasks.record(
        new StaffTaskService.TaskJob(
            job.getKey(),
            job.getProcessInstanceKey(),
            job.getElementInstanceKey(),
            job.getBpmnProcessId(),
            job.getElementId(),
            job.getCustomHeaders()),
        subject);
  }
}
