package org.guestjourney.privacy;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Guest privacy settings ({@code guest-journey.privacy.*}).
 *
 * @param retentionCheckEvery how often guests past their property's retention are erased (default
 *     every hour; the retention itself is set per property on the Privacy page)
 */
@ConfigurationProperties("guest-journey.privacy")
public record PrivacyProperties(@DefaultValue("PT1H") Duration retentionCheckEvery) {}
