package org.guestjourney.security;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Counts failed sign-ins per account and per address in PostgreSQL (so every replica sees them) and
 * locks either for a while once there are too many, doubling the lock with each further failure.
 */
@Component
class LoginThrottle {

  private final JdbcClient jdbc;
  private final LoginThrottleProperties settings;
  private final Clock clock;

  LoginThrottle(JdbcClient jdbc, LoginThrottleProperties settings, Clock clock) {
    this.jdbc = jdbc;
    this.settings = settings;
    this.clock = clock;
  }

  static String account(String username) {
    return "account:" + (username == null ? "" : username.strip().toLowerCase(Locale.ROOT));
  }

  static String address(String remoteAddress) {
    return "address:" + remoteAddress;
  }

  /** Whether sign-in for this account or from this address is locked right now. */
  boolean locked(String username, String remoteAddress) {
    return jdbc.sql(
                "select count(*) from login_throttle where subject in (?, ?) and locked_until > ?")
            .params(account(username), address(remoteAddress), Timestamp.from(clock.instant()))
            .query(Long.class)
            .single()
        > 0;
  }

  @EventListener
  void failed(AbstractAuthenticationFailureEvent event) {
    Authentication attempt = event.getAuthentication();
    count(account(attempt.getName()), settings.accountFailures());
    if (attempt.getDetails() instanceof WebAuthenticationDetails web
        && web.getRemoteAddress() != null) {
      count(address(web.getRemoteAddress()), settings.addressFailures());
    }
  }

  @EventListener
  void succeeded(AuthenticationSuccessEvent event) {
    if (event.getAuthentication() instanceof ApiKeyAuthentication) {
      return;
    }
    jdbc.sql("delete from login_throttle where subject = ?")
        .param(account(event.getAuthentication().getName()))
        .update();
  }

  private void count(String subject, int threshold) {
    Instant now = clock.instant();
    int failures =
        jdbc.sql(
                """
                insert into login_throttle (subject, failures, last_failure_at) values (?, 1, ?)
                on conflict (subject) do update set
                  failures = case when login_throttle.last_failure_at < ? then 1
                                  else login_throttle.failures + 1 end,
                  last_failure_at = excluded.last_failure_at
                returning failures
                """)
            .params(subject, Timestamp.from(now), Timestamp.from(now.minus(settings.forgetAfter())))
            .query(Integer.class)
            .single();
    java.time.Duration lock = settings.lockoutAfter(failures, threshold);
    if (!lock.isZero()) {
      jdbc.sql("update login_throttle set locked_until = ? where subject = ?")
          .params(Timestamp.from(now.plus(lock)), subject)
          .update();
    }
  }
}
