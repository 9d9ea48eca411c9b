/**
 * Guest journeys: the BPMN processes in {@code bpmn/}, the ids the code shares with them, the
 * planning of each journey's moments from the booking and property settings, the job workers the
 * engine calls, and starting (or, in the embedded default, restoring) a journey per booking.
 */
package org.guestjourney.journey;
