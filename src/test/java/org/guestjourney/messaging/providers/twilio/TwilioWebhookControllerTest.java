package org.guestjourney.messaging.providers.twilio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.guestjourney.messaging.providers.twilio.TwilioWebhookController.SIGNATURE;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.xml.parsers.DocumentBuilderFactory;
import org.guestjourney.messaging.ChannelType;
import org.guestjourney.messaging.DeliveryStatusService;
import org.guestjourney.messaging.InboundMessageService;
import org.guestjourney.messaging.InboundMessageService.Kind;
import org.guestjourney.messaging.InboundMessageService.Result;
import org.guestjourney.messaging.ProviderStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.util.LinkedMultiValueMap;
import org.w3c.dom.Document;

/**
 * Twilio's webhooks: a request is believed only when it carries Twilio's signature, computed here
 * as Twilio computes it (HMAC-SHA1 with the auth token over the public URL followed by the sorted
 * form parameters). The services behind the webhooks are tested on their own; here they are
 * stand-ins, so that the check and the mapping can be seen.
 */
class TwilioWebhookControllerTest {

  static final String PUBLIC_URL = "https://guests.example.com";
  static final String SID = "SM" + "a".repeat(32);

  private final DeliveryStatusService deliveries = mock(DeliveryStatusService.class);
  private final InboundMessageService inbound = mock(InboundMessageService.class);
  private MockMvc webhooks;

  @BeforeEach
  void setUp() {
    webhooks = webhooksWith(FakeTwilio.AUTH_TOKEN);
    when(inbound.receive(any(), anyString(), any(), any(), anyString()))
        .thenReturn(new Result(Kind.REPLY, Optional.empty()));
  }

  @Test
  void aSignedDeliveryReceiptIsRecorded() throws Exception {
    Map<String, String> receipt = receipt("delivered", null);

    webhooks
        .perform(signed(TwilioWebhookController.STATUS_PATH, receipt, FakeTwilio.AUTH_TOKEN))
        .andExpect(status().isNoContent());

    verify(deliveries).record(SID, ProviderStatus.DELIVERED, null);
  }

  @Test
  void aFailureIsRecordedWithTwiliosErrorCode() throws Exception {
    webhooks
        .perform(
            signed(
                TwilioWebhookController.STATUS_PATH,
                receipt("undelivered", "30003"),
                FakeTwilio.AUTH_TOKEN))
        .andExpect(status().isNoContent());

    verify(deliveries).record(SID, ProviderStatus.UNDELIVERED, "30003");
  }

  @ParameterizedTest
  @CsvSource({
    "accepted, QUEUED",
    "queued, QUEUED",
    "sending, QUEUED",
    "sent, SENT",
    "delivered, DELIVERED",
    "undelivered, UNDELIVERED",
    "failed, FAILED",
    "read, READ"
  })
  void twiliosStatusesMapToOurs(String twilioStatus, ProviderStatus ours) throws Exception {
    webhooks
        .perform(
            signed(
                TwilioWebhookController.STATUS_PATH,
                receipt(twilioStatus, null),
                FakeTwilio.AUTH_TOKEN))
        .andExpect(status().isNoContent());

    verify(deliveries).record(SID, ours, null);
  }

  @Test
  void aStatusThatIsNotAboutDeliveryIsAcknowledgedAndIgnored() throws Exception {
    webhooks
        .perform(
            signed(
                TwilioWebhookController.STATUS_PATH,
                receipt("partially_delivered", null),
                FakeTwilio.AUTH_TOKEN))
        .andExpect(status().isNoContent());

    verifyNoInteractions(deliveries);
  }

  @Test
  void aSignedCallbackWithoutAStatusIsABadRequestNotAnError() throws Exception {
    Map<String, String> noStatus = new java.util.HashMap<>(receipt("delivered", null));
    noStatus.remove("MessageStatus");
    webhooks
        .perform(signed(TwilioWebhookController.STATUS_PATH, noStatus, FakeTwilio.AUTH_TOKEN))
        .andExpect(status().isBadRequest());

    verifyNoInteractions(deliveries);
  }

