package org.guestjourney.journey;

import io.camunda.client.CamundaClient;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import java.util.Map;
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

  private final CamundaClient client;

  JourneyHandoverWorker(CamundaClient client) {
    this.client = client;
  }

  @JobWorker(type = TYPE, fetchVariables = "bookingId")
  public void publish(ActivatedJob job, @Variable long bookingId) {
    String name = job.getCustomHeaders().get(HEADER_MESSAGE_NAME);
    client
        .newPublishMessageCommand()
        .messageName(name)
        .correlationKey(Long.toString(bookingId))
        .messageId(name + "/" + bookingId)
        .timeToLive(JourneyEngine.MESSAGE_TTL)
        .variables(Map.of("bookingId", bookingId))
        .send()
        .join();
  }
}
