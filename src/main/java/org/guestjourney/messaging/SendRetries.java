package org.guestjourney.messaging;

import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.exception.CamundaError;
import io.camunda.client.exception.JobError;
import java.time.Clock;
import org.springframework.stereotype.Component;

/**
 * Turns a send that did not happen into the job error the engine retries: after the configured
 * backoff (one attempt used), or at the moment the message waits for (no attempt used). When the
 * attempts run out the engine raises an incident a person can see.
 */
@Component
public class SendRetries {

  private final MessagingProperties settings;
  private final Clock clock;

  SendRetries(MessagingProperties settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
  }

  public JobError jobError(ActivatedJob job, SendFailedException e) {
    return CamundaError.jobError(
        e.getMessage(),
        null,
        e.retriesLeft(job.getRetries()),
        e.backoff(settings.retryBackoff(), clock.instant()),
        e);
  }
}
