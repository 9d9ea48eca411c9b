package org.guestjourney.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.guestjourney.booking.Booking;
import org.guestjourney.booking.BookingRequest;
import org.guestjourney.booking.BookingRequest.GuestDetails;
import org.guestjourney.property.Property;
import org.guestjourney.support.JourneyIntegrationTest;
import org.guestjourney.support.Mails;
import org.guestjourney.support.TestMailServer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Guest e-mails as they arrive at a real SMTP server: language, personal data, escaping, no
 * repeats.
 */
class GuestEmailTest extends JourneyIntegrationTest {

  @Autowired MessagingService messaging;

  MimeMessage confirmationFor(Property property, String name, String language, String requests) {
    String email = data.uniqueEmail();
    LocalDate arrival = LocalDate.ofInstant(engine.now(), property.timeZone()).plusDays(12);
    Booking booking =
        data.book(
            new BookingRequest(
                property.id(),
                "REF-" + email,
                "airbnb",
                arrival,
                arrival.plusDays(4),
                "Room 7",
                3,
                requests,
                new GuestDetails(name, email, null, language)));
    data.awaitState(booking.id(), MessageStep.BOOKING_CONFIRMATION, DeliveryState.SENT);
    List<MimeMessage> received = TestMailServer.to(email);
    assertThat(received).hasSize(1);
    return received.getFirst();
  }

  @Test
  void writesToAChineseSpeakingGuestInSimplifiedChinese() throws Exception {
    Property property = data.property("Asia/Shanghai", "zh-CN", "en");
    MimeMessage mail = confirmationFor(property, "王小明", "zh-CN", "需要一张婴儿床");

    assertThat(mail.getSubject()).isEqualTo("您在" + property.name() + "的预订已确认");
    assertThat(mail.getHeader("Content-Language")[0]).isEqualTo("zh-CN");
    String body = Mails.visibleText(mail);
    assertThat(body).contains("王小明，您好").contains("预订条款").contains("需要一张婴儿床").contains("Room 7");
    assertThat(body).containsPattern("\\d{4}年\\d{1,2}月\\d{1,2}日 星期.");
  }

  @Test
  void writesInThePropertysLanguageWhenItDoesNotSpeakTheGuests() throws Exception {
    Property property = data.property("Europe/Rome", "en");
    MimeMessage mail = confirmationFor(property, "王小明", "zh-CN", null);
    assertThat(mail.getSubject()).isEqualTo("Your booking at " + property.name() + " is confirmed");
    assertThat(Mails.visibleText(mail))
        .contains("Dear 王小明")
        .contains("Free cancellation until 7 days before arrival");
  }

  @Test
  void personalisesAndComesFromThePropertyWithItsContactAsReplyTo() throws Exception {
    Property property = data.property("Europe/Rome", "en");
    MimeMessage mail = confirmationFor(property, "Lena Berger", "en", "Quiet room, please");
    InternetAddress from = (InternetAddress) mail.getFrom()[0];
    assertThat(from.getPersonal()).isEqualTo(property.name());
    assertThat(((InternetAddress) mail.getReplyTo()[0]).getAddress())
        .isEqualTo(property.contactEmail());
    assertThat(mail.getMessageID()).endsWith("booking-confirmation@guest-journey>");
    String body = Mails.visibleText(mail);
    assertThat(body)
        .contains("Dear Lena Berger,")
        .contains("Quiet room, please")
        .contains("Nights 4");
  }

  @Test
  void escapesWhatTheGuestTyped() throws Exception {
    Property property = data.property("Europe/Rome", "en");
    MimeMessage mail =
        confirmationFor(
            property,
            "Eve <b onmouseover=alert(1)>Hacker</b>",
            "en",
            "<script>alert('x')</script> & <img src=x onerror=alert(2)>");
    String body = Mails.body(mail);
    assertThat(body)
        .doesNotContain("<script>")
        .doesNotContain("<img")
        .doesNotContain("<b onmouseover");
    assertThat(body)
        .contains(
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(2)&gt;");
    assertThat(body).contains("Eve &lt;b onmouseover=alert(1)&gt;Hacker&lt;/b&gt;");
  }

  @Test
  void aRepeatedSendOfTheSameStepSendsNothingMore() throws Exception {
    Property property = data.property("Europe/Rome", "en");
    String email = data.uniqueEmail();
    Booking booking = data.bookArrivingIn(property, 9, email);
    MessageDelivery sent =
        data.awaitState(booking.id(), MessageStep.BOOKING_CONFIRMATION, DeliveryState.SENT);

    // what a retried or re-activated job would do
    GuestMessageRequest again =
        new GuestMessageRequest(booking.id(), sent.step(), sent.idempotencyKey(), Map.of());
    messaging.send(again);
    messaging.send(again);

    assertThat(TestMailServer.to(email)).hasSize(1);
    MessageDelivery after = data.message(booking.id(), MessageStep.BOOKING_CONFIRMATION);
    assertThat(after.attempts()).isEqualTo(sent.attempts()).isEqualTo(1);
    assertThat(after.sentAt()).isEqualTo(sent.sentAt());
  }
}
