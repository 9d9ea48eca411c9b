package org.guestjourney.modeler;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.model.bpmn.instance.FlowNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Which steps a stay's plan puts at the journey's start without walking it: only those no timer
 * date stands before on any way, read from the shipped models and from an edited one.
 */
class ReachedWithoutTimerTest {

  private static JourneyModel model(String file) throws Exception {
    return JourneyModels.parseDraft(Files.readString(Path.of("bpmn", file)));
  }

  private static FlowNode node(JourneyModel model, String id) {
    return model.node(id).orElseThrow();
  }

  @Test
  void theConfirmationRightAfterTheBookingIsReachedWithoutATimer() throws Exception {
    JourneyModel preArrival = model("pre-arrival.bpmn");

    assertThat(preArrival.reachedWithoutTimer(node(preArrival, "task_load_facts"))).isTrue();
    assertThat(preArrival.reachedWithoutTimer(node(preArrival, "task_send_booking_confirmation")))
        .isTrue();
  }

  @Test
  void stepsAfterATimerOrOnlyOnABoundaryPathAreNot() throws Exception {
    JourneyModel preArrival = model("pre-arrival.bpmn");

    // after "days before arrival set by the house" and "day before arrival"
    assertThat(preArrival.reachedWithoutTimer(node(preArrival, "task_send_check_in_guide")))
        .isFalse();
    assertThat(preArrival.reachedWithoutTimer(node(preArrival, "task_send_day_before_reminder")))
        .isFalse();
    // only reached when the booking's dates change (a boundary event), never from the start
    assertThat(preArrival.reachedWithoutTimer(node(preArrival, "task_send_booking_changed")))
        .isFalse();
    // after the subprocess with its timers
    assertThat(preArrival.reachedWithoutTimer(node(preArrival, "end_guest_arriving"))).isFalse();
  }

  @Test
  void aTimerAManagerPutsBeforeTheConfirmationMakesItTimed() throws Exception {
    // the manager has the confirmation wait for a moment: read the booking → timer → confirmation
    String edited =
        Files.readString(Path.of("bpmn", "pre-arrival.bpmn"))
            .replace(
                "<bpmn:incoming>flow_to_send_confirmation</bpmn:incoming>",
                "<bpmn:incoming>flow_wait_over</bpmn:incoming>")
            .replace(
                "sourceRef=\"task_load_facts\" targetRef=\"task_send_booking_confirmation\" />",
                "sourceRef=\"task_load_facts\" targetRef=\"timer_hold_confirmation\" />"
                    + "<bpmn:intermediateCatchEvent id=\"timer_hold_confirmation\" name=\"Next"
                    + " morning\"><bpmn:incoming>flow_to_send_confirmation</bpmn:incoming>"
                    + "<bpmn:outgoing>flow_wait_over</bpmn:outgoing><bpmn:timerEventDefinition>"
                    + "<bpmn:timeDate>=now()</bpmn:timeDate></bpmn:timerEventDefinition>"
                    + "</bpmn:intermediateCatchEvent><bpmn:sequenceFlow id=\"flow_wait_over\""
                    + " sourceRef=\"timer_hold_confirmation\""
                    + " targetRef=\"task_send_booking_confirmation\" />");
    assertThat(edited).contains("timer_hold_confirmation");
    JourneyModel model = JourneyModels.parseDraft(edited);

    assertThat(model.reachedWithoutTimer(node(model, "task_send_booking_confirmation"))).isFalse();
    assertThat(model.reachedWithoutTimer(node(model, "task_load_facts"))).isTrue();
  }
}
