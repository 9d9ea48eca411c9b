package org.guestjourney.messaging;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Messaging settings.
 *
 * @param staleAfter a message that reaches its send step later than this after its planned moment
 *     is skipped, never sent late (engine down, backlog)
 * @param sendLease how long one worker holds a message while sending; after that another worker may
 *     retry it
 * @param retryBackoff wait before a failed send is tried again
 * @param fromAddress sender address of guest e-mail; the display name is the property's name
 * @param channelOrder channels tried in this order after the guest's own preference
 * @param minGap a proactive message waits at least this long after the previous message to the same
 *     booking, so that two never arrive together
 * @param templatesDirectory a folder of message templates ({@code email/<language>/<message>.html},
 *     {@code sms/<language>/<message>.txt}) looked at before the packaged ones: where a message a
 *     manager adds to a journey gets its text, and where a packaged text can be replaced, without a
 *     rebuild; none by default
 * @param recordSentPatience how long a send whose message the provider took keeps trying to record
 *     "sent" while the database is away (restart, fail-over); giving up means sending it again, so
 *     this is longer than the send lease and shorter than the send jobs' time-out (3 minutes): the
 *     attempt number fences a late record, so waiting past the lease is safe
 */
@ConfigurationProperties("guest-journey.messaging")
public record MessagingProperties(
    @DefaultValue("PT1H") Duration staleAfter,
    @DefaultValue("PT2M") Duration sendLease,
    @DefaultValue("PT30S") Duration retryBackoff,
    @DefaultValue("guest-journey@localhost") String fromAddress,
    @DefaultValue({"EMAIL", "WHATSAPP", "SMS"}) java.util.List<ChannelType> channelOrder,
    @DefaultValue("PT10M") Duration minGap,
    java.nio.file.Path templatesDirectory,
    @DefaultValue("PT2M30S") Duration recordSentPatience) {}
