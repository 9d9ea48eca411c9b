package org.guestjourney.security;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** A request made with an integration API key. */
final class ApiKeyAuthentication extends AbstractAuthenticationToken {

  static final String API_READ = "API_READ";
  static final String API_WRITE = "API_WRITE";
  static final String API_ADMIN = "API_ADMIN";

  private final ApiKey key;

  ApiKeyAuthentication(ApiKey key) {
    super(
        switch (key.scope()) {
          case ADMIN ->
              List.of(
                  new SimpleGrantedAuthority(API_READ),
                  new SimpleGrantedAuthority(API_WRITE),
                  new SimpleGrantedAuthority(API_ADMIN));
          case WRITE ->
              List.of(new SimpleGrantedAuthority(API_READ), new SimpleGrantedAuthority(API_WRITE));
          case READ -> List.of(new SimpleGrantedAuthority(API_READ));
        });
    this.key = key;
    setAuthenticated(true);
  }

  ApiKey key() {
    return key;
  }

  @Override
  public Object getCredentials() {
    return "";
  }

  @Override
  public Object getPrincipal() {
    return key;
  }

  /** How the key shows up in logs and the audit trail: "api-key:Channel manager (ab12cd)". */
  @Override
  public String getName() {
    return "api-key:" + key.name() + " (" + key.prefix() + ")";
  }
}
