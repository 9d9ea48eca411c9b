package org.guestjourney.tasklist;

/**
 * A task was given to {@code assignee} by {@code by} (a manager on the tasklist or through the
 * API).
 */
public record StaffTaskAssigned(long taskId, String assignee, String by) {}
