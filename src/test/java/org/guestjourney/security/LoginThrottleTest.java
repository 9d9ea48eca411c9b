package org.guestjourney.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.guestjourney.support.JourneyIntegrationTest;
import org.guestjourney.support.SignedIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Guessing passwords: locked per account and per address, the right password included. */
class LoginThrottleTest extends JourneyIntegrationTest {

  @Autowired TestRestTemplate anonymous;
  @Autowired JdbcClient jdbc;

  @AfterEach
  void unlock() {
    // the demo accounts are shared with other tests of this context
    jdbc.sql("delete from login_throttle").update();
  }

  @Test
  void anAccountIsLockedAfterFiveWrongPasswordsEvenForTheRightOne() {
    for (int i = 0; i < 5; i++) {
      assertThat(SignedIn.signIn(anonymous, "housekeeping", "guess" + i, "203.0.113.5")).isNull();
    }
    assertThat(SignedIn.signIn(anonymous, "housekeeping", "housekeeping", "203.0.113.5"))
        .as("locked: the right password does not help")
        .isNull();
    assertThat(SignedIn.signIn(anonymous, "housekeeping", "housekeeping", "198.51.100.7"))
        .as("nor from another address")
        .isNull();
    assertThat(SignedIn.signIn(anonymous, "frontdesk", "frontdesk", "203.0.113.5"))
        .as("other accounts from that address still sign in")
        .isNotNull();
  }

  @Test
  void anAddressIsLockedAfterTwentyFailuresAcrossAccounts() {
    for (int i = 0; i < 20; i++) {
      assertThat(SignedIn.signIn(anonymous, "nobody-" + i, "guess", "203.0.113.9")).isNull();
    }
    assertThat(SignedIn.signIn(anonymous, "manager", "manager", "203.0.113.9")).isNull();
    assertThat(SignedIn.signIn(anonymous, "manager", "manager", "198.51.100.8")).isNotNull();
  }

  @Test
  void locksDoubleWithEachFurtherFailureUpToTheLongest() {
    LoginThrottleProperties p =
        new LoginThrottleProperties(
            5, 20, Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofHours(1));
    assertThat(p.lockoutAfter(4, 5)).isZero();
    assertThat(p.lockoutAfter(5, 5)).isEqualTo(Duration.ofMinutes(1));
    assertThat(p.lockoutAfter(6, 5)).isEqualTo(Duration.ofMinutes(2));
    assertThat(p.lockoutAfter(8, 5)).isEqualTo(Duration.ofMinutes(8));
    assertThat(p.lockoutAfter(30, 5)).isEqualTo(Duration.ofHours(1));
  }
}
