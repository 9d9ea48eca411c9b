package org.guestjourney.outbox;

import java.time.Duration;

/**
 * One engine command waiting to be sent.
 *
 * @param kind {@link EngineOutbox#PUBLISH_MESSAGE} or the kind of an {@link OutboxHandler}
 * @param subjectId what the entry is about besides its booking (a guest request, an inquiry…)
 * @param attempts how many times it was claimed for sending, this time included
 */
public record OutboxEntry(
    long id,
    String kind,
    Long bookingId,
    String messageName,
    String correlationKey,
    String messageId,
    Duration timeToLive,
    Long subjectId,
    int attempts) {}
