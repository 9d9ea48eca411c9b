package org.guestjourney.messaging.providers.twilio;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A local imitation of Twilio's Messages API ({@code POST} and {@code GET
 * /2010-04-01/Accounts/{sid}/Messages.json}), answering with Twilio's JSON shapes and error bodies
 * and checking the account's credentials. It keeps every request it received and every message it
 * accepted, and can be told how to answer the next message: accept it, refuse it with an HTTP
 * status and Twilio error code, or accept it but answer too late.
 */
public final class FakeTwilio implements AutoCloseable {

  public static final String ACCOUNT_SID = "AC" + "0".repeat(30) + "42";
  public static final String AUTH_TOKEN = "test-auth-token-0123456789abcdef";

  /** A second account, as a property with a Twilio account of its own has. */
  static final String OTHER_ACCOUNT_SID = "AC" + "0".repeat(30) + "77";

  static final String OTHER_AUTH_TOKEN = "other-auth-token-fedcba9876543210";

  private static final DateTimeFormatter RFC_2822 =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.US)
          .withZone(ZoneOffset.UTC);
  private static final String MESSAGES = "/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages.json";

  /** How the next message is answered. */
  public sealed interface Reply {}

  public record Accept() implements Reply {}

  public record Refuse(int httpStatus, int code, String message) implements Reply {}

  /** The message is created, but the answer comes only after {@code delay}. */
  public record AcceptTooLate(Duration delay) implements Reply {}

  /** Too many requests: HTTP 429 with Twilio's error 20429 and a {@code Retry-After} header. */
  public record Busy(Duration retryAfter) implements Reply {}

  /**
   * The message is created, then {@code meanwhile} runs before the answer goes out (e.g. the app is
   * killed while its call is in flight: Twilio has the message, the app never learns it).
   */
  public record AcceptThen(Runnable meanwhile) implements Reply {}

  /** A request as it reached Twilio: query parameters for GET, form parameters for POST. */
  record Received(String method, String path, Map<String, String> params) {}

  private final ObjectMapper json = new ObjectMapper();
  private final HttpServer server;
  private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final List<Map<String, Object>> messages = new CopyOnWriteArrayList<>();
  private volatile Reply next = new Accept();

  public FakeTwilio() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(threads);
    server.start();
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public void answerNextWith(Reply reply) {
    this.next = reply;
  }

  List<Received> received() {
    return List.copyOf(received);
  }

  /** Every message Twilio created (accepted), sent to {@code to}. */
  public List<Map<String, Object>> messagesTo(String to) {
    return messages.stream().filter(m -> to.equals(m.get("to"))).toList();
  }

  public List<Received> posts() {
    return received.stream().filter(r -> r.method().equals("POST")).toList();
  }

  /** A message already in Twilio's record, as if sent earlier. */
  Map<String, Object> alreadyHas(String from, String to, String body, Instant created) {
    Map<String, Object> message = message(from, null, to, body, created);
    messages.add(message);
    return message;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getPath();
      Map<String, String> params =
          method.equals("GET")
              ? decode(exchange.getRequestURI().getRawQuery())
              : decode(
                  new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      received.add(new Received(method, path, params));
      if (!authorised(exchange)) {
        answer(exchange, 401, error(401, 20003, "Authenticate"));
      } else if (!path.equals(MESSAGES) && !path.equals(messagesOf(OTHER_ACCOUNT_SID))) {
        answer(
            exchange, 404, error(404, 20404, "The requested resource " + path + " was not found"));
      } else if (method.equals("POST")) {
        create(exchange, params);
      } else if (method.equals("GET")) {
        answer(exchange, 200, list(params));
      } else {
        answer(exchange, 405, error(405, 20004, "Method not allowed"));
      }
    }
  }

  private void create(HttpExchange exchange, Map<String, String> params) throws IOException {
    Reply reply = next;
    if (reply instanceof Busy busy) {
      exchange
          .getResponseHeaders()
          .set("Retry-After", String.valueOf(busy.retryAfter().toSeconds()));
      answer(exchange, 429, error(429, 20429, "Too Many Requests"));
      return;
    }
    if (reply instanceof Refuse refuse) {
      answer(
          exchange,
          refuse.httpStatus(),
          error(refuse.httpStatus(), refuse.code(), refuse.message()));
      return;
    }
    Map<String, Object> message =
        message(
            params.get("From"),
            params.get("MessagingServiceSid"),
            params.get("To"),
            params.get("Body"),
            Instant.now());
    messages.add(message);
    if (reply instanceof AcceptThen then) {
      then.meanwhile().run();
    }
    if (reply instanceof AcceptTooLate late) {
      try {
        Thread.sleep(late.delay());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    answer(exchange, 201, message);
  }

  /** Twilio's list: filtered by To and From, newest first, in its paging envelope. */
  private Map<String, Object> list(Map<String, String> query) {
    List<Map<String, Object>> found = new ArrayList<>();
    for (Map<String, Object> m : messages.reversed()) {
      if ((!query.containsKey("To") || query.get("To").equals(m.get("to")))
          && (!query.containsKey("From") || query.get("From").equals(m.get("from")))) {
        found.add(m);
      }
    }
    int pageSize = Integer.parseInt(query.getOrDefault("PageSize", "50"));
    String uri = MESSAGES + "?PageSize=" + pageSize + "&Page=0";
    Map<String, Object> page = new LinkedHashMap<>();
    page.put("end", Math.max(0, Math.min(found.size(), pageSize) - 1));
    page.put("first_page_uri", uri);
    page.put("messages", found.subList(0, Math.min(found.size(), pageSize)));
    page.put("next_page_uri", null);
    page.put("page", 0);
    page.put("page_size", pageSize);
    page.put("previous_page_uri", null);
    page.put("start", 0);
    page.put("uri", uri);
    return page;
  }

  private static Map<String, Object> message(
      String from, String messagingServiceSid, String to, String body, Instant created) {
    String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
    String uri = "/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages/" + sid;
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("account_sid", ACCOUNT_SID);
    m.put("api_version", "2010-04-01");
    m.put("body", body);
    m.put("date_created", RFC_2822.format(created));
    m.put("date_sent", null);
    m.put("date_updated", RFC_2822.format(created));
    m.put("direction", "outbound-api");
    m.put("error_code", null);
    m.put("error_message", null);
    // with a Messaging Service, Twilio picks the number and answers with a null "from" at first
    m.put("from", from);
    m.put("messaging_service_sid", messagingServiceSid);
    m.put("num_media", "0");
    m.put("num_segments", "1");
    m.put("price", null);
    m.put("price_unit", "USD");
    m.put("sid", sid);
    m.put("status", messagingServiceSid == null ? "queued" : "accepted");
    m.put("subresource_uris", Map.of("media", uri + "/Media.json"));
    m.put("to", to);
    m.put("uri", uri + ".json");
    return m;
  }

  private static Map<String, Object> error(int status, int code, String message) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("code", code);
    error.put("message", message);
    error.put("more_info", "https://www.twilio.com/docs/errors/" + code);
    error.put("status", status);
    return error;
  }

  /** Each account may only use its own messages resource, with its own token. */
  private static boolean authorised(HttpExchange exchange) {
    String path = exchange.getRequestURI().getPath();
    String sid = path.startsWith(messagesOf(OTHER_ACCOUNT_SID)) ? OTHER_ACCOUNT_SID : ACCOUNT_SID;
    String token = sid.equals(OTHER_ACCOUNT_SID) ? OTHER_AUTH_TOKEN : AUTH_TOKEN;
    String expected =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((sid + ":" + token).getBytes(StandardCharsets.UTF_8));
    return expected.equals(exchange.getRequestHeaders().getFirst("Authorization"));
  }

  static String messagesOf(String accountSid) {
    return "/2010-04-01/Accounts/" + accountSid + "/Messages.json";
  }

  private void answer(HttpExchange exchange, int status, Object body) throws IOException {
    byte[] bytes = json.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  private static Map<String, String> decode(String encoded) {
    Map<String, String> params = new LinkedHashMap<>();
    if (encoded == null || encoded.isEmpty()) {
      return params;
    }
    for (String pair : encoded.split("&")) {
      String[] kv = pair.split("=", 2);
      params.put(
          URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
          kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
    }
    return params;
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
