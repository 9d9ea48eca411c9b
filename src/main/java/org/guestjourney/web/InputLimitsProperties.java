package org.guestjourney.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits on what a request may carry ({@code guest-journey.input.*}).
 *
 * @param maxRequestSize the largest request body accepted (default 256KB: a booking, a settings
 *     page or a batch of mail events are a few KB); larger ones are refused with 413
 * @param maxInboundMailSize the largest inbound e-mail a mail provider may post (default 10MB: the
 *     provider posts attachments inside the JSON; only the typed text is kept)
 */
@ConfigurationProperties("guest-journey.input")
public record InputLimitsProperties(
    @DefaultValue("256KB") DataSize maxRequestSize,
    @DefaultValue("10MB") DataSize maxInboundMailSize) {}
