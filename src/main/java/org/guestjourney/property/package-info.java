/**
 * Properties: the B&amp;B, guesthouse or small hotel, with its time zone, languages, house rules
 * and the journey settings a manager tunes (how many days before arrival the check-in guide goes
 * out, at what local time, ...).
 */
package org.guestjourney.property;
