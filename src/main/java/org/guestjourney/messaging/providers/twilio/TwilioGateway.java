package org.guestjourney.messaging.providers.twilio;

import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.twilio.rest.api.v2010.account.MessageReader;
import com.twilio.type.PhoneNumber;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.guestjourney.messaging.Channel.Receipt;
import org.guestjourney.messaging.ProviderRejection;
import org.springframework.stereotype.Component;

/**
 * The only class that talks to Twilio's REST API, for both the SMS and the WhatsApp channel. It
 * creates messages and reads back Twilio's record of them, and turns Twilio's answers into what
 * {@link org.guestjourney.messaging.Channel} promises: a receipt, a {@link ProviderRejection} when
 * Twilio refused the message for good, or any other exception when the outcome is temporary or
 * unknown.
 */
@Component
class TwilioGateway implements AutoCloseable {

  /** Twilio's error for a recipient who replied STOP to this sender. */
  static final int UNSUBSCRIBED = 21610;

  /** Twilio's clock and ours may differ a little; its record is searched from this much earlier. */
  static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

  /** How many of the recipient's latest messages are compared when looking for an earlier send. */
  static final long RECENT = 50;

  private final TwilioProperties properties;
  private final TwilioHttpClient http;
  private final java.util.Map<String, TwilioRestClient> clients =
      new java.util.concurrent.ConcurrentHashMap<>();

  TwilioGateway(TwilioProperties properties) {
    this.properties = properties;
    this.http = new TwilioHttpClient(properties.apiBaseUrl(), properties.requestTimeout());
  }

  /** Who a message is from: a number ({@code +...} or {@code whatsapp:+...}) or a service. */
  record Sender(String from, String messagingServiceSid) {

    static Sender number(String from) {
      return new Sender(from, null);
    }

    static Sender service(String messagingServiceSid) {
      return new Sender(null, messagingServiceSid);
    }
  }

  /**
   * Asks Twilio to deliver {@code text} to {@code to}, with delivery receipts sent to our status
   * webhook when Twilio can reach us.
   */
  Receipt send(TwilioAccount account, Sender sender, String to, String text)
      throws ProviderRejection {
    TwilioRestClient twilio = client(account);
    MessageCreator creator =
        sender.from() != null
            ? Message.creator(new PhoneNumber(to), new PhoneNumber(sender.from()), text)
            : Message.creator(new PhoneNumber(to), sender.messagingServiceSid(), text);
    properties.statusCallbackUrl().ifPresent(creator::setStatusCallback);
    try {
      Message message = creator.create(twilio);
      return new Receipt(
          message.getSid(), "Accepted by Twilio (status " + message.getStatus() + ")");
    } catch (ApiException e) {
      if (refusedForGood(e)) {
        throw new ProviderRejection(
            String.valueOf(e.getCode()), e.getMessage(), e.getCode() == UNSUBSCRIBED);
      }
      throw e;
    }
  }

  /**
   * Twilio's own record of {@code text} sent from {@code sender} to {@code to} since {@code since}:
   * after a call whose answer never came, it tells whether Twilio had accepted the message, so it
   * is not sent twice. Among the recipient's latest messages, the one with the same sender and text
   * created since then. The search is on the creation time, not on Twilio's {@code DateSent}
   * filter: a message still queued has no send date yet and would be missed.
   */
  Optional<Receipt> findAlreadySent(
      TwilioAccount account, Sender sender, String to, String text, Instant since) {
    TwilioRestClient twilio = client(account);
    MessageReader reader = Message.reader().setTo(new PhoneNumber(to)).setPageSize(RECENT);
    if (sender.from() != null) {
      reader.setFrom(new PhoneNumber(sender.from()));
    }
    Instant from = since.minus(CLOCK_SKEW);
    return reader.firstPage(twilio).getRecords().stream()
        .filter(m -> m.getDateCreated() != null && !m.getDateCreated().toInstant().isBefore(from))
        .filter(
            m ->
                sender.messagingServiceSid() == null
                    || sender.messagingServiceSid().equals(m.getMessagingServiceSid()))
        .filter(m -> sameText(m.getBody(), text))
        .findFirst()
        .map(m -> new Receipt(m.getSid(), "Found at Twilio (status " + m.getStatus() + ")"));
  }

  /**
   * A 4xx with a Twilio error code is about this message (unknown number, unsubscribed recipient,
   * ...), except 429 (too many requests right now) and 401 (our credentials, not the message):
   * those pass once the cause is gone.
   */
  static boolean refusedForGood(ApiException e) {
    Integer status = e.getStatusCode();
    return e.getCode() != null
        && status != null
        && status >= 400
        && status < 500
        && status != 429
        && status != 401;
  }

  /** Twilio may store line breaks and outer spaces differently from how they were sent. */
  static boolean sameText(String stored, String sent) {
    return stored != null && sent != null && normalise(stored).equals(normalise(sent));
  }

  private static String normalise(String text) {
    return text.replace("\r\n", "\n").strip();
  }

  /** One client per account, all over the same HTTP client (no retries of its own). */
  private TwilioRestClient client(TwilioAccount account) {
    return clients.computeIfAbsent(
        account.accountSid() + ":" + account.authToken().hashCode(),
        k ->
            new TwilioRestClient.Builder(account.accountSid(), account.authToken())
                .httpClient(http)
                .build());
  }

  @Override
  public void close() {
    http.close();
  }
}
