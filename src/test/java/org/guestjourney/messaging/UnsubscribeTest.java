package org.guestjourney.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import org.guestjourney.booking.Booking;
import org.guestjourney.booking.BookingService;
import org.guestjourney.property.Property;
import org.guestjourney.support.JourneyIntegrationTest;
import org.guestjourney.support.TestMailServer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** RFC 8058 one-click unsubscribe on survey and review e-mails, never on booking messages. */
class UnsubscribeTest extends JourneyIntegrationTest {

  @Autowired TestRestTemplate http;
  @Autowired BookingService bookings;
  @Autowired Unsubscribes unsubscribes;

  static String header(MimeMessage m, String name) throws Exception {
    String[] values = m.getHeader(name);
    return values == null ? null : values[0];
  }

  static MimeMessage withSubject(String email, String start) {
    return TestMailServer.to(email).stream()
        .filter(
            m -> {
              try {
                return m.getSubject().startsWith(start);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            })
        .findFirst()
        .orElseThrow(() -> new AssertionError("no mail '" + start + "' to " + email));
  }

  ResponseEntity<String> oneClick(String url) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    return http.postForEntity(
        URI.create(url).getPath(),
        new HttpEntity<>("List-Unsubscribe=One-Click", headers),
        String.class);
  }

  @Test
  void surveyMailsOfferOneClickUnsubscribeWhichStopsTheReviewRequestButNotBookingMessages()
      throws Exception {
    Property property = data.property("Europe/Rome", "en");
    LocalDate arrival = LocalDate.ofInstant(engine.now(), property.timeZone()).plusDays(1);
    String email = data.uniqueEmail();
    Booking booking = data.book(data.request(property, arrival, 1, email, "en"));
    data.journeyOf(booking.id());
    bookings.recordArrivalTime(booking.id(), "16:00");
    data.awaitState(booking.id(), MessageStep.BOOKING_CONFIRMATION, DeliveryState.SENT);

    MimeMessage confirmation = withSubject(email, "Your booking");
    assertThat(header(confirmation, "List-Unsubscribe"))
        .as("transactional: no unsubscribe")
        .isNull();

    LocalDate departure = arrival.plusDays(1);
    engine.moveTo(at(property, arrival, 15, 1));
    engine.moveTo(at(property, departure, 11, 1));
    engine.moveTo(at(property, departure.plusDays(1), 10, 1));
    data.awaitState(booking.id(), MessageStep.SATISFACTION_SURVEY, DeliveryState.SENT);
    MimeMessage survey = withSubject(email, "How was your stay");

    String unsubscribe = header(survey, "List-Unsubscribe");
    assertThat(unsubscribe).startsWith("<http://localhost:8080/unsubscribe/").endsWith(">");
    assertThat(header(survey, "List-Unsubscribe-Post")).isEqualTo("List-Unsubscribe=One-Click");

    // the mail client's one-click POST: no sign-in, no form, no further question
    ResponseEntity<String> response = oneClick(unsubscribe.substring(1, unsubscribe.length() - 1));
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(unsubscribes.isUnsubscribed(email)).isTrue();

    engine.moveTo(at(property, departure.plusDays(2), 10, 1));
    MessageDelivery review =
        data.awaitState(booking.id(), MessageStep.REVIEW_REQUEST, DeliveryState.SKIPPED);
    assertThat(review.reason()).contains("unsubscribed from surveys and review requests");
  }

  @Test
  void aForgedLinkChangesNothingAndSaysSoKindly() {
    String email = data.uniqueEmail();
    String genuine = unsubscribes.urlFor(email);
    String token = URI.create(genuine).getPath().substring("/unsubscribe/".length());
    String forged =
        token.substring(0, token.indexOf('.') + 1)
            + "AAAA"
            + token.substring(token.indexOf('.') + 5);

    assertThat(oneClick("/unsubscribe/" + forged).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(http.getForObject("/unsubscribe/" + forged, String.class))
        .contains("This link does not work");
    assertThat(unsubscribes.isUnsubscribed(email)).isFalse();

    String page = http.getForObject("/unsubscribe/" + token, String.class);
    assertThat(page).contains(email).contains("You receive surveys and review requests by e-mail");
  }

  @Test
  void aChineseGuestsPreferencesPageIsInChineseAndNamesTheHouse() {
    Property house = data.property("Asia/Shanghai", "zh-CN", "en");
    String email = data.uniqueEmail();
    URI link = URI.create(unsubscribes.urlFor(email, "zh-CN", house.id()));
    assertThat(link.getQuery()).isEqualTo("lang=zh-CN&house=" + house.id());

    String page = http.getForObject(link.getRawPath() + "?" + link.getRawQuery(), String.class);
    assertThat(page)
        .contains("lang=\"zh-CN\"")
        .contains("您的邮件偏好")
        .contains("您会通过电子邮件收到问卷和评价邀请。")
        .contains(house.name())
        .doesNotContain("You receive");

    // the choice keeps the page's language and house (the redirect is followed)
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    ResponseEntity<String> chosen =
        http.postForEntity(
            link.getRawPath() + "?" + link.getRawQuery(),
            new HttpEntity<>("choice=unsubscribe", headers),
            String.class);
    assertThat(unsubscribes.isUnsubscribed(email)).isTrue();
    assertThat(chosen.getBody())
        .contains("已保存。")
        .contains("您不会通过电子邮件收到问卷或评价邀请。")
        .contains(house.name());
  }

  static Instant at(Property property, LocalDate day, int hour, int minute) {
    return ZonedDateTime.of(day, LocalTime.of(hour, minute), property.timeZone()).toInstant();
  }
}
