package org.guestjourney.support;

import org.springframework.test.context.TestPropertySource;

/**
 * The whole app as {@link JourneyIntegrationTest}, with guests' e-mail replies reaching it (an
 * inbound domain and the mail provider's inbound token) and Twilio's webhooks accepted (its auth
 * token; no message is sent to Twilio: guests here are reached by e-mail). Tests of the inbox share
 * this one application context.
 */
@TestPropertySource(
    properties = {
      "guest-journey.mail.inbound-domain=" + InboxIntegrationTest.INBOUND_DOMAIN,
      "guest-journey.mail.inbound-token=" + InboxIntegrationTest.INBOUND_TOKEN,
      "guest-journey.twilio.account-sid=" + InboxIntegrationTest.TWILIO_ACCOUNT,
      "guest-journey.twilio.auth-token=" + InboxIntegrationTest.TWILIO_TOKEN,
      "guest-journey.twilio.api-base-url=http://127.0.0.1:9",
      "guest-journey.twilio.public-base-url=" + InboxIntegrationTest.PUBLIC_URL
    })
public abstract class InboxIntegrationTest extends JourneyIntegrationTest {

  public static final String INBOUND_DOMAIN = "in.guests.test";
  public static final String INBOUND_TOKEN = "test-inbound-mail-token";
  public static final String TWILIO_ACCOUNT = "AC00000000000000000000000000000077";

  /** Where Twilio believes it calls the app: what its webhook signatures are computed over. */
  public static final String PUBLIC_URL = "https://guests.example.test";

  public static final String TWILIO_TOKEN = "test-twilio-token-for-the-inbox";
}
