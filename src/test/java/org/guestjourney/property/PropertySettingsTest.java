package org.guestjourney.property;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.Map;
import org.guestjourney.support.JourneyIntegrationTest;
import org.guestjourney.support.PageForms;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * A manager tunes a property's message rules and journey timings on a page or through the API; a
 * wrong value is refused with the field at fault and changes nothing.
 */
class PropertySettingsTest extends JourneyIntegrationTest {

  @Autowired TestRestTemplate http;
  @Autowired PropertyService propertyService;
  @Autowired PropertyRepository properties;

  @Test
  void theApiShowsTheDefaultsAndRefusesAWrongValueWithoutChangingAnything() {
    Property property = data.property("Europe/Rome", "en");
    String url = "/api/properties/" + property.id() + "/settings";
    @SuppressWarnings("unchecked")
    Map<String, Object> defaults =
        org.guestjourney.support.SignedIn.as(http, "frontdesk").getForObject(url, Map.class);
    assertThat(http.getForEntity(url, String.class).getStatusCode())
        .as("nobody anonymous reads a house's settings")
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(defaults)
        .containsEntry("quietHoursStart", "21:00:00")
        .containsEntry("quietHoursEnd", "09:00:00")
        .containsEntry("maxMessagesPerDay", 3)
        .containsEntry("maxMessagesPerStay", 12)
        .containsEntry("whatsappFallbackMinutes", 10);

    // only a manager may change them
    assertThat(put(http, url, defaults).getStatusCode())
        .isIn(HttpStatus.UNAUTHORIZED, HttpStatus.FORBIDDEN);
    assertThat(
            put(org.guestjourney.support.SignedIn.as(http, "frontdesk", "frontdesk"), url, defaults)
                .getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);

    Map<String, Object> wrong = new HashMap<>(defaults);
    wrong.put("maxMessagesPerDay", 0);
    wrong.put("reviewUrl", "javascript:alert(1)");
    wrong.remove("quietHoursStart");
    ResponseEntity<String> refused = put(url, wrong);

    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(refused.getBody())
        .contains("maxMessagesPerDay")
        .contains("reviewUrl")
        .contains("quietHoursStart");
    assertThat(properties.settings(property.id()).maxMessagesPerDay()).isEqualTo(3);

    Map<String, Object> right = new HashMap<>(defaults);
    right.put("maxMessagesPerDay", 2);
    right.put("reviewUrl", "https://reviews.example/casa");
    assertThat(put(url, right).getStatusCode()).isEqualTo(HttpStatus.OK);
    JourneySettings now = properties.settings(property.id());
    assertThat(now.maxMessagesPerDay()).isEqualTo(2);
    assertThat(now.reviewUrl()).isEqualTo("https://reviews.example/casa");
  }

  @Test
  void aManagerChangesQuietHoursOnThePageAndTheFrontDeskMayNot() {
    Property property = data.property("Europe/Rome", "en");
    String page = "/properties/" + property.id() + "/settings";
    TestRestTemplate manager = org.guestjourney.support.SignedIn.as(http, "manager", "manager");
    assertThat(
            org.guestjourney.support.SignedIn.as(http, "frontdesk", "frontdesk")
                .getForEntity(page, String.class)
                .getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(manager.getForObject(page, String.class))
        .contains("data-testid=\"settings-form\"")
        .contains("value=\"21:00\"");

    Map<String, String> form = formOf(manager.getForObject(page, String.class));
    form.put("quietHoursStart", "22:00");
    form.put("quietHoursEnd", "08:00");
    form.put("whatsappFallbackMinutes", "soon");
    assertThat(PageForms.submitAndShow(manager, page, page, form))
        .contains("whatsappFallbackMinutes must be a whole number")
        .as("what the manager typed is shown again")
        .contains("value=\"22:00\"");
    assertThat(properties.settings(property.id()).quietHoursStart()).isEqualTo(LocalTime.of(21, 0));

    form.put("whatsappFallbackMinutes", "15");
    // the pre-arrival timings are on the page too
    assertThat(form)
        .containsEntry(
            "checkInGuideDaysBefore", Integer.toString(property.checkInGuideDaysBefore()))
        .containsKeys("checkInGuideSendTime", "dayBeforeReminderSendTime");
    form.put("checkInGuideDaysBefore", "2");
    form.put("checkInGuideSendTime", "16:45");
    form.put("dayBeforeReminderSendTime", "18:30");
    ResponseEntity<String> saved = PageForms.submit(manager, page, page, form);
    assertThat(saved.getStatusCode()).isEqualTo(HttpStatus.FOUND);
    JourneySettings now = properties.settings(property.id());
    assertThat(now.quietHoursStart()).isEqualTo(LocalTime.of(22, 0));
    assertThat(now.quietHoursEnd()).isEqualTo(LocalTime.of(8, 0));
    assertThat(now.whatsappFallbackAfter()).isEqualTo(Duration.ofMinutes(15));
    assertThat(now.isQuiet(LocalTime.of(21, 30))).isFalse();
    Property house = propertyService.get(property.id());
    assertThat(house.checkInGuideDaysBefore()).isEqualTo(2);
    assertThat(house.checkInGuideSendTime()).isEqualTo(LocalTime.of(16, 45));
    assertThat(house.dayBeforeReminderSendTime()).isEqualTo(LocalTime.of(18, 30));
  }

  /** The form's current values, as a browser would send them back. */
  private static Map<String, String> formOf(String html) {
    Map<String, String> form = new HashMap<>();
    var m =
        java.util.regex.Pattern.compile(
                "<input id=\"[^\"]+\" name=\"([^\"]+)\"[^>]*?value=\"([^\"]*)\"")
            .matcher(html);
    while (m.find()) {
      form.put(m.group(1), org.springframework.web.util.HtmlUtils.htmlUnescape(m.group(2)));
    }
    return form;
  }

  private ResponseEntity<String> put(String url, Map<String, Object> body) {
    return put(org.guestjourney.support.SignedIn.as(http, "manager", "manager"), url, body);
  }

  private static ResponseEntity<String> put(
      TestRestTemplate as, String url, Map<String, Object> body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return as.exchange(url, HttpMethod.PUT, new HttpEntity<>(body, headers), String.class);
  }

  @Test
  void theSettingsPageShowsTheHousesSmsAndWhatsAppSendersAndRefusesAnAccountWithoutToken() {
    Property property = data.property("Europe/Rome", "en");
    String page = "/properties/" + property.id() + "/settings";
    TestRestTemplate manager = org.guestjourney.support.SignedIn.as(http, "manager", "manager");
    assertThat(manager.getForObject(page, String.class))
        .contains("SMS and WhatsApp")
        .contains("SMS/WhatsApp disabled: no Twilio account configured");

    String shown =
        PageForms.submitAndShow(
            manager,
            page,
            "/properties/" + property.id() + "/twilio",
            Map.of("accountSid", "AC" + "1".repeat(32), "smsFrom", "+393331234567"));

    // the refusal says what to do in words; the API keeps the setting's name for operators
    assertThat(shown)
        .contains("has no auth token in the environment")
        .contains("whoever runs the app sets this up")
        .doesNotContain("GUESTJOURNEY_TWILIO_AUTHTOKENS_");
    assertThat(manager.getForObject("/api/properties/" + property.id() + "/twilio", String.class))
        .as("nothing stored: the house still has no account")
        .contains("no Twilio account configured")
        .doesNotContain("accountSid");
  }
}
