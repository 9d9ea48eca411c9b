package org.guestjourney.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.guestjourney.web.NotFoundException;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Scopes the staff pages to the properties the signed-in person works for: a booking, message, task
 * or property page of another property, or a {@code ?property=} filter naming one, is answered as
 * not found, before the page's controller runs.
 */
@Component
class PropertyScopeInterceptor implements HandlerInterceptor {

  private static final Pattern PAGE =
      Pattern.compile("^/(bookings|messages|tasks|properties)/(\\d{1,18})(/.*)?$");

  private final PropertyAccess access;
  private final PropertyOf propertyOf;

  PropertyScopeInterceptor(PropertyAccess access, PropertyOf propertyOf) {
    this.access = access;
    this.propertyOf = propertyOf;
  }

  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object h) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (path.startsWith("/api/")) {
      return true; // the API controllers check their own resources
    }
    Matcher m = PAGE.matcher(path);
    if (m.matches()) {
      long id = Long.parseLong(m.group(2));
      Optional<Long> property =
          switch (m.group(1)) {
            case "bookings" -> propertyOf.booking(id);
            case "messages" -> propertyOf.message(id);
            case "tasks" -> propertyOf.task(id);
            default -> Optional.of(id);
          };
      if (property.isEmpty() && !m.group(1).equals("tasks")) {
        throw new NotFoundException("No " + m.group(1).replaceAll("s$", "") + " " + id);
      }
      if (!property.map(access::canRead).orElseGet(access::allProperties)) {
        throw new NotFoundException("No " + m.group(1).replaceAll("s$", "") + " " + id);
      }
    }
    String filter = request.getParameter("property");
    if (filter != null && filter.matches("\\d{1,18}") && !access.canRead(Long.parseLong(filter))) {
      throw new NotFoundException("No property " + filter);
    }
    return true;
  }
}
