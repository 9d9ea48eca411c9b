package org.guestjourney.journey;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.exception.CamundaError;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.guestjourney.messaging.SendFailedException;
import org.guestjourney.messaging.SendOutcome;
import org.guestjourney.messaging.SendRetries;
import org.guestjourney.modeler.JourneyModel;
import org.guestjourney.modeler.JourneyModels;
import org.guestjourney.tasklist.StaffTaskService;
import org.springframework.stereotype.Component;

/**
 * Engine glue of the booking journeys (pre-arrival, in-stay, post-stay): read the job, call the
 * service, return what changed.
 */
@Component
public class BookingJourneyWorkers {

  static final String LOAD_JOURNEY_FACTS = "load-journey-facts";
  static final String CHECK_ARRIVAL_TIME = "check-arrival-time";
  static final String HEADER_WITHDRAW_TASKS_OF = "withdrawTasksOf";

  private final PreArrivalService service;
  private final JourneySteps steps;
  private final JourneyModels models;
  private final SendRetries retries;
  private final StaffTaskService tasks;
  private final JourneyRuns runs;

  BookingJourneyWorkers(
      PreArrivalService service,
      JourneySteps steps,
      JourneyModels models,
      SendRetries retries,
      StaffTaskService tasks,
      JourneyRuns runs) {
    this.runs = runs;
    this.tasks = tasks;
    this.service = service;
    this.steps = steps;
    this.models = models;
    this.retries = retries;
  }

  /**
   * The booking's facts and the house's journey settings, read again at every (re)plan. With the
   * header {@code withdrawTasksOf}, open staff tasks of that journey are withdrawn first (the guest
   * has arrived: a call about the arrival time is moot).
   */
  @JobWorker(type = LOAD_JOURNEY_FACTS, fetchVariables = "bookingId")
  public StayFacts loadFacts(ActivatedJob job, @Variable long bookingId) {
    String withdraw = job.getCustomHeaders().get(HEADER_WITHDRAW_TASKS_OF);
    if (withdraw != null && !withdraw.isBlank()) {
      tasks.withdraw(bookingId, withdraw.strip());
    }
    runs.record(
        bookingId,
        job.getBpmnProcessId(),
        job.getProcessInstanceKey(),
        job.getProcessDefinitionKey());
    return steps.facts(bookingId);
  }

  @JobWorker(type = CHECK_ARRIVAL_TIME, fetchVariables = "bookingId")
  public PreArrivalJourney.ArrivalTime checkArrivalTime(@Variable long bookingId) {
    return service.arrivalTime(bookingId);
  }

  /**
   * Sends the message the step's headers name, for any booking journey. A message that must wait
   * (quiet hours, spacing, daily cap) goes back to the model as the BPMN error {@code MESSAGE_HELD}
   * with {@code heldUntil}, when the model catches it. A service message that cannot reach the
   * guest (no channel, refused for good by the provider, or its last attempt failed) is recorded as
   * failed for good and goes back as {@code GUEST_UNREACHABLE} when the model catches it (a "call
   * the guest" task); otherwise channel failures are retried by the engine and an incident shows
   * when the retries run out.
   */
  @JobWorker(type = JourneySteps.SEND_GUEST_MESSAGE, fetchAllVariables = true)
  public void send(ActivatedJob job) {
    JourneyModel model = models.byDefinitionKey(job.getProcessDefinitionKey());
    var node =
        model
            .node(job.getElementId())
            .orElseThrow(
                () -> new IllegalStateException("No element " + job.getElementId() + " in model"));
    Map<String, Object> variables = job.getVariablesAsMap();
    SendOutcome outcome;
    try {
      outcome = steps.send(model, node, variables);
    } catch (SendFailedException e) {
      if (e.retryAt().isEmpty()
          && e.retriesLeft(job.getRetries()) <= 0
          && model.catchesErrorOf(node, JourneySteps.ERROR_GUEST_UNREACHABLE)
          && steps.giveUp(
              node, variables, "Failed for good after its last attempt: " + e.getMessage())) {
        // the attempts ran out: a person takes the message on instead of an incident
        throw unreachable(job);
      }
      throw retries.jobError(job, e);
    }
    switch (outcome) {
      case SendOutcome.Held held -> {
        if (!model.catchesErrorOf(node, JourneySteps.ERROR_MESSAGE_HELD)) {
          // a model without the waiting path: the engine tries again at the moment, no attempt used
          throw retries.jobError(job, new SendFailedException(held.reason(), null, held.until()));
        }
        String zone =
            variables.get("timeZone") instanceof String z ? z : ZoneId.systemDefault().getId();
        throw CamundaError.bpmnError(
            JourneySteps.ERROR_MESSAGE_HELD,
            held.reason(),
            Map.of(
                "heldUntil",
                DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(held.until().atZone(ZoneId.of(zone))),
                "heldReason",
                held.reason()));
      }
      case SendOutcome.Unreachable unreachable -> throw unreachable(job);
      case SendOutcome.Done done -> {}
    }
  }

  /**
   * The BPMN error {@code GUEST_UNREACHABLE}. The reason (which may quote the provider, and so the
   * guest's address) stays on the message's record, where the task card and journey page read it;
   * the process gets no variable.
   */
  private static RuntimeException unreachable(ActivatedJob job) {
    return CamundaError.bpmnError(
        JourneySteps.ERROR_GUEST_UNREACHABLE,
        "Message of step " + job.getElementId() + " did not reach the guest",
        Map.of());
  }
}
