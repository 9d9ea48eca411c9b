package org.guestjourney.messaging.providers.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The Twilio settings are found by the app's properties scan and, with the app's {@code
 * application.yaml}, read from the environment variables the messages name as well as from Spring's
 * own names for them. Without them nothing is configured and nothing has a secret default.
 */
class TwilioPropertiesTest {

  @Configuration(proxyBeanMethods = false)
  @ConfigurationPropertiesScan(basePackageClasses = TwilioProperties.class)
  static class Scanned {}

  private final ApplicationContextRunner app =
      new ApplicationContextRunner()
          .withUserConfiguration(Scanned.class)
          .withInitializer(new ConfigDataApplicationContextInitializer());

  @Test
  void readsTheEnvironmentVariablesTheMessagesName() {
    environment(
            Map.of(
                "GUEST_JOURNEY_TWILIO_ACCOUNTSID", FakeTwilio.ACCOUNT_SID,
                "GUEST_JOURNEY_TWILIO_AUTHTOKEN", FakeTwilio.AUTH_TOKEN,
                "GUEST_JOURNEY_TWILIO_SMSFROM", "+15005550006",
                "GUEST_JOURNEY_TWILIO_WHATSAPPFROM", "+14155238886",
                "GUEST_JOURNEY_TWILIO_MESSAGINGSERVICESID", "MG0123",
                "GUEST_JOURNEY_TWILIO_PUBLICBASEURL", "https://twilio-hooks.example.com/"))
        .run(
            context -> {
              TwilioProperties twilio = context.getBean(TwilioProperties.class);
              assertThat(twilio.accountSid()).isEqualTo(FakeTwilio.ACCOUNT_SID);
              assertThat(twilio.authToken()).isEqualTo(FakeTwilio.AUTH_TOKEN);
              assertThat(twilio.smsFrom()).isEqualTo("+15005550006");
              assertThat(twilio.whatsappFrom()).isEqualTo("+14155238886");
              assertThat(twilio.messagingServiceSid()).isEqualTo("MG0123");
              assertThat(twilio.unconfigured()).isEmpty();
              assertThat(twilio.statusCallbackUrl())
                  .contains("https://twilio-hooks.example.com/webhooks/twilio/status");
            });
  }

  @Test
  void readsSpringsOwnNamesForThemToo() {
    environment(
            Map.of(
                "GUEST_JOURNEY_TWILIO_ACCOUNT_SID", FakeTwilio.ACCOUNT_SID,
                "GUEST_JOURNEY_TWILIO_AUTH_TOKEN", FakeTwilio.AUTH_TOKEN,
                "GUEST_JOURNEY_TWILIO_REQUEST_TIMEOUT", "PT3S"))
        .run(
            context -> {
              TwilioProperties twilio = context.getBean(TwilioProperties.class);
              assertThat(twilio.accountSid()).isEqualTo(FakeTwilio.ACCOUNT_SID);
              assertThat(twilio.authToken()).isEqualTo(FakeTwilio.AUTH_TOKEN);
              assertThat(twilio.requestTimeout()).isEqualTo(Duration.ofSeconds(3));
            });
  }

  @Test
  void twilioCallsBackAtTheAppsPublicAddressUnlessToldOtherwise() {
    environment(Map.of("GUEST_JOURNEY_PUBLIC_BASE_URL", "https://guests.example.com"))
        .run(
            context ->
                assertThat(context.getBean(TwilioProperties.class).statusCallbackUrl())
                    .contains("https://guests.example.com/webhooks/twilio/status"));
  }

  @Test
  void withNothingSetTwilioIsOffAndCallsNoLocalAddressBack() {
    app.run(
        context -> {
          TwilioProperties twilio = context.getBean(TwilioProperties.class);
          assertThat(twilio.unconfigured()).contains(TwilioProperties.NO_ACCOUNT);
          assertThat(twilio.authToken()).isEmpty();
          assertThat(twilio.apiBaseUrl()).isEqualTo("https://api.twilio.com");
          assertThat(twilio.requestTimeout()).isEqualTo(Duration.ofSeconds(10));
          assertThat(twilio.publicBase()).contains("http://localhost:8080");
          assertThat(twilio.statusCallbackUrl()).isEmpty();
        });
  }

  @Test
  void theRecordsOwnDefaultsNeedNoYaml() {
    new ApplicationContextRunner()
        .withUserConfiguration(Scanned.class)
        .run(
            context -> {
              TwilioProperties twilio = context.getBean(TwilioProperties.class);
              assertThat(twilio.authToken()).isNull();
              assertThat(twilio.apiBaseUrl()).isEqualTo("https://api.twilio.com");
              assertThat(twilio.requestTimeout()).isEqualTo(Duration.ofSeconds(10));
              assertThat(twilio.unconfigured()).contains(TwilioProperties.NO_ACCOUNT);
            });
  }

  private ApplicationContextRunner environment(Map<String, Object> variables) {
    return app.withInitializer(
        context ->
            context
                .getEnvironment()
                .getPropertySources()
                .addFirst(
                    new SystemEnvironmentPropertySource(
                        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables)));
  }
}
