package org.guestjourney.tasklist;

/** A task's SLA timer fired: the task stays open and is marked escalated. */
public record StaffTaskEscalated(long taskId) {}
