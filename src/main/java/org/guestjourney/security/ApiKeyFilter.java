package org.guestjourney.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates API calls that carry {@code Authorization: Bearer gjk_...}. A bearer token that is
 * not a working key is refused at once (401), whatever else the request carries.
 */
final class ApiKeyFilter extends OncePerRequestFilter {

  private final ApiKeyService keys;
  private final AuthenticationEntryPoint refuse;
  private final ProblemResponses tooMany;

  ApiKeyFilter(ApiKeyService keys, ProblemResponses problems) {
    this.keys = keys;
    this.refuse = problems.unauthenticated();
    this.tooMany = problems;
  }

  static boolean carriesBearer(HttpServletRequest request) {
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);
    return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7);
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !request.getRequestURI().startsWith(request.getContextPath() + "/api/")
        || !carriesBearer(request);
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String token = request.getHeader(HttpHeaders.AUTHORIZATION).substring(7).strip();
    Optional<ApiKey> key = keys.authenticate(token);
    if (key.isEmpty()) {
      SecurityContextHolder.clearContext();
      refuse.commence(request, response, new BadCredentialsException("Unknown or revoked key"));
      return;
    }
    Optional<java.time.Duration> wait = keys.overLimit(key.get());
    if (wait.isPresent()) {
      long seconds = Math.max(1, wait.get().toSeconds() + 1);
      response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
      tooMany.write(
          response,
          org.springframework.http.HttpStatus.TOO_MANY_REQUESTS,
          "Too many requests",
          "This key may make "
              + key.get().requestsPerMinute()
              + " calls a minute; try again in "
              + seconds
              + " s");
      return;
    }
    SecurityContext context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(new ApiKeyAuthentication(key.get()));
    SecurityContextHolder.setContext(context);
    chain.doFilter(request, response);
  }
}
