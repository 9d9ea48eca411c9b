package org.guestjourney.conversation;

import org.guestjourney.runtime.EmbeddedRuntimeEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The embedded engine forgets its processes when the app stops: a guest who wrote and is still
 * waiting for an answer gets the front-desk task back (after the journeys are restored, which
 * cancels old tasks), due when it was due before.
 */
@Component
@ConditionalOnProperty(
    name = EmbeddedRuntimeEnvironment.REBUILD_FROM_DATABASE,
    havingValue = "true")
class ConversationRestorer {

  private static final Logger log = LoggerFactory.getLogger(ConversationRestorer.class);

  private final ConversationService conversations;

  ConversationRestorer(ConversationService conversations) {
    this.conversations = conversations;
  }

  @EventListener(ApplicationReadyEvent.class)
  @Order(10)
  void restore() {
    int restored = conversations.restoreOpenJourneys();
    if (restored > 0) {
      log.info("{} guest message(s) wait for an answer again", restored);
    }
  }
}
