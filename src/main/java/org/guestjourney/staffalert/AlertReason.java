package org.guestjourney.staffalert;

/** Why people are alerted about a task. */
public enum AlertReason {
  /** A new task for the team (not urgent: an urgent one is {@link #URGENT}). */
  NEW_TASK,
  /** A colleague gave the task to this person. */
  ASSIGNED,
  /** Most of the time to the task's deadline has gone and it is still open. */
  DUE_SOON,
  /** An urgent task appeared (a smell of gas, an urgent complaint). */
  URGENT,
  /** The task's deadline passed and it is still open. */
  BREACH;

  /**
   * Whether a person may collect alerts of this reason in a digest. Urgent tasks and missed
   * deadlines always go out at once.
   */
  public boolean digestible() {
    return this == NEW_TASK || this == ASSIGNED || this == DUE_SOON;
  }

  /** The key of this reason's words in the staff bundle ("alerts.reason.new_task"). */
  String key() {
    return "alerts.reason." + name().toLowerCase(java.util.Locale.ROOT);
  }
}
