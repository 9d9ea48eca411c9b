package org.guestjourney.tasklist;

import org.springframework.security.core.Authentication;

/**
 * A count in the staff menu that other capabilities keep live on every staff page (ADR 0066), next
 * to the open tasks: it rides the tasks' server-sent events and their poll as a named field of the
 * pulse ({@code "inbox": 2}). Like the tasks, each replica reads it from PostgreSQL.
 */
public interface MenuCount {

  /** The pulse's field, e.g. {@code inbox}. */
  String name();

  /**
   * Something read from the database that moves whenever this count may have moved for anyone (a
   * new row, a row marked read); the stream recomputes the listeners' counts only then.
   */
  String change();

  /** The count for this person, or null when the menu shows them none. */
  Integer count(Authentication auth);
}
