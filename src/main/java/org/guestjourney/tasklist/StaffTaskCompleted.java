package org.guestjourney.tasklist;

import java.util.Map;

/**
 * Published when a person completes a task, just before the journey receives the form values, so
 * that capabilities have stored what was entered before the next step reads it.
 */
public record StaffTaskCompleted(StaffTask task, String completedBy, Map<String, Object> values) {}
