package org.guestjourney.staffalert;

/**
 * How a staff member is reached, as they set it themselves (all optional).
 *
 * @param staffAccountId their account
 * @param username their sign-in name
 * @param role MANAGER, FRONT_DESK or HOUSEKEEPING
 * @param displayName the name colleagues and guests see (e.g. "Anna Bianchi")
 * @param email where alerts are e-mailed
 * @param phone where alerts are texted (E.164)
 * @param signature how they sign replies to guests (several lines), if they wrote one
 */
public record StaffContact(
    long staffAccountId,
    String username,
    String role,
    String displayName,
    String email,
    String phone,
    String signature) {

  /** The name to show: the display name, else the sign-in name. */
  public String name() {
    return displayName == null || displayName.isBlank() ? username : displayName;
  }
}
