package org.guestjourney.conversation;

import java.util.List;
import org.guestjourney.tasklist.StaffTask;
import org.guestjourney.tasklist.TaskDetails;
import org.springframework.stereotype.Component;

/** Shows what the guest wrote on the "reply to the guest" task. */
@Component
class ConversationTaskDetails implements TaskDetails {

  private final ConversationService conversations;

  ConversationTaskDetails(ConversationService conversations) {
    this.conversations = conversations;
  }

  @Override
  public List<Detail> detailsFor(StaffTask task) {
    if (!ConversationService.PROCESS_ID.equals(task.processId())) {
      return List.of();
    }
    return conversations
        .forProcess(task.processInstanceKey())
        .map(
            m ->
                List.of(
                    new Detail("The guest wrote (" + m.channel().toLowerCase() + ")", m.body())))
        .orElse(List.of());
  }
}
