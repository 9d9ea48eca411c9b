package org.guestjourney.audit;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.guestjourney.security.PropertyOf;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Writes the audit trail for every request of a signed-in person or an API key that changed
 * something (any successful POST, PUT, PATCH, DELETE), and for every successful read of guest data:
 * a booking's page (contacts, conversation), a message as the guest reads it, a task, and the API's
 * bookings, inquiries and complaints.
 */
@Component
class AuditInterceptor implements HandlerInterceptor {

  private static final Logger log = LoggerFactory.getLogger(AuditInterceptor.class);

  private static final Pattern SUBJECT =
      Pattern.compile(
          "^/(?:api/)?(bookings|messages|tasks|properties|inquiries|complaints|guests|keys|access/staff|access/keys|privacy/guests)/(\\d{1,18})(/.*)?$");
  private static final Pattern GUEST_DATA_READ =
      Pattern.compile(
          "^/(bookings/\\d+|guests/\\d+|api/guests/\\d+|messages/\\d+(/preview)?|tasks/\\d+|api/bookings/\\d+|api/inquiries/\\d+|api/complaints/\\d+)$");

  private final AuditLog audit;
  private final PropertyOf propertyOf;

  AuditInterceptor(AuditLog audit, PropertyOf propertyOf) {
    this.audit = audit;
    this.propertyOf = propertyOf;
  }

  @Override
  public void afterCompletion(
      HttpServletRequest request, HttpServletResponse response, Object handler, Exception ex) {
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    if (auth == null
        || !auth.isAuthenticated()
        || auth instanceof AnonymousAuthenticationToken
        || response.getStatus() >= 400
        || ex != null) {
      return;
    }
    String path = request.getRequestURI().substring(request.getContextPath().length());
    String method = request.getMethod();
    boolean read = "GET".equals(method) || "HEAD".equals(method);
    String action;
    if (read && path.startsWith("/privacy/guests/") && path.endsWith("/export")) {
      action = "EXPORT";
    } else if (!read && path.startsWith("/privacy/guests/") && path.endsWith("/erase")) {
      action = "ERASE";
    } else if (read && GUEST_DATA_READ.matcher(path).matches()) {
      action = "READ";
    } else if (!read) {
      action = "CHANGE";
    } else {
      return;
    }
    String subject = null;
    Long id = null;
    Long property = null;
    Matcher m = SUBJECT.matcher(path);
    String created = response.getHeader("Location");
    if (!m.matches() && !read && created != null && created.startsWith("/")) {
      // a creation names what it created in its Location (POST /api/keys → /api/keys/7)
      m = SUBJECT.matcher(created);
    }
    if (m.matches()) {
      subject = m.group(1).replace("access/", "").replace("privacy/", "").replaceAll("s$", "");
      id = Long.parseLong(m.group(2));
      property = property(subject, id).orElse(null);
    }
    try {
      audit.record(
          auth.getName(), action, method + " " + path, subject, id, property, response.getStatus());
    } catch (RuntimeException e) {
      // the answer is already given; a lost entry is logged, not hidden
      log.error("Could not write the audit entry for {} {} by {}", method, path, auth.getName(), e);
    }
  }

  private Optional<Long> property(String subject, long id) {
    return switch (subject) {
      case "booking" -> propertyOf.booking(id);
      case "message" -> propertyOf.message(id);
      case "task" -> propertyOf.task(id);
      case "property" -> Optional.of(id);
      default -> Optional.empty();
    };
  }
}
