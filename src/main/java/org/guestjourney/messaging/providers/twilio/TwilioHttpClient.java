package org.guestjourney.messaging.providers.twilio;

import com.twilio.constant.EnumConstants;
import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.http.HttpMethod;
import com.twilio.http.HttpUtility;
import com.twilio.http.Request;
import com.twilio.http.Response;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.message.BasicHeader;
import org.guestjourney.messaging.ProviderBusy;

/**
 * The Twilio SDK's transport, on the JDK's HTTP client, making exactly one attempt per call. The
 * SDK's own client repeats a request on any 5xx and the Apache client under it repeats 429 and 503,
 * so a message Twilio had already accepted could go out twice; here a failed or unanswered call
 * surfaces at once and the caller decides (it asks Twilio for the message before trying again). A
 * 429 becomes {@link ProviderBusy} with Twilio's {@code Retry-After}, which the retry respects.
 * Each call waits at most {@code timeout}. The SDK has no base-URL setting, so {@code
 * https://api.twilio.com} is replaced by {@code apiBaseUrl} here, which lets a local imitation of
 * Twilio stand in.
 */
final class TwilioHttpClient extends com.twilio.http.HttpClient implements AutoCloseable {

  private final HttpClient http;
  private final String apiBaseUrl;
  private final Duration timeout;

  TwilioHttpClient(String apiBaseUrl, Duration timeout) {
    this.apiBaseUrl = apiBaseUrl.strip().replaceAll("/+$", "");
    this.timeout = timeout;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** Never: one attempt, whatever the answer. */
  @Override
  protected boolean shouldRetry(Response response, int[] retryCodes) {
    return false;
  }

  @Override
  public Response makeRequest(Request request) {
    HttpRequest.Builder call =
        HttpRequest.newBuilder(target(request))
            .timeout(timeout)
            .header("Accept", "application/json")
            .header("User-Agent", HttpUtility.getUserAgentString(request.getUserAgentExtensions()));
    if (request.requiresAuthentication()) {
      call.header("Authorization", request.getAuthString());
    }
    request.getHeaderParams().forEach((name, values) -> values.forEach(v -> call.header(name, v)));
    call.method(request.getMethod().toString(), body(request, call));
    try {
      HttpResponse<String> response =
          http.send(call.build(), BodyHandlers.ofString(StandardCharsets.UTF_8));
      if (response.statusCode() == 429) {
        throw new ProviderBusy(
            "Twilio is busy (HTTP 429 Too Many Requests)",
            retryAfter(response).orElse(Duration.ZERO));
      }
      return new Response(response.body(), response.statusCode(), headers(response));
    } catch (HttpTimeoutException e) {
      throw new ApiConnectionException("No answer from Twilio within " + timeout, e);
    } catch (IOException e) {
      throw new ApiConnectionException("Twilio could not be reached: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiConnectionException("Interrupted while calling Twilio", e);
    }
  }

  /**
   * Twilio's {@code Retry-After}: whole seconds (RFC 9110 also allows a date, which Twilio does not
   * send; a date or anything else unreadable counts as absent).
   */
  static Optional<Duration> retryAfter(HttpResponse<?> response) {
    return response
        .headers()
        .firstValue("Retry-After")
        .map(String::strip)
        .filter(v -> v.matches("\\d{1,6}"))
        .map(v -> Duration.ofSeconds(Long.parseLong(v)));
  }

  private URI target(Request request) {
    String url = request.constructURL().toString();
    return URI.create(
        url.startsWith(TwilioProperties.TWILIO_API + "/")
            ? apiBaseUrl + url.substring(TwilioProperties.TWILIO_API.length())
            : url);
  }

  private static BodyPublisher body(Request request, HttpRequest.Builder call) {
    if (request.getMethod() == HttpMethod.GET || request.getMethod() == HttpMethod.DELETE) {
      return BodyPublishers.noBody();
    }
    EnumConstants.ContentType type =
        request.getContentType() == null
            ? EnumConstants.ContentType.FORM_URLENCODED
            : request.getContentType();
    call.header("Content-Type", type.getValue());
    return switch (type) {
      case FORM_URLENCODED -> BodyPublishers.ofString(request.encodeFormBody());
      case JSON -> BodyPublishers.ofString(request.getBody(), StandardCharsets.UTF_8);
      case MULTIPART_FORM_DATA -> throw new ApiException("File uploads are not supported");
    };
  }

  private static Header[] headers(HttpResponse<?> response) {
    return response.headers().map().entrySet().stream()
        .flatMap(e -> e.getValue().stream().map(v -> new BasicHeader(e.getKey(), v)))
        .toArray(Header[]::new);
  }

  @Override
  public void close() {
    http.close();
  }
}
