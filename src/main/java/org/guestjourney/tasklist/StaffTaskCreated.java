package org.guestjourney.tasklist;

/** A new task was recorded (published once per task, by the replica that recorded it). */
public record StaffTaskCreated(long taskId) {}
