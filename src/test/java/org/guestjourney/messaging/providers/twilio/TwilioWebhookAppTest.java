package org.guestjourney.messaging.providers.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.guestjourney.support.StandaloneApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The webhooks in the running app, behind its real security: Twilio reaches them without a session,
 * a login or a CSRF token, and only its signature lets a request through.
 */
class TwilioWebhookAppTest {

  static final String PUBLIC_URL = "https://guests.example.com";

  private static ConfigurableApplicationContext app;
  private static String local;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    int unusedSmtpPort;
    try (ServerSocket probe = new ServerSocket(0)) {
      unusedSmtpPort = probe.getLocalPort();
    }
    app =
        StandaloneApp.start(
            Path.of("target/test-data/twilio-" + UUID.randomUUID()),
            unusedSmtpPort,
            // the names the app documents (application.yaml maps them)
            "GUEST_JOURNEY_TWILIO_ACCOUNTSID=" + FakeTwilio.ACCOUNT_SID,
            "GUEST_JOURNEY_TWILIO_AUTHTOKEN=" + FakeTwilio.AUTH_TOKEN,
            "GUEST_JOURNEY_TWILIO_PUBLICBASEURL=" + PUBLIC_URL);
    local = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  @Test
  void aSignedReceiptGetsThroughWithoutSessionOrCsrfToken() throws Exception {
    Map<String, String> receipt = new LinkedHashMap<>();
    receipt.put("AccountSid", FakeTwilio.ACCOUNT_SID);
    receipt.put("MessageSid", "SM" + "0".repeat(32));
    receipt.put("MessageStatus", "delivered");

    HttpResponse<String> answer = post(TwilioWebhookController.STATUS_PATH, receipt, true);

    assertThat(answer.statusCode()).isEqualTo(204);
  }

  @Test
  void anUnsignedReceiptIsRefusedNotRedirectedToTheLogin() throws Exception {
    HttpResponse<String> answer =
        post(TwilioWebhookController.STATUS_PATH, Map.of("MessageStatus", "delivered"), false);

    assertThat(answer.statusCode()).isEqualTo(401);
  }

  @Test
  void aSignedHelpFromAnUnknownNumberIsAnsweredWithTwiml() throws Exception {
    Map<String, String> message = new LinkedHashMap<>();
    message.put("AccountSid", FakeTwilio.ACCOUNT_SID);
    message.put("Body", "HELP");
    message.put("From", "+39333" + (1_000_000 + (int) (Math.random() * 8_999_999)));
    message.put("MessageSid", "SM" + UUID.randomUUID().toString().replace("-", ""));
    message.put("To", "+15005550006");

    HttpResponse<String> answer = post(TwilioWebhookController.INBOUND_PATH, message, true);

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/xml"));
    assertThat(answer.body())
        .isEqualTo("<Response><Message>Reply STOP to opt out.</Message></Response>");
  }

  private HttpResponse<String> post(String path, Map<String, String> params, boolean signed)
      throws Exception {
    String body =
        params.entrySet().stream()
            .map(
                e ->
                    URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(local + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (signed) {
      request.header(
          TwilioWebhookController.SIGNATURE,
          TwilioWebhookControllerTest.signature(PUBLIC_URL + path, params, FakeTwilio.AUTH_TOKEN));
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
