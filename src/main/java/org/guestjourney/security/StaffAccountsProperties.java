package org.guestjourney.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Staff accounts from configuration, e.g. a first manager on a real install ({@code
 * GUESTJOURNEY_STAFF_ACCOUNTS_0_USERNAME}, {@code ..._PASSWORD} as a {bcrypt} hash or in plain,
 * {@code ..._GROUPS=manager}). They are created in the database at start if absent (never
 * overwritten: change them on the Access page). Without any account, the embedded default creates
 * demo accounts (frontdesk, housekeeping, manager; password = name) and says so in the log; a
 * deployment against a cluster gets none.
 *
 * @param accounts the accounts
 */
@ConfigurationProperties("guest-journey.staff")
public record StaffAccountsProperties(@DefaultValue List<Account> accounts) {

  /**
   * One staff member.
   *
   * @param username sign-in name
   * @param password password in Spring Security's encoded form, e.g. {@code {bcrypt}$2a$...}, or in
   *     plain (hashed before it is stored)
   * @param groups manager, front-desk or housekeeping: the role is the highest one named
   */
  public record Account(String username, String password, List<String> groups) {}
}
