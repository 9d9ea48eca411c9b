package org.guestjourney.security;

import org.guestjourney.runtime.EmbeddedRuntimeEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Accounts from configuration (a first manager on a real install) are created in the database if
 * absent; on the embedded default without any account, the demo accounts are. Safe to run on
 * several replicas at once (insert if absent).
 */
@Component
class StaffAccountsBootstrap implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(StaffAccountsBootstrap.class);

  private final StaffAccountsProperties configured;
  private final StaffAccountService accounts;
  private final PasswordEncoder encoder;
  private final boolean embedded;

  StaffAccountsBootstrap(
      StaffAccountsProperties configured,
      StaffAccountService accounts,
      PasswordEncoder encoder,
      @Value("${" + EmbeddedRuntimeEnvironment.EMBEDDED_ENGINE + ":false}") boolean embedded) {
    this.configured = configured;
    this.accounts = accounts;
    this.encoder = encoder;
    this.embedded = embedded;
  }

  @Override
  public void run(ApplicationArguments args) {
    for (StaffAccountsProperties.Account a : configured.accounts()) {
      if (a.username() == null || a.password() == null || a.password().isBlank()) {
        log.warn("A configured staff account without user name or password is ignored");
        continue;
      }
      // an encoded password ({bcrypt}...) is kept as it is; a plain one is hashed here
      String password = a.password().startsWith("{") ? a.password() : encoder.encode(a.password());
      StaffRole role = StaffRole.ofGroups(a.groups() == null ? java.util.List.of() : a.groups());
      if (accounts.seed(a.username().strip(), password, role, "configuration")) {
        log.info("Staff account {} ({}) created from configuration", a.username(), role);
      }
    }
    if (accounts.count() == 0 && embedded) {
      log.warn(
          "No staff accounts: demo accounts frontdesk/frontdesk, housekeeping/housekeeping and"
              + " manager/manager are created. Configure guest-journey.staff.accounts for real use.");
      accounts.seed("frontdesk", encoder.encode("frontdesk"), StaffRole.FRONT_DESK, "demo");
      accounts.seed("housekeeping", encoder.encode("housekeeping"), StaffRole.HOUSEKEEPING, "demo");
      accounts.seed("manager", encoder.encode("manager"), StaffRole.MANAGER, "demo");
    } else if (accounts.count() == 0) {
      log.warn(
          "No staff accounts: nobody can sign in. Set GUESTJOURNEY_STAFF_ACCOUNTS_0_USERNAME,"
              + " ..._PASSWORD and ..._GROUPS=manager for a first manager (see README).");
    }
  }
}
