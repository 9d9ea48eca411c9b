package org.guestjourney.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/** Spring Security's refusals of API calls, as {@code application/problem+json}. */
final class ProblemResponses {

  private final ObjectMapper json;

  ProblemResponses(ObjectMapper json) {
    this.json = json;
  }

  AuthenticationEntryPoint unauthenticated() {
    return (request, response, e) -> {
      response.setHeader("WWW-Authenticate", "Bearer");
      write(
          response,
          HttpStatus.UNAUTHORIZED,
          "Unauthenticated",
          "Send an API key as 'Authorization: Bearer gjk_...', or sign in");
    };
  }

  AccessDeniedHandler denied() {
    return (request, response, e) ->
        write(
            response,
            HttpStatus.FORBIDDEN,
            "Forbidden",
            "This key or account may not do this (or the session's CSRF token is missing)");
  }

  void write(HttpServletResponse response, HttpStatus status, String title, String detail)
      throws IOException {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(title);
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    json.writeValue(response.getOutputStream(), problem);
  }
}
