package org.guestjourney.security;

import java.time.Instant;
import java.util.Set;

/**
 * A staff member's account (without the password).
 *
 * @param id account id
 * @param username sign-in name
 * @param role what they do
 * @param allProperties whether they work for every property
 * @param propertyIds the properties they work for when not all
 * @param enabled whether they may sign in
 * @param createdBy who created the account ("configuration" or "demo" for seeded ones)
 * @param createdAt when
 */
public record StaffAccount(
    long id,
    String username,
    StaffRole role,
    boolean allProperties,
    Set<Long> propertyIds,
    boolean enabled,
    String createdBy,
    Instant createdAt)
    implements java.io.Serializable {}
