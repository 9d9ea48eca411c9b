package org.guestjourney.studio;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.guestjourney.booking.Booking;
import org.guestjourney.messaging.providers.twilio.FakeTwilio;
import org.guestjourney.property.Property;
import org.guestjourney.staffalert.StaffContacts;
import org.guestjourney.support.ManagerSession;
import org.guestjourney.support.StandaloneApp;
import org.guestjourney.support.TestData;
import org.guestjourney.support.TestMailServer;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * "Send a test to me" by SMS: the whole app with Twilio configured, against a local imitation of
 * Twilio's API (the real Twilio SDK). The SMS text, filled in with a booking, goes to the manager's
 * own phone marked as a test, never to the guest, and is not recorded as a guest message.
 */
class StudioSendTestSmsAppTest {

  @Test
  void theSmsTextGoesToTheManagersOwnPhoneMarkedAsATest() throws Exception {
    try (FakeTwilio twilio = new FakeTwilio();
        ConfigurableApplicationContext app =
            StandaloneApp.start(
                Path.of("target/test-data/studio-sms-" + UUID.randomUUID()),
                TestMailServer.port(),
                "guest-journey.twilio.account-sid=" + FakeTwilio.ACCOUNT_SID,
                "guest-journey.twilio.auth-token=" + FakeTwilio.AUTH_TOKEN,
                "guest-journey.twilio.sms-from=+15005550006",
                "guest-journey.twilio.api-base-url=" + twilio.baseUrl())) {
      TestData data = TestData.of(app);
      Property property = data.property("Europe/Rome", "en");
      Booking booking = data.bookArrivingIn(property, 5, data.uniqueEmail());
      String managerPhone = "+3934" + (10000000 + (int) (Math.random() * 89999999));
      app.getBean(StaffContacts.class).save("manager", null, null, managerPhone);
      JdbcClient jdbc = app.getBean(JdbcClient.class);
      int deliveries = deliveries(jdbc, booking.id());
      int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
      ManagerSession manager = new ManagerSession(port);

      HttpResponse<String> answer =
          manager.send(
              manager
                  .request("/studio/api/messages/" + property.id() + "/day-before-reminder/en/test")
                  .header("content-type", "application/json")
                  .header("accept", "application/json")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"smsText\": \"See you tomorrow, {{guest.name}}!\", \"bookingId\": "
                              + booking.id()
                              + ", \"channel\": \"sms\"}"))
                  .build());

      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
      assertThat(answer.body()).contains("\"channel\":\"SMS\"").contains(managerPhone);
      List<Map<String, Object>> texts = twilio.messagesTo(managerPhone);
      assertThat(texts).hasSize(1);
      assertThat(String.valueOf(texts.get(0).get("body"))).startsWith("[TEST] See you tomorrow, ");
      assertThat(deliveries(jdbc, booking.id())).isEqualTo(deliveries);
    }
  }

  private static int deliveries(JdbcClient jdbc, long bookingId) {
    return jdbc.sql("select count(*) from message_delivery where booking_id = ?")
        .param(bookingId)
        .query(Integer.class)
        .single();
  }
}
