package org.guestjourney.security;

import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.Set;
import org.guestjourney.web.ApiController;
import org.guestjourney.web.FieldViolation;
import org.guestjourney.web.InvalidRequestException;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

/**
 * Integration API keys over the API (ADR 0032): managers (with their session) and keys with the
 * ADMIN scope create, list and revoke keys; no other key gets past the URL rule in {@link
 * SecurityConfiguration}. The token is in the answer to its creation only. Only a manager creates
 * an ADMIN key, so a leaked ADMIN key cannot mint more of its kind.
 */
@ApiController
class ApiKeyController {

  private final ApiKeyService keys;
  private final PropertyAccess access;

  ApiKeyController(ApiKeyService keys, PropertyAccess access) {
    this.keys = keys;
    this.access = access;
  }

  /** What a new key is: its name, scope, properties and rate limit. */
  record NewKey(
      String name,
      String scope,
      Boolean allProperties,
      List<Long> propertyIds,
      Integer requestsPerMinute) {}

  /** The key just created, with its token: shown this once, never stored. */
  record CreatedKey(ApiKey key, String token) {}

  @PostMapping("/api/keys")
  ResponseEntity<CreatedKey> create(@RequestBody NewKey request, Principal caller) {
    ApiKey.Scope scope = scope(request.scope());
    if (scope == ApiKey.Scope.ADMIN && callerIsKey()) {
      throw new org.guestjourney.web.ForbiddenException(
          "Only a manager creates keys with the ADMIN scope");
    }
    if (request.propertyIds() != null && request.propertyIds().contains(null)) {
      throw InvalidRequestException.of("propertyIds", "must list property ids, not null");
    }
    boolean all = Boolean.TRUE.equals(request.allProperties());
    checkCallerCovers(access, all, request.propertyIds());
    ApiKeyService.IssuedKey issued =
        keys.create(
            request.name(),
            scope,
            all,
            request.propertyIds() == null ? Set.of() : Set.copyOf(request.propertyIds()),
            request.requestsPerMinute() == null
                ? ApiKeyService.DEFAULT_REQUESTS_PER_MINUTE
                : request.requestsPerMinute(),
            caller.getName());
    return ResponseEntity.created(URI.create("/api/keys/" + issued.key().id()))
        .cacheControl(CacheControl.noStore())
        .body(new CreatedKey(issued.key(), issued.token()));
  }

  @GetMapping("/api/keys")
  List<ApiKey> all() {
    return keys.all().stream().filter(k -> visibleTo(access, k)).toList();
  }

  @GetMapping("/api/keys/{id}")
  ApiKey one(@PathVariable long id) {
    return visible(id);
  }

  @PostMapping("/api/keys/{id}/revoke")
  ApiKey revoke(@PathVariable long id, Principal caller) {
    visible(id);
    return keys.revoke(id, caller.getName());
  }

  /** The key, if the caller may see it; "not found" otherwise, as if absent. */
  private ApiKey visible(long id) {
    ApiKey key = keys.get(id);
    if (!visibleTo(access, key)) {
      throw new org.guestjourney.web.NotFoundException("No API key " + id);
    }
    return key;
  }

  /**
   * A key is the business of whoever covers every property it reaches: a manager of some houses
   * sees, and revokes, only keys scoped to houses they work for.
   */
  static boolean visibleTo(PropertyAccess access, ApiKey key) {
    if (access.allProperties()) {
      return true;
    }
    return !key.allProperties() && key.propertyIds().stream().allMatch(access::canRead);
  }

  /**
   * Nobody hands out more than they have: a manager who works for some properties creates keys for
   * those only.
   */
  static void checkCallerCovers(
      PropertyAccess access, boolean all, java.util.Collection<Long> ids) {
    if (all && !access.allProperties()) {
      throw InvalidRequestException.of(
          "allProperties", "you do not work for every property; name the properties instead");
    }
    if (!all && ids != null) {
      for (Long id : ids) {
        if (id != null && !access.canRead(id)) {
          throw InvalidRequestException.of("propertyIds", "has no property " + id);
        }
      }
    }
  }

  private static ApiKey.Scope scope(String value) {
    if (value == null || value.isBlank()) {
      throw new InvalidRequestException(
          List.of(new FieldViolation("scope", "is required: READ, WRITE or ADMIN")));
    }
    try {
      return ApiKey.Scope.valueOf(value.strip());
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException(
          List.of(new FieldViolation("scope", "must be READ, WRITE or ADMIN")));
    }
  }

  private static boolean callerIsKey() {
    return SecurityContextHolder.getContext().getAuthentication() instanceof ApiKeyAuthentication;
  }
}
