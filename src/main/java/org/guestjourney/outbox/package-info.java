/**
 * The engine-command outbox: commands to the process engine that follow a database write (start a
 * booking's journey, tell it the dates changed or the booking was cancelled) are written in the
 * same transaction as that write and sent afterwards by {@link
 * org.guestjourney.outbox.OutboxDispatcher}, so a request never waits on the engine and a command
 * is never lost when the engine is down at that moment. Safe with several replicas: rows are
 * claimed with {@code FOR UPDATE SKIP LOCKED} and leased while they are sent; messages carry an id,
 * so a retried one is one message for the engine.
 */
package org.guestjourney.outbox;
