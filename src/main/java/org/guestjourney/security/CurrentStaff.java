package org.guestjourney.security;

import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.core.Authentication;

/** The signed-in staff member, as the tasklist sees them. */
public final class CurrentStaff {

  private CurrentStaff() {}

  public static StaffUser of(Authentication authentication) {
    Set<String> groups =
        authentication.getAuthorities().stream()
            .map(a -> a.getAuthority())
            .filter(a -> a.startsWith(SecurityConfiguration.GROUP_PREFIX))
            .map(a -> a.substring(SecurityConfiguration.GROUP_PREFIX.length()))
            .collect(Collectors.toSet());
    return new StaffUser(authentication.getName(), groups);
  }
}