  @Test
  void aForgedSignatureIsRefusedAndNothingIsRecorded() throws Exception {
    webhooks
        .perform(signed(TwilioWebhookController.STATUS_PATH, receipt("delivered", null), "guessed"))
        .andExpect(status().isUnauthorized());

    verifyNoInteractions(deliveries);
  }

  @Test
  void aReceiptChangedAfterSigningIsRefused() throws Exception {
    String path = TwilioWebhookController.STATUS_PATH;
    String signedForFailure =
        signature(PUBLIC_URL + path, receipt("undelivered", "30003"), FakeTwilio.AUTH_TOKEN);

    webhooks
        .perform(unsigned(path, receipt("delivered", null)).header(SIGNATURE, signedForFailure))
        .andExpect(status().isUnauthorized());
    webhooks
        .perform(unsigned(path, receipt("delivered", null)))
        .andExpect(status().isUnauthorized());

    verifyNoInteractions(deliveries);
  }

  @Test
  void aSignedStopIsPassedOnAndAnsweredWithEmptyTwiml() throws Exception {
    when(inbound.receive(ChannelType.SMS, "+393331234567", "+15005550006", "STOP", SID))
        .thenReturn(new Result(Kind.OPT_OUT, Optional.empty()));

    webhooks
        .perform(
            signed(
                TwilioWebhookController.INBOUND_PATH,
                inboundMessage("+393331234567", "+15005550006", "STOP"),
                FakeTwilio.AUTH_TOKEN))
        .andExpect(status().isOk())
        .andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_XML))
        .andExpect(content().string("<Response/>"));

    verify(inbound).receive(ChannelType.SMS, "+393331234567", "+15005550006", "STOP", SID);
  }

  @Test
  void aWhatsAppReplyIsRecognisedByItsPrefix() throws Exception {
    webhooks
        .perform(
            signed(
                TwilioWebhookController.INBOUND_PATH,
                inboundMessage("whatsapp:+393331234567", "whatsapp:+14155238886", "Grazie!"),
                FakeTwilio.AUTH_TOKEN))
        .andExpect(status().isOk());

    verify(inbound)
        .receive(
            ChannelType.WHATSAPP,
            "whatsapp:+393331234567",
            "whatsapp:+14155238886",
            "Grazie!",
            SID);
  }

  @Test
  void theAnswerToHelpIsEscapedIntoWellFormedTwiml() throws Exception {
    String help = "Casa <Verde> & Figli: call \"Anna\" on +39 0583 123456. Reply STOP to opt out.";
    when(inbound.receive(ChannelType.SMS, "+393331234567", "+15005550006", "HELP", SID))
        .thenReturn(new Result(Kind.HELP, Optional.of(help)));

    MvcResult result =
        webhooks
            .perform(
                signed(
                    TwilioWebhookController.INBOUND_PATH,
                    inboundMessage("+393331234567", "+15005550006", "HELP"),
                    FakeTwilio.AUTH_TOKEN))
            .andExpect(status().isOk())
            .andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_XML))
            .andReturn();

    String twiml = result.getResponse().getContentAsString(StandardCharsets.UTF_8);
    assertThat(twiml)
        .isEqualTo(
            "<Response><Message>Casa &lt;Verde&gt; &amp; Figli: call &quot;Anna&quot; on +39 0583"
                + " 123456. Reply STOP to opt out.</Message></Response>");
    Document parsed =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(new ByteArrayInputStream(twiml.getBytes(StandardCharsets.UTF_8)));
    assertThat(parsed.getElementsByTagName("Message").item(0).getTextContent()).isEqualTo(help);
  }

  @Test
  void aForgedInboundMessageIsRefusedAndNotPassedOn() throws Exception {
    webhooks
        .perform(
            signed(
                TwilioWebhookController.INBOUND_PATH,
                inboundMessage("+393331234567", "+15005550006", "STOP"),
                "guessed"))
        .andExpect(status().isUnauthorized());

    verifyNoInteractions(inbound);
  }

  @Test
  void theSignatureCoversTheQueryStringButOnlyTheFormParameters() throws Exception {
    String path = TwilioWebhookController.INBOUND_PATH + "?property=casa-verde";
    Map<String, String> message = inboundMessage("+393331234567", "+15005550006", "Hello");

    webhooks.perform(signed(path, message, FakeTwilio.AUTH_TOKEN)).andExpect(status().isOk());
    webhooks
        .perform(
            unsigned(TwilioWebhookController.INBOUND_PATH + "?property=elsewhere", message)
                .header(SIGNATURE, signature(PUBLIC_URL + path, message, FakeTwilio.AUTH_TOKEN)))
        .andExpect(status().isUnauthorized());

    verify(inbound).receive(ChannelType.SMS, "+393331234567", "+15005550006", "Hello", SID);
  }

  @Test
  void withoutATwilioAccountTheWebhooksAcceptNothing() throws Exception {
    webhooks = webhooksWith(null);

    webhooks
        .perform(
            signed(
                TwilioWebhookController.STATUS_PATH,
                receipt("delivered", null),
                FakeTwilio.AUTH_TOKEN))
        .andExpect(status().isServiceUnavailable());
    webhooks
        .perform(
            signed(
                TwilioWebhookController.INBOUND_PATH,
                inboundMessage("+393331234567", "+15005550006", "STOP"),
                FakeTwilio.AUTH_TOKEN))
        .andExpect(status().isServiceUnavailable());

    verifyNoInteractions(deliveries, inbound);
  }

  private MockMvc webhooksWith(String authToken) {
    TwilioProperties properties =
        new TwilioProperties(
            authToken == null ? null : FakeTwilio.ACCOUNT_SID,
            authToken,
            "+15005550006",
            null,
            null,
            TwilioProperties.TWILIO_API,
            PUBLIC_URL + "/",
            Duration.ofSeconds(10),
            null);
    return MockMvcBuilders.standaloneSetup(
            new TwilioWebhookController(properties, deliveries, inbound))
        .build();
  }

  /** A POST as Twilio makes it to {@code pathAndQuery}, signed with {@code authToken}. */
  private static MockHttpServletRequestBuilder signed(
      String pathAndQuery, Map<String, String> params, String authToken) throws Exception {
    return unsigned(pathAndQuery, params)
        .header(SIGNATURE, signature(PUBLIC_URL + pathAndQuery, params, authToken));
  }

  private static MockHttpServletRequestBuilder unsigned(
      String pathAndQuery, Map<String, String> params) {
    LinkedMultiValueMap<String, String> form = new LinkedMultiValueMap<>();
    params.forEach(form::add);
    return post(pathAndQuery).contentType(MediaType.APPLICATION_FORM_URLENCODED).params(form);
  }

  /** Twilio's signature: Base64(HMAC-SHA1(token, url + each sorted name and its value)). */
  static String signature(String url, Map<String, String> params, String authToken)
      throws Exception {
    StringBuilder signed = new StringBuilder(url);
    new TreeMap<>(params).forEach((name, value) -> signed.append(name).append(value));
    Mac mac = Mac.getInstance("HmacSHA1");
    mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
    return Base64.getEncoder()
        .encodeToString(mac.doFinal(signed.toString().getBytes(StandardCharsets.UTF_8)));
  }

  private static Map<String, String> receipt(String status, String errorCode) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("AccountSid", FakeTwilio.ACCOUNT_SID);
    params.put("ApiVersion", "2010-04-01");
    params.put("From", "+15005550006");
    params.put("MessageSid", SID);
    params.put("MessageStatus", status);
    params.put("SmsSid", SID);
    params.put("SmsStatus", status);
    params.put("To", "+393331234567");
    if (errorCode != null) {
      params.put("ErrorCode", errorCode);
    }
    return params;
  }

  private static Map<String, String> inboundMessage(String from, String to, String body) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("AccountSid", FakeTwilio.ACCOUNT_SID);
    params.put("ApiVersion", "2010-04-01");
    params.put("Body", body);
    params.put("From", from);
    params.put("MessageSid", SID);
    params.put("NumMedia", "0");
    params.put("NumSegments", "1");
    params.put("SmsMessageSid", SID);
    params.put("SmsSid", SID);
    params.put("SmsStatus", "received");
    params.put("To", to);
    return params;
  }
}
