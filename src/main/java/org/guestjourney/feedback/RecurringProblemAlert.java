package org.guestjourney.feedback;

import java.time.Instant;

/** A type of problem that kept coming back at a property, raised to the manager. */
public record RecurringProblemAlert(
    long id,
    long propertyId,
    String type,
    String rule,
    int threshold,
    String period,
    String feedbackIds,
    long coveredUntilFeedbackId,
    Long processInstanceKey,
    Instant raisedAt,
    String handledBy,
    Instant handledAt,
    String actionTaken) {

  /** The rule in words: "3 stays in a row" or "4 times within P30D". */
  public String ruleInWords() {
    return RecurringProblems.RULE_CONSECUTIVE.equals(rule)
        ? threshold + " stays in a row that left feedback"
        : threshold + " stays within " + java.time.Duration.parse(period).toDays() + " days";
  }
}
