/**
 * Booking intake: create (idempotent on the external reference), change dates, cancel. Validates
 * everything before storing anything and announces each change as an event that the journeys react
 * to.
 */
package org.guestjourney.booking;
