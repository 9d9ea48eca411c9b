package org.guestjourney.outbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How engine commands leave the outbox.
 *
 * @param pollEvery how often each replica looks for commands written by others or due for a retry
 *     (a command written by this replica is sent at once)
 * @param batchSize how many commands one replica claims at a time
 * @param concurrency how many commands one replica sends to the engine at the same time
 * @param lease how long a claimed command is left to the replica that claimed it before another may
 *     send it (so a replica that died does not keep it)
 * @param retryBackoff wait before the first retry of a failed command; doubles each time
 * @param maxBackoff the longest wait between retries
 */
@ConfigurationProperties("guest-journey.outbox")
public record OutboxProperties(
    @DefaultValue("PT1S") Duration pollEvery,
    @DefaultValue("100") int batchSize,
    @DefaultValue("8") int concurrency,
    @DefaultValue("PT1M") Duration lease,
    @DefaultValue("PT2S") Duration retryBackoff,
    @DefaultValue("PT5M") Duration maxBackoff) {}
