/**
 * Who may do what (ADR 0030): integrations call {@code /api/**} with API keys (bearer tokens,
 * stored hashed, scoped to properties and to read or write, rate-limited); staff sign in with the
 * form and have one role (manager, front desk, housekeeping) for all properties or some. Every page
 * and API call is scoped to the caller's properties ({@link
 * org.guestjourney.security.PropertyAccess}).
 */
package org.guestjourney.security;
