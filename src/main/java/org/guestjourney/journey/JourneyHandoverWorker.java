package org.guestjourney.journey;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import org.springframework.stereotype.Component;

/**
 * Message end events of one journey start the next: the pre-arrival journey ends with {@code
 * guest-checked-in} (starts in-stay), the in-stay journey with {@code guest-checked-out} (starts
 * post-stay). Correlated on the booking; published once per booking and message.
 */
@Component
public class JourneyHandoverWorker {

  static final String TYPE = "publish-journey-message";
  static final String HEADER_MESSAGE_NAME = "messageName";

  private final JourneyEngine engine;

  JourneyHandoverWorker(JourneyEngine engine) {
    this.engine = engine;
  }

  @JobWorker(type = TYPE, fetchVariables = "bookingId")
  public void publish(ActivatedJob job, @Variable long bookingId) {
    engine.handOver(job.getCustomHeaders().get(HEADER_MESSAGE_NAME), bookingId);
  }
}
