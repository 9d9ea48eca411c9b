package org.guestjourney.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.guestjourney.booking.Booking;
import org.guestjourney.booking.BookingService;
import org.guestjourney.complaint.Complaint;
import org.guestjourney.complaint.ComplaintService;
import org.guestjourney.messaging.DeliveryState;
import org.guestjourney.messaging.MessageStep;
import org.guestjourney.property.Property;
import org.guestjourney.support.JourneyIntegrationTest;
import org.guestjourney.support.Mails;
import org.guestjourney.support.TestMailServer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** The quick survey as a guest answers it from the link in their message. */
class SurveyTest extends JourneyIntegrationTest {

  private static final Pattern LINK =
      Pattern.compile("http://localhost:8080(/survey/[A-Za-z0-9_-]+)");

  @Autowired TestRestTemplate http;
  @Autowired BookingService bookings;
  @Autowired ComplaintService complaints;
  @Autowired SurveyService surveys;

  /** A guest in the house who has just received the quick survey; returns the link's path. */
  String quickSurveyLinkFor(Booking booking, Property property, String email) throws Exception {
    LocalDate arrival = booking.arrivalDate();
    engine.moveTo(ZonedDateTime.of(arrival, LocalTime.of(15, 1), property.timeZone()).toInstant());
    data.awaitState(booking.id(), MessageStep.WELCOME, DeliveryState.SENT);
    engine.moveTo(
        ZonedDateTime.of(arrival.plusDays(1), LocalTime.of(9, 31), property.timeZone())
            .toInstant());
    data.awaitState(booking.id(), MessageStep.QUICK_SURVEY, DeliveryState.SENT);
    String mail =
        TestMailServer.to(email).stream()
            .map(
                m -> {
                  try {
                    return Mails.body(m);
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                })
            .filter(b -> b.contains("/survey/"))
            .findFirst()
            .orElseThrow();
    Matcher link = LINK.matcher(mail);
    assertThat(link.find()).isTrue();
    return link.group(1);
  }

  Booking guestArrivingTomorrow(Property property, String email) {
    Booking booking =
        data.book(
            data.request(
                property,
                LocalDate.ofInstant(engine.now(), property.timeZone()).plusDays(1),
                3,
                email,
                "en"));
    data.journeyOf(booking.id());
    bookings.recordArrivalTime(booking.id(), "16:00");
    data.awaitState(booking.id(), MessageStep.BOOKING_CONFIRMATION, DeliveryState.SENT);
    return booking;
  }

  /** Posts answers as the page's script does: JSON, with the page's CSRF token and session. */
  ResponseEntity<String> answer(String path, Map<String, Object> answers) {
    ResponseEntity<String> page = http.getForEntity(path, String.class);
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    String cookie = page.getHeaders().getFirst(HttpHeaders.SET_COOKIE);
    if (cookie != null) {
      headers.add(HttpHeaders.COOKIE, cookie.split(";")[0]);
    }
    Matcher csrf =
        Pattern.compile("name=\"_csrf\" content=\"([^\"]+)\"")
            .matcher(page.getBody() == null ? "" : page.getBody());
    if (csrf.find()) {
      headers.add("X-CSRF-TOKEN", csrf.group(1));
    }
    return http.postForEntity(
        path + "/answers", new HttpEntity<>(Map.of("data", answers), headers), String.class);
  }

  @Test
  void aLowScoreOpensTheComplaintJourneyWithWhatTheGuestWroteKeptAsText() throws Exception {
    Property property = data.property("Europe/Rome", "en");
    String email = data.uniqueEmail();
    Booking booking = guestArrivingTomorrow(property, email);
    String path = quickSurveyLinkFor(booking, property, email);

    ResponseEntity<String> page = http.getForEntity(path, String.class);
    assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(page.getBody()).contains("id=\"task-form\"").contains(path + "/answers");
    assertThat(http.getForObject(path + "/form", String.class)).contains("\"id\":\"quick-survey\"");

    ResponseEntity<String> sent =
        answer(
            path,
            Map.of(
                "firstNight",
                "1",
                "roomAsExpected",
                "3",
                "fixToday",
                "<script>alert(1)</script> the room smells"));
    assertThat(sent.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

    // the in-stay journey's "Low score answered" event opens it (LowScoreComplaintTest)
    Complaint complaint =
        await()
            .atMost(Duration.ofSeconds(10))
            .until(
                () -> complaints.forBooking(booking.id()),
                l -> !l.isEmpty() && l.getFirst().processInstanceKey() != null)
            .getFirst();
    assertThat(complaint.source()).isEqualTo("survey");
    assertThat(complaint.category()).isEqualTo("room");
    assertThat(complaint.description())
        .startsWith("<script>alert(1)</script> the room smells")
        .contains("firstNight 1/5");
    assertThat(complaint.processInstanceKey()).isNotNull();
  }

  @Test
  void aGoodScoreOpensNothingAndAnsweringAgainUpdatesTheAnswers() throws Exception {
    Property property = data.property("Europe/Rome", "en");
    String email = data.uniqueEmail();
    Booking booking = guestArrivingTomorrow(property, email);
    String path = quickSurveyLinkFor(booking, property, email);

    assertThat(answer(path, Map.of("firstNight", "5", "roomAsExpected", "4")).getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(
            answer(
                    path,
                    Map.of("firstNight", "4", "roomAsExpected", "4", "fixToday", "More pillows"))
                .getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);

    Invitation invitation = surveys.find(path.substring("/survey/".length())).orElseThrow();
    assertThat(surveys.previousAnswers(invitation))
        .containsEntry("firstNight", "4")
        .containsEntry("fixToday", "More pillows");
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(4))
        .until(() -> complaints.forBooking(booking.id()).isEmpty());
  }

  @Test
  void aMissingAnswerIsRefusedAndNothingIsStored() throws Exception {
    Property property = data.property("Europe/Rome", "en");
    String email = data.uniqueEmail();
    Booking booking = guestArrivingTomorrow(property, email);
    String path = quickSurveyLinkFor(booking, property, email);

    ResponseEntity<String> refused = answer(path, Map.of("roomAsExpected", "9"));
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(refused.getBody()).contains("firstNight").contains("roomAsExpected");
    assertThat(surveys.find(path.substring("/survey/".length())).orElseThrow().answeredAt())
        .isNull();
  }

  @Test
  void aForgedOrExpiredLinkGetsAFriendlyPageAndChangesNothing() throws Exception {
    String forged = "/survey/" + "x".repeat(43);
    assertThat(http.getForObject(forged, String.class)).contains("This link does not work");
    assertThat(answer(forged, Map.of("firstNight", "1", "roomAsExpected", "1")).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);

    Property property = data.property("Europe/Rome", "en");
    Booking booking = data.bookArrivingIn(property, 3, data.uniqueEmail());
    String path = URI.create(surveys.invite(booking.id(), SurveyKind.QUICK, "en")).getPath();
    engine.move(SurveyKind.QUICK.validFor().plusMinutes(1));

    assertThat(http.getForObject(path, String.class)).contains("This survey is closed now");
    assertThat(answer(path, Map.of("firstNight", "1", "roomAsExpected", "1")).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(surveys.find(path.substring("/survey/".length())).orElseThrow().answeredAt())
        .isNull();
    assertThat(complaints.forBooking(booking.id())).isEmpty();
  }

  @Test
  void aDraftKeepsOnlyTheFormsFieldsIsNoAnswerAndGoesOnceTheAnswersAreSent() {
    Property property = data.property("Europe/Rome", "en");
    Booking booking = data.bookArrivingIn(property, 2, data.uniqueEmail());
    String link = surveys.invite(booking.id(), SurveyKind.QUICK, "en");
    String token = link.substring(link.lastIndexOf('/') + 1);

    surveys.saveDraft(token, Map.of("firstNight", "9", "fixToday", "The lamp", "sneaky", "x"));

    Invitation drafted = surveys.find(token).orElseThrow();
    assertThat(surveys.previousAnswers(drafted)).isEqualTo(Map.of("fixToday", "The lamp"));
    assertThat(drafted.answeredAt()).isNull();
    assertThat(drafted.answers()).isNull();

    surveys.answer(token, Map.of("firstNight", "4", "roomAsExpected", "5", "fixToday", "Lamp"));

    Invitation answered = surveys.find(token).orElseThrow();
    assertThat(answered.draft()).isNull();
    assertThat(answered.answeredAt()).isNotNull();
    assertThat(surveys.previousAnswers(answered)).containsEntry("fixToday", "Lamp");
  }
}
