/**
 * Who may do what: staff sign in to the pages (tasklist, journeys); each belongs to groups
 * (front-desk, housekeeping, manager) that decide which tasks they see. The integration API ({@code
 * /api/**}) is not behind the staff login.
 */
package org.guestjourney.security;
