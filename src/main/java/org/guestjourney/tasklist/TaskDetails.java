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

  /**
   * What a card in the tasklist says about the task: its category (e.g. "safety"), its urgency
   * ({@value #URGENT}, "priority", "latent" as the classification tables decide) and an excerpt of
   * what the guest wrote. Values are shown as text, never as markup.
   */
  record Triage(String category, String urgency, String excerpt) {}

  /** The urgency that alerts people at once (a smell of gas, an urgent complaint). */
  String URGENT = "urgent";

  /** The task's category, urgency and excerpt, when this capability knows the task. */
  default java.util.Optional<Triage> triageFor(StaffTask task) {
    return java.util.Optional.empty();
  }

  /** Who the task is about when it has no booking (e.g. the author of an inquiry). */
  default java.util.Optional<String> whoFor(StaffTask task) {
    return java.util.Optional.empty();
  }
}
