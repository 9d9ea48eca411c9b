package org.guestjourney.tasklist;

import java.util.List;

/**
 * Lets a capability (complaints, ...) add what staff need to know about its tasks to the task page,
 * without the tasklist knowing that capability.
 */
public interface TaskDetails {

  /** A labelled piece of context. Values are shown as text, never as markup. */
  record Detail(String label, String value) {}

  List<Detail> detailsFor(StaffTask task);

  /** Who the task is about when it has no booking (e.g. the author of an inquiry). */
  default java.util.Optional<String> whoFor(StaffTask task) {
    return java.util.Optional.empty();
  }
}
