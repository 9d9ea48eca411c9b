package org.guestjourney.security;

import java.util.function.Supplier;
import org.guestjourney.web.ForbiddenException;
import org.guestjourney.web.InvalidRequestException;
import org.guestjourney.web.NotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * What the caller of this request (an API key or a signed-in staff member) may see and change, per
 * property. Things of a property the caller does not work for are answered as not found, so ids do
 * not tell what exists elsewhere.
 */
@Component
public class PropertyAccess {

  /**
   * {@link #canRead} for code that cannot have this injected (the answer depends only on the
   * request's signed-in caller).
   */
  public static boolean readable(long propertyId) {
    return INSTANCE.canRead(propertyId);
  }

  private static final PropertyAccess INSTANCE = new PropertyAccess();

  /** Whether the caller may see guests and bookings of this property. */
  public boolean canRead(long propertyId) {
    Authentication auth = current();
    if (auth == null) {
      return false;
    }
    if (auth instanceof ApiKeyAuthentication key) {
      return key.key().covers(propertyId);
    }
    if (auth.getPrincipal() instanceof PropertyScoped scoped) {
      return scoped.worksFor(propertyId);
    }
    return isStaff(auth);
  }

  /** Whether the caller works for every property (registering a new one needs it). */
  public boolean allProperties() {
    Authentication auth = current();
    if (auth == null) {
      return false;
    }
    if (auth instanceof ApiKeyAuthentication key) {
      return key.key().allProperties();
    }
    if (auth.getPrincipal() instanceof PropertyScoped scoped) {
      return scoped.allProperties();
    }
    return isStaff(auth);
  }

  /** Whether the caller may write to guests and bookings (not read-only keys, not housekeeping). */
  public boolean canWriteGuests() {
    Authentication auth = current();
    if (auth == null) {
      return false;
    }
    return auth.getAuthorities().stream()
        .map(a -> a.getAuthority())
        .anyMatch(
            a ->
                a.equals(ApiKeyAuthentication.API_WRITE)
                    || a.equals(Roles.GROUP_PREFIX + StaffUser.MANAGER)
                    || a.equals(Roles.GROUP_PREFIX + Roles.FRONT_DESK));
  }

  /**
   * Throws "not found" (with {@code notFound}'s message) unless the caller may see the property.
   */
  public void checkRead(long propertyId, Supplier<String> notFound) {
    if (!canRead(propertyId)) {
      throw new NotFoundException(notFound.get());
    }
  }

  /** As {@link #checkRead}, and refuses (403) callers that may not write to guests. */
  public void checkWrite(long propertyId, Supplier<String> notFound) {
    checkRead(propertyId, notFound);
    if (!canWriteGuests()) {
      throw new ForbiddenException("This key or account may not change guests or bookings");
    }
  }

  /**
   * For a new thing that names its property (or booking) in the request body: a property the caller
   * does not work for is a wrong value of that field (400), and the caller must be able to write.
   */
  public void checkWriteTo(long propertyId, String field, String message) {
    if (!canRead(propertyId)) {
      throw InvalidRequestException.of(field, message);
    }
    if (!canWriteGuests()) {
      throw new ForbiddenException("This key or account may not change guests or bookings");
    }
  }

  private static Authentication current() {
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    return auth == null
            || !auth.isAuthenticated()
            || auth
                instanceof org.springframework.security.authentication.AnonymousAuthenticationToken
        ? null
        : auth;
  }

  private static boolean isStaff(Authentication auth) {
    return auth.getAuthorities().stream()
        .anyMatch(a -> a.getAuthority().startsWith(Roles.GROUP_PREFIX));
  }
}
