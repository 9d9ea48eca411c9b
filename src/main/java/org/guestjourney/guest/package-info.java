/** Guests: who they are, how to reach them and in which language. The system of record. */
package org.guestjourney.guest;
