package org.guestjourney.tasklist;

import java.util.Set;

/** A signed-in staff member and the groups they work for. */
public record StaffUser(String username, Set<String> groups) {

  public static final String MANAGER = "manager";

  public boolean isManager() {
    return groups.contains(MANAGER);
  }

  /** Managers see every task (escalations included); others the tasks of their groups. */
  public boolean canSee(StaffTask task) {
    return isManager() || task.candidateGroups().stream().anyMatch(groups::contains);
  }
}
