package org.guestjourney.modeler;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Journey models ({@code guest-journey.modeler.*}).
 *
 * @param packagedModels where the model files shipped with the app are read at start (default
 *     {@code classpath*:/bpmn/**}{@code /*}: the {@code bpmn/} folder packaged in the jar); any
 *     Spring resource pattern, e.g. {@code file:/etc/guest-journey/bpmn/*}. A file is deployed only
 *     when its content was never deployed before (ADR 0070).
 */
@ConfigurationProperties("guest-journey.modeler")
public record ModelerProperties(@DefaultValue("classpath*:/bpmn/**/*") String packagedModels) {}
