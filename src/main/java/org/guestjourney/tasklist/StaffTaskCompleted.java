package org.guestjourney.tasklist;

import java.util.Map;

/** Published when a person completes a task, with the form values the journey received. */
public record StaffTaskCompleted(StaffTask task, String completedBy, Map<String, Object> values) {}
