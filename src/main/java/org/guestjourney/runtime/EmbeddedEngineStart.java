package org.guestjourney.runtime;

/**
 * How the embedded engine started (a bean only on the embedded runtime).
 *
 * @param startedEmpty true when the engine knows no process of an earlier run: its first start on
 *     this directory, a directory from before the durable log (ADR 0022), or the in-memory log of
 *     tests. Jobs recorded in the database by an earlier run are then gone, and the engine hands
 *     out their keys again.
 */
public record EmbeddedEngineStart(boolean startedEmpty) {}
