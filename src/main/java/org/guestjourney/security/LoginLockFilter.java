package org.guestjourney.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a sign-in while its account or address is locked, before the password is even looked at
 * (so the right password does not work during a lock either).
 */
final class LoginLockFilter extends OncePerRequestFilter {

  private final LoginThrottle throttle;

  LoginLockFilter(LoginThrottle throttle) {
    this.throttle = throttle;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !"POST".equals(request.getMethod())
        || !request.getRequestURI().equals(request.getContextPath() + "/login");
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (throttle.locked(request.getParameter("username"), request.getRemoteAddr())) {
      response.sendRedirect(request.getContextPath() + "/login?locked");
      return;
    }
    chain.doFilter(request, response);
  }
}
