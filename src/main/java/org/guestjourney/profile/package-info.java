/**
 * Guest profiles for staff (ADR 0062): one guest across bookings with their stays, survey answers,
 * complaints, preferences, tags, important dates and what they agreed to be sent; the guest list
 * and search, "possibly the same guest" merges, and saved segments by tag. The profiles themselves
 * are kept by {@code guest}; this capability reads the other capabilities' records of the stays.
 */
package org.guestjourney.profile;
