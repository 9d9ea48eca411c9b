package org.guestjourney.tasklist;

public enum StaffTaskState {
  OPEN,
  COMPLETED,
  CANCELLED
}
