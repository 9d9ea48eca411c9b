package org.guestjourney.security;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.guestjourney.web.FieldViolation;
import org.guestjourney.web.InvalidRequestException;
import org.guestjourney.web.NotFoundException;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Staff accounts in PostgreSQL: sign-in, and a manager's invitations and disabling. */
@Service
public class StaffAccountService implements UserDetailsService {

  static final int MIN_PASSWORD = 12;
  private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._@-]{0,59}");

  private final StaffAccountRepository accounts;
  private final PasswordEncoder encoder;
  private final KnownProperties properties;
  private final Clock clock;

  StaffAccountService(
      StaffAccountRepository accounts,
      PasswordEncoder encoder,
      KnownProperties properties,
      Clock clock) {
    this.accounts = accounts;
    this.encoder = encoder;
    this.properties = properties;
    this.clock = clock;
  }

  @Override
  public UserDetails loadUserByUsername(String username) {
    return accounts
        .findByUsername(username == null ? "" : username.strip())
        .map(s -> new StaffPrincipal(s.account(), s.passwordHash()))
        .orElseThrow(() -> new UsernameNotFoundException("No such staff member"));
  }

  public List<StaffAccount> all() {
    return accounts.all();
  }

  /**
   * Creates an account with a first password the manager passes on; refused if the name is taken.
   */
  @Transactional
  public StaffAccount create(
      String username,
      String password,
      StaffRole role,
      boolean allProperties,
      Set<Long> propertyIds,
      String by) {
    List<FieldViolation> violations = new ArrayList<>();
    String name = username == null ? "" : username.strip();
    if (!USERNAME.matcher(name).matches()) {
      violations.add(
          new FieldViolation(
              "username", "must be 1 to 60 lower-case letters, digits or . _ @ - (e.g. maria)"));
    }
    checkPassword(password, "password", violations);
    if (role == null) {
      violations.add(
          new FieldViolation("role", "is required: MANAGER, FRONT_DESK or HOUSEKEEPING"));
    }
    Set<Long> scoped = allProperties || propertyIds == null ? Set.of() : Set.copyOf(propertyIds);
    if (!allProperties && scoped.isEmpty()) {
      violations.add(new FieldViolation("properties", "choose at least one property, or all"));
    }
    Set<Long> known = properties.ids();
    if (!known.containsAll(scoped)) {
      violations.add(new FieldViolation("properties", "names a property that does not exist"));
    }
    if (violations.isEmpty()
        && !accounts.insertIfAbsent(
            name, encoder.encode(password), role, allProperties, scoped, by, clock.instant())) {
      violations.add(new FieldViolation("username", "is taken"));
    }
    if (!violations.isEmpty()) {
      throw new InvalidRequestException(violations);
    }
    return accounts.findByUsername(name).orElseThrow().account();
  }

  /** Configuration and demo accounts: created if absent, never overwritten. */
  boolean seed(String username, String encodedPassword, StaffRole role, String by) {
    return accounts.insertIfAbsent(
        username, encodedPassword, role, true, Set.of(), by, clock.instant());
  }

  long count() {
    return accounts.count();
  }

  /** Whether the account may still sign in (checked on every page of a running session). */
  boolean enabled(String username) {
    return accounts.enabled(username);
  }

  public StaffAccount setEnabled(long id, boolean enabled, String by) {
    StaffAccount account =
        accounts.findById(id).orElseThrow(() -> new NotFoundException("No staff account " + id));
    if (!enabled && account.username().equals(by)) {
      throw InvalidRequestException.of("id", "you cannot disable your own account");
    }
    accounts.setEnabled(id, enabled, clock.instant());
    return accounts.findById(id).orElseThrow();
  }

  /** A staff member changes their own password, proving the current one. */
  public void changePassword(String username, String current, String next) {
    StaffAccountRepository.Stored stored =
        accounts
            .findByUsername(username)
            .orElseThrow(() -> new NotFoundException("No staff account " + username));
    List<FieldViolation> violations = new ArrayList<>();
    if (current == null || !encoder.matches(current, stored.passwordHash())) {
      violations.add(new FieldViolation("currentPassword", "is not your current password"));
    }
    checkPassword(next, "newPassword", violations);
    if (!violations.isEmpty()) {
      throw new InvalidRequestException(violations);
    }
    accounts.setPassword(username, encoder.encode(next), clock.instant());
  }

  /** The staff-page languages a person can choose; none chosen follows the browser. */
  public static final Set<String> LANGUAGES = Set.of("en", "zh-CN");

  /** The language the person chose for the staff pages, empty when they follow the browser. */
  public java.util.Optional<String> language(String username) {
    return accounts.language(username);
  }

  /** Chooses the language of the staff pages: "en", "zh-CN", or blank to follow the browser. */
  public void chooseLanguage(String username, String language) {
    String chosen = language == null || language.isBlank() ? null : language.strip();
    if (chosen != null && !LANGUAGES.contains(chosen)) {
      throw InvalidRequestException.of(
          "language", "must be en or zh-CN (or empty for the browser's)");
    }
    if (!accounts.setLanguage(username, chosen, clock.instant())) {
      throw new NotFoundException("No staff account " + username);
    }
  }

  private static void checkPassword(String password, String field, List<FieldViolation> out) {
    if (password == null || password.length() < MIN_PASSWORD) {
      out.add(new FieldViolation(field, "must be at least " + MIN_PASSWORD + " characters"));
    } else if (password.length() > 200) {
      out.add(new FieldViolation(field, "must be at most 200 characters"));
    } else if (password.chars().anyMatch(Character::isISOControl)) {
      out.add(new FieldViolation(field, "must not contain control characters"));
    }
  }
}
