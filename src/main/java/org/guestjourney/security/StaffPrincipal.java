package org.guestjourney.security;

import java.util.Collection;
import java.util.List;
import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/** A signed-in staff member: their groups as authorities, and the properties they work for. */
final class StaffPrincipal implements UserDetails, PropertyScoped, CredentialsContainer {

  private final StaffAccount account;
  private String passwordHash;

  StaffPrincipal(StaffAccount account, String passwordHash) {
    this.account = account;
    this.passwordHash = passwordHash;
  }

  StaffAccount account() {
    return account;
  }

  @Override
  public Collection<? extends GrantedAuthority> getAuthorities() {
    List<GrantedAuthority> authorities = new java.util.ArrayList<>();
    for (String group : account.role().groups()) {
      authorities.add(new SimpleGrantedAuthority(Roles.GROUP_PREFIX + group));
    }
    return authorities;
  }

  @Override
  public String getPassword() {
    return passwordHash;
  }

  @Override
  public String getUsername() {
    return account.username();
  }

  @Override
  public boolean isEnabled() {
    return account.enabled();
  }

  @Override
  public boolean allProperties() {
    return account.allProperties();
  }

  @Override
  public boolean worksFor(long propertyId) {
    return account.allProperties() || account.propertyIds().contains(propertyId);
  }

  @Override
  public void eraseCredentials() {
    passwordHash = null;
  }

  @Override
  public String toString() {
    return account.username();
  }
}
