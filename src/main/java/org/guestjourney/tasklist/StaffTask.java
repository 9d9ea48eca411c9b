package org.guestjourney.tasklist;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A user task of a journey, as staff see it. {@code taskKind} says what kind of work it is (the
 * model's {@code taskKind} task header, or its form key when it has none): the code reacts to it,
 * never to {@code elementId}, which a manager may rename in the modeler.
 */
public record StaffTask(
    long id,
    long jobKey,
    long processInstanceKey,
    String processId,
    String elementId,
    String taskKind,
    String name,
    String formKey,
    List<String> candidateGroups,
    String assignee,
    Instant dueAt,
    Long bookingId,
    Long complaintId,
    Long requestId,
    StaffTaskState state,
    Instant escalatedAt,
    String escalationReason,
    String completedBy,
    Instant completedAt,
    Instant createdAt) {

  /** Time left until the SLA; negative when breached; null without a due date. */
  public Duration timeLeft(Instant now) {
    return dueAt == null ? null : Duration.between(now, dueAt);
  }

  public boolean breached(Instant now) {
    return dueAt != null && now.isAfter(dueAt);
  }

  public boolean escalated() {
    return escalatedAt != null;
  }
}
