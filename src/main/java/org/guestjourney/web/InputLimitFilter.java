package org.guestjourney.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Before anything else reads a request: bodies larger than the limit are refused (413), and form
 * fields or query parameters with control characters (NUL ...) are refused (400). Provider webhooks
 * are left to their own signature checks.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class InputLimitFilter extends OncePerRequestFilter {

  private final long maxBytes;
  private final ObjectMapper json;

  InputLimitFilter(InputLimitsProperties limits, ObjectMapper json) {
    this.maxBytes = limits.maxRequestSize().toBytes();
    this.json = json;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (request.getContentLengthLong() > maxBytes) {
      refuse(
          response,
          HttpStatus.PAYLOAD_TOO_LARGE,
          "The request body is larger than " + maxBytes + " bytes");
      return;
    }
    HttpServletRequest limited = new Limited(request, maxBytes);
    String path = request.getRequestURI().substring(request.getContextPath().length());
    boolean form =
        request.getContentType() == null
            || request.getContentType().startsWith(MediaType.APPLICATION_FORM_URLENCODED_VALUE);
    if (!path.startsWith("/webhooks/") && form) {
      for (Map.Entry<String, String[]> p : limited.getParameterMap().entrySet()) {
        for (String value : p.getValue()) {
          if (ControlCharacters.present(p.getKey()) || ControlCharacters.present(value)) {
            refuse(
                response,
                HttpStatus.BAD_REQUEST,
                "Field " + safe(p.getKey()) + " " + ControlCharacters.MESSAGE);
            return;
          }
        }
      }
    }
    chain.doFilter(limited, response);
  }

  private static String safe(String name) {
    return name.replaceAll("\\p{Cntrl}", "?");
  }

  private void refuse(HttpServletResponse response, HttpStatus status, String detail)
      throws IOException {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(status.getReasonPhrase());
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    json.writeValue(response.getOutputStream(), problem);
  }

  /** Counts what is read of a body without a length (chunked) and stops at the limit. */
  private static final class Limited extends HttpServletRequestWrapper {

    private final long max;
    private ServletInputStream stream;

    Limited(HttpServletRequest request, long max) {
      super(request);
      this.max = max;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (stream == null) {
        ServletInputStream in = super.getInputStream();
        stream =
            new ServletInputStream() {
              private long read;

              @Override
              public int read() throws IOException {
                int b = in.read();
                if (b >= 0 && ++read > max) {
                  throw new IOException("Request body larger than " + max + " bytes");
                }
                return b;
              }

              @Override
              public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = in.read(buffer, offset, length);
                if (n > 0 && (read += n) > max) {
                  throw new IOException("Request body larger than " + max + " bytes");
                }
                return n;
              }

              @Override
              public boolean isFinished() {
                return in.isFinished();
              }

              @Override
              public boolean isReady() {
                return in.isReady();
              }

              @Override
              public void setReadListener(ReadListener listener) {
                in.setReadListener(listener);
              }
            };
      }
      return stream;
    }
  }
}
