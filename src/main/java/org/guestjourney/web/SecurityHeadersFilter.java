package org.guestjourney.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Defence in depth for the pages: only our own scripts run (no inline script), nothing is sniffed
 * or framed by other sites. Guest-supplied text is escaped in the templates in the first place;
 * e-mails are shown in a sandboxed frame. Images may also come from https addresses: a house's logo
 * on the guest pages is a link the manager gives.
 */
@Component
class SecurityHeadersFilter extends OncePerRequestFilter {

  static final String POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: https:;"
          + " frame-src 'self'; frame-ancestors 'self'; form-action 'self'; base-uri 'none'";

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    response.setHeader("Content-Security-Policy", POLICY);
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("Referrer-Policy", "same-origin");
    chain.doFilter(request, response);
  }
}
