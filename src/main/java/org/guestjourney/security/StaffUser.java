package org.guestjourney.security;

import java.util.Set;

/** A signed-in staff member and the groups they work for. */
public record StaffUser(String username, Set<String> groups) {

  public static final String MANAGER = "manager";

  public boolean isManager() {
    return groups.contains(MANAGER);
  }

  /** Whether the staff member works in any of {@code candidateGroups}; managers work in all. */
  public boolean worksIn(java.util.Collection<String> candidateGroups) {
    return isManager() || candidateGroups.stream().anyMatch(groups::contains);
  }
}
