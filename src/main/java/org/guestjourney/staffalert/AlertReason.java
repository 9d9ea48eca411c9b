package org.guestjourney.staffalert;

/** Why people are alerted about a task. */
public enum AlertReason {
  /** An urgent task appeared (a smell of gas, an urgent complaint). */
  URGENT,
  /** The task's deadline passed and it is still open. */
  BREACH
}
