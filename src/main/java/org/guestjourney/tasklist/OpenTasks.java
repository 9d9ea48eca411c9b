package org.guestjourney.tasklist;

import java.util.List;
import org.guestjourney.security.CurrentStaff;
import org.guestjourney.security.PropertyAccess;
import org.guestjourney.security.PropertyOf;
import org.guestjourney.security.PropertyScoped;
import org.guestjourney.security.StaffUser;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * The open tasks a signed-in staff member sees: their groups' tasks (managers: all) of the
 * properties they work for; a task of no property only for staff of all properties.
 */
@Component
public class OpenTasks {

  private final StaffTaskService tasks;
  private final PropertyOf propertyOf;

  OpenTasks(StaffTaskService tasks, PropertyOf propertyOf) {
    this.tasks = tasks;
    this.propertyOf = propertyOf;
  }

  public List<StaffTask> of(Authentication auth) {
    StaffUser user = CurrentStaff.of(auth);
    boolean all = auth.getPrincipal() instanceof PropertyScoped scoped && scoped.allProperties();
    return tasks.visibleTo(user).stream()
        .filter(t -> propertyOf.task(t.id()).map(PropertyAccess::readable).orElse(all))
        .toList();
  }

  public int count(Authentication auth) {
    return of(auth).size();
  }

  /** How many of {@code open} this person has (claimed or was given). */
  public static int mine(List<StaffTask> open, Authentication auth) {
    String me = auth.getName();
    return (int) open.stream().filter(t -> me.equals(t.assignee())).count();
  }
}
