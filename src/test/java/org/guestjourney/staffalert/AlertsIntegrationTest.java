package org.guestjourney.staffalert;

import java.io.IOException;
import org.guestjourney.messaging.providers.twilio.FakeTwilio;
import org.guestjourney.support.JourneyIntegrationTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole app as {@link JourneyIntegrationTest}, with text messages going through the Twilio SDK
 * to a local imitation of Twilio's API, so that alerts by text can be seen arriving. The alert
 * tests share this one application context.
 */
abstract class AlertsIntegrationTest extends JourneyIntegrationTest {

  static final FakeTwilio TWILIO = fakeTwilio();

  private static FakeTwilio fakeTwilio() {
    try {
      return new FakeTwilio();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @DynamicPropertySource
  static void twilio(DynamicPropertyRegistry registry) {
    registry.add("guest-journey.twilio.account-sid", () -> FakeTwilio.ACCOUNT_SID);
    registry.add("guest-journey.twilio.auth-token", () -> FakeTwilio.AUTH_TOKEN);
    registry.add("guest-journey.twilio.sms-from", () -> "+15005550006");
    registry.add("guest-journey.twilio.api-base-url", TWILIO::baseUrl);
  }
}
