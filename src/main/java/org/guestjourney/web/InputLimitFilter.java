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
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Before anything else reads a request: bodies larger than the limit are refused (413), and form
 * fields or query parameters that break the newline policy ({@link ControlCharacters}) are refused
 * (400 naming the field). A form field is multi-line when some page offers it as a {@code
 * <textarea>} (found in the templates at start); every other field and query parameter is a single
 * line. Provider webhooks are left to their own signature checks.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class InputLimitFilter extends OncePerRequestFilter {

  private static final Pattern TEXTAREA =
      Pattern.compile("<textarea\\b[^>]*?\\bname=\"([^\"]+)\"", Pattern.CASE_INSENSITIVE);

  private final long maxBytes;
  private final long maxInboundMailBytes;

  /** Where mail providers post inbound e-mail (with attachments): a larger limit. */
  static final String INBOUND_MAIL_PATH = "/webhooks/mail/inbound";

  private final ObjectMapper json;
  private final Set<String> multiLineFields;

  InputLimitFilter(InputLimitsProperties limits, ObjectMapper json) throws IOException {
    this.maxBytes = limits.maxRequestSize().toBytes();
    this.maxInboundMailBytes =
        limits.maxInboundMailSize() == null
            ? maxBytes
            : Math.max(maxBytes, limits.maxInboundMailSize().toBytes());
    this.json = json;
    this.multiLineFields = textAreas();
  }

  /** The names of the form fields that some page offers as a text area. */
  static Set<String> textAreas() throws IOException {
    Set<String> names = new TreeSet<>();
    for (Resource page :
        new PathMatchingResourcePatternResolver().getResources("classpath*:templates/**/*.html")) {
      try (var in = page.getInputStream()) {
        Matcher m = TEXTAREA.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        while (m.find()) {
          names.add(m.group(1));
        }
      }
    }
    return Set.copyOf(names);
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    long limit = path.equals(INBOUND_MAIL_PATH) ? maxInboundMailBytes : maxBytes;
    if (request.getContentLengthLong() > limit) {
      refuse(
          response,
          HttpStatus.PAYLOAD_TOO_LARGE,
          "The request body is larger than " + limit + " bytes");
      return;
    }
    HttpServletRequest limited = new Limited(request, limit);
    boolean form =
        request.getContentType() == null
            || request.getContentType().startsWith(MediaType.APPLICATION_FORM_URLENCODED_VALUE);
    if (!path.startsWith("/webhooks/") && form) {
      for (Map.Entry<String, String[]> p : limited.getParameterMap().entrySet()) {
        for (String value : p.getValue()) {
          boolean multiLine = multiLineFields.contains(p.getKey());
          if (ControlCharacters.presentInLine(p.getKey())
              || (multiLine
                  ? ControlCharacters.present(value)
                  : ControlCharacters.presentInLine(value))) {
            String message =
                multiLine ? ControlCharacters.MESSAGE : ControlCharacters.SINGLE_LINE_MESSAGE;
            ProblemDetail problem =
                ProblemDetailsAdvice.invalidRequest(
                    java.util.List.of(new FieldViolation(safe(p.getKey()), message)));
            problem.setDetail("Field " + safe(p.getKey()) + " " + message);
            write(response, problem);
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
    write(response, problem);
  }

  private void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
    response.setStatus(problem.getStatus());
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
