package org.guestjourney.conversation;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import org.guestjourney.messaging.SendFailedException;
import org.guestjourney.messaging.SendRetries;
import org.springframework.stereotype.Component;

/** Sends what staff answered to a guest's message. */
@Component
public class ConversationWorker {

  static final String SEND_STAFF_REPLY = "send-staff-reply";

  private final ConversationService conversations;
  private final SendRetries retries;

  ConversationWorker(ConversationService conversations, SendRetries retries) {
    this.conversations = conversations;
    this.retries = retries;
  }

  @JobWorker(type = SEND_STAFF_REPLY, fetchVariables = "inboundMessageId")
  public void send(ActivatedJob job, @Variable long inboundMessageId) {
    try {
      conversations.sendReply(inboundMessageId);
    } catch (SendFailedException e) {
      throw retries.jobError(job, e);
    }
  }
}
