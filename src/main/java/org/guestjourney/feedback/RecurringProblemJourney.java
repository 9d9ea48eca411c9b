package org.guestjourney.feedback;

/** Ids shared between {@code bpmn/recurring-problem.bpmn}, its DMN table and the code. */
public final class RecurringProblemJourney {

  public static final String PROCESS_ID = "recurring-problem";
  public static final String DECISION_THRESHOLDS = "recurring-problem-thresholds";
  public static final String TASK_LOOK_INTO_RECURRING_PROBLEM = "task_look_into_recurring_problem";

  /** The manager's task's {@code taskKind} header: what the code reacts to. */
  public static final String KIND_RECURRING_PROBLEM = "recurring-problem";

  public static final String FORM_KEY = "recurring-problem";

  private RecurringProblemJourney() {}
}
