package org.guestjourney.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.guestjourney.web.FieldViolation;
import org.guestjourney.web.InvalidRequestException;
import org.guestjourney.web.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates, checks and revokes integration API keys. A token is {@code gjk_<prefix>_<secret>}: the
 * prefix finds the key, the SHA-256 of the whole token must match the stored hash (compared in
 * constant time). Tokens carry 256 random bits, so a fast hash is enough (see ADR 0030).
 */
@Service
public class ApiKeyService {

  static final String TOKEN_START = "gjk_";

  private static final SecureRandom RANDOM = new SecureRandom();

  private final ApiKeyRepository keys;
  private final KnownProperties properties;
  private final Clock clock;

  ApiKeyService(ApiKeyRepository keys, KnownProperties properties, Clock clock) {
    this.keys = keys;
    this.properties = properties;
    this.clock = clock;
  }

  /** A key just created, with its token: the only time the token is known. */
  public record IssuedKey(ApiKey key, String token) implements java.io.Serializable {}

  /** A key with the default rate limit. */
  public IssuedKey create(
      String name, ApiKey.Scope scope, boolean allProperties, Set<Long> propertyIds, String by) {
    return create(name, scope, allProperties, propertyIds, DEFAULT_REQUESTS_PER_MINUTE, by);
  }

  static final int DEFAULT_REQUESTS_PER_MINUTE = 300;

  @Transactional
  public IssuedKey create(
      String name,
      ApiKey.Scope scope,
      boolean allProperties,
      Set<Long> propertyIds,
      int requestsPerMinute,
      String by) {
    List<FieldViolation> violations = new ArrayList<>();
    String cleanName = name == null ? "" : name.strip();
    if (cleanName.isEmpty()) {
      violations.add(new FieldViolation("name", "is required"));
    } else if (cleanName.length() > 100) {
      violations.add(new FieldViolation("name", "must be at most 100 characters"));
    } else if (cleanName.chars().anyMatch(Character::isISOControl)) {
      violations.add(new FieldViolation("name", "must not contain control characters"));
    }
    if (requestsPerMinute < 1 || requestsPerMinute > 100_000) {
      violations.add(new FieldViolation("requestsPerMinute", "must be between 1 and 100000"));
    }
    if (scope == null) {
      violations.add(new FieldViolation("scope", "is required: READ, WRITE or ADMIN"));
    } else if (scope == ApiKey.Scope.ADMIN && !allProperties) {
      violations.add(
          new FieldViolation("allProperties", "an ADMIN key manages keys of every property: true"));
    }
    Set<Long> scoped = allProperties || propertyIds == null ? Set.of() : Set.copyOf(propertyIds);
    if (!allProperties && scoped.isEmpty()) {
      violations.add(new FieldViolation("properties", "choose at least one property, or all"));
    }
    Set<Long> known = properties.ids();
    for (Long id : scoped) {
      if (!known.contains(id)) {
        violations.add(new FieldViolation("properties", "has no property " + id));
      }
    }
    if (!violations.isEmpty()) {
      throw new InvalidRequestException(violations);
    }
    String prefix = random(6);
    String token = TOKEN_START + prefix + "_" + random(32);
    long id =
        keys.insert(
            cleanName,
            prefix,
            hash(token),
            scope,
            allProperties,
            scoped,
            requestsPerMinute,
            by,
            clock.instant());
    return new IssuedKey(keys.findById(id).orElseThrow(), token);
  }

  public List<ApiKey> all() {
    return keys.all();
  }

  public ApiKey get(long id) {
    return keys.findById(id).orElseThrow(() -> new NotFoundException("No API key " + id));
  }

  /** Revokes the key (again: no change); the key as it is now. */
  public ApiKey revoke(long id, String by) {
    get(id);
    keys.revoke(id, by, clock.instant());
    return get(id);
  }

  /** The working key the token belongs to, if any. */
  public Optional<ApiKey> authenticate(String token) {
    if (token == null || !token.startsWith(TOKEN_START) || token.length() > 200) {
      return Optional.empty();
    }
    int split = token.indexOf('_', TOKEN_START.length());
    if (split < 0) {
      return Optional.empty();
    }
    String prefix = token.substring(TOKEN_START.length(), split);
    Optional<ApiKeyRepository.Stored> stored = keys.findByPrefix(prefix);
    byte[] presented = hash(token).getBytes(StandardCharsets.US_ASCII);
    if (stored.isEmpty()
        || !MessageDigest.isEqual(
            presented, stored.get().hash().getBytes(StandardCharsets.US_ASCII))
        || stored.get().key().revoked()) {
      return Optional.empty();
    }
    keys.touch(stored.get().key().id(), clock.instant());
    return Optional.of(stored.get().key());
  }

  /**
   * Counts a call of the key; when it is over its limit for this minute, how long until the next
   * minute starts (for {@code Retry-After}), else empty.
   */
  public Optional<java.time.Duration> overLimit(ApiKey key) {
    java.time.Instant now = clock.instant();
    java.time.Instant window = now.truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
    if (keys.countCall(key.id(), window) <= key.requestsPerMinute()) {
      return Optional.empty();
    }
    return Optional.of(java.time.Duration.between(now, window.plusSeconds(60)));
  }

  private static String random(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b).replace('_', 'x');
  }

  static String hash(String token) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
