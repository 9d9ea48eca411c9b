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

  BookingJourneyWorkers(
      PreArrivalService service,
      JourneySteps steps,
      JourneyModels models,
      SendRetries retries,
      StaffTaskService tasks) {
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
    return steps.facts(bookingId);
  }

  @JobWorker(type = CHECK_ARRIVAL_TIME, fetchVariables = "bookingId")
  public PreArrivalJourney.ArrivalTime checkArrivalTime(@Variable long bookingId) {
    return service.arrivalTime(bookingId);
  }

  /**
   * Sends the message the step's headers name, for any booking journey. A message that must wait
   * (quiet hours, spacing, daily cap) goes back to the model as the BPMN error {@code MESSAGE_HELD}
   * with {@code heldUntil}, when the model catches it; a guest no channel reaches as {@code
   * GUEST_UNREACHABLE}, when the model catches it. Channel failures are retried by the engine; when
   * the retries run out an incident shows it.
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
      throw retries.jobError(job, e);
    }
    switch (outcome) {
      case SendOutcome.Held held -> {
        if (!JourneyModel.catchesError(node, JourneySteps.ERROR_MESSAGE_HELD)) {
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
      case SendOutcome.Unreachable unreachable ->
          throw CamundaError.bpmnError(
              JourneySteps.ERROR_GUEST_UNREACHABLE,
              unreachable.reason(),
              Map.of("unreachableReason", unreachable.reason()));
      case SendOutcome.Done done -> {}
    }
  }
}
