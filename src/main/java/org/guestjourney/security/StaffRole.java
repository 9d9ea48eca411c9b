package org.guestjourney.security;

import java.util.Set;

/** What a staff member does, and the task groups that gives them. */
public enum StaffRole {
  /** Everything: settings, numbers, staff and keys, the time machine; works every group's tasks. */
  MANAGER(Set.of(Roles.MANAGER, Roles.FRONT_DESK, Roles.HOUSEKEEPING)),
  /** Guests: contacts, conversations, bookings, scheduled messages; front-desk tasks. */
  FRONT_DESK(Set.of(Roles.FRONT_DESK)),
  /** Rooms: housekeeping tasks and the room and request facts in them; no guest contacts. */
  HOUSEKEEPING(Set.of(Roles.HOUSEKEEPING));

  private final Set<String> groups;

  StaffRole(Set<String> groups) {
    this.groups = groups;
  }

  public Set<String> groups() {
    return groups;
  }

  /** The role that configured groups describe (the highest one named). */
  static StaffRole ofGroups(java.util.Collection<String> groups) {
    if (groups.contains(Roles.MANAGER)) {
      return MANAGER;
    }
    return groups.contains(Roles.FRONT_DESK) ? FRONT_DESK : HOUSEKEEPING;
  }
}
