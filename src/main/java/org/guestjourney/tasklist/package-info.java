/**
 * The staff tasklist: the journeys' user tasks as people see and work them. Tasks are job-worker
 * based user tasks (see docs/adr/0005): {@link org.guestjourney.tasklist.UserTaskWorker} keeps each
 * activated task job in {@code staff_task}; staff claim and complete it here, the form is the
 * Camunda form from {@code forms/} and is validated on the server too; completing it completes the
 * job with the form's values. Everything engine-specific about user tasks sits behind {@link
 * org.guestjourney.tasklist.TaskEngine}.
 */
package org.guestjourney.tasklist;
