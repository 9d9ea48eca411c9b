package org.guestjourney.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How repeated failed sign-ins are slowed down ({@code guest-journey.login-throttle.*}).
 *
 * @param accountFailures failed sign-ins to one account before it is locked (default 5)
 * @param addressFailures failed sign-ins from one address, whatever the account, before the address
 *     is locked (default 20: several staff may share the house's router)
 * @param firstLockout how long the first lock lasts (default 1 minute); each further failure after
 *     a lock doubles it
 * @param maxLockout the longest a lock lasts (default 1 hour)
 * @param forgetAfter failures older than this are forgotten (default 1 hour)
 */
@ConfigurationProperties("guest-journey.login-throttle")
public record LoginThrottleProperties(
    @DefaultValue("5") int accountFailures,
    @DefaultValue("20") int addressFailures,
    @DefaultValue("PT1M") Duration firstLockout,
    @DefaultValue("PT1H") Duration maxLockout,
    @DefaultValue("PT1H") Duration forgetAfter) {

  /** How long to lock after {@code failures}, given the {@code threshold}; zero if not yet. */
  Duration lockoutAfter(int failures, int threshold) {
    if (failures < threshold) {
      return Duration.ZERO;
    }
    int doublings = Math.min(failures - threshold, 20);
    Duration lock = firstLockout.multipliedBy(1L << doublings);
    return lock.compareTo(maxLockout) > 0 ? maxLockout : lock;
  }
}
