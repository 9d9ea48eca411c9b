/**
 * Guest privacy: everything held about a guest as JSON (export), erasure (personal data removed or
 * anonymised; counts, states and scores kept so the numbers still add up) and retention per
 * property, run by a scheduled job.
 */
package org.guestjourney.privacy;
