package org.guestjourney.journey;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;
import org.guestjourney.booking.Booking;
import org.guestjourney.booking.BookingRequest;
import org.guestjourney.booking.BookingRequest.GuestDetails;
import org.guestjourney.booking.BookingService;
import org.guestjourney.messaging.DeliveryState;
import org.guestjourney.messaging.MessageDelivery;
import org.guestjourney.messaging.MessageStep;
import org.guestjourney.property.Property;
import org.guestjourney.support.JourneyIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** The journey page answers "what was planned, what went out, and why not" for a booking. */
class JourneyPagesTest extends JourneyIntegrationTest {

  @Autowired TestRestTemplate anonymous;
  TestRestTemplate http;

  @org.junit.jupiter.api.BeforeEach
  void signIn() {
    http = org.guestjourney.support.SignedIn.as(anonymous, "manager", "manager");
  }

  @Autowired BookingService bookings;
  @Autowired org.guestjourney.complaint.ComplaintService complaints;

  @Test
  void showsEveryMessageWithItsStateAndTheReasonForWhatDidNotGo() {
    Property property = data.property("Europe/Rome", "en");
    LocalDate arrival = LocalDate.ofInstant(engine.now(), property.timeZone()).plusDays(1);
    Booking booking =
        data.book(
            new BookingRequest(
                property.id(),
                "PAGE-" + data.uniqueEmail(),
                "direct",
                arrival,
                arrival.plusDays(2),
                null,
                2,
                "<script>alert('page')</script>",
                new GuestDetails("Zoë <i>Page</i>", data.uniqueEmail(), null, "en")));
    data.awaitState(booking.id(), MessageStep.BOOKING_CONFIRMATION, DeliveryState.SENT);

    String page = http.getForObject("/bookings/" + booking.id(), String.class);

    assertThat(page).contains("data-step=\"booking-confirmation\" data-state=\"SENT\"");
    assertThat(page).contains("data-step=\"check-in-guide\" data-state=\"SKIPPED\"");
    assertThat(page).contains("it went with the booking confirmation");
    assertThat(page).contains("Zoë &lt;i&gt;Page&lt;/i&gt;").doesNotContain("<i>Page</i>");
    assertThat(page)
        .contains("&lt;script&gt;alert(&#39;page&#39;)&lt;/script&gt;")
        .doesNotContain("<script>alert");
  }

  @Test
  void showsAMessageExactlyAsTheGuestReadItInASandboxedFrame() {
    Property property = data.property("Europe/Rome", "en");
    Booking booking = data.bookArrivingIn(property, 7, data.uniqueEmail());
    MessageDelivery confirmation =
        data.awaitState(booking.id(), MessageStep.BOOKING_CONFIRMATION, DeliveryState.SENT);

    String page = http.getForObject("/messages/" + confirmation.id(), String.class);

    assertThat(page)
        .contains("data-testid=\"subject\">Your booking at " + property.name() + " is confirmed<");
    assertThat(page)
        .contains("<iframe class=\"mail\"")
        .contains("sandbox=\"\"")
        .contains("srcdoc=\"&lt;!DOCTYPE html&gt;");
    MessageDelivery guide = data.message(booking.id(), MessageStep.CHECK_IN_GUIDE);
    assertThat(http.getForObject("/messages/" + guide.id(), String.class))
        .contains("Preview: this message has not been written yet");
  }

  @Test
  void asksStrangersToSignInBeforeShowingGuestData() {
    ResponseEntity<String> response = anonymous.getForEntity("/bookings/1", String.class);
    // a browser is sent to the sign-in page, a script gets 401; nobody gets the booking
    boolean refused =
        response.getStatusCode() == HttpStatus.UNAUTHORIZED
            || (response.getBody() != null && response.getBody().contains("Sign in"));
    assertThat(refused).as("refused: " + response.getStatusCode()).isTrue();
    assertThat(response.getBody() == null ? "" : response.getBody())
        .doesNotContain("Journey: messages");
  }

  @Test
  void staffLogAComplaintFromTheBookingPage() {
    Property property = data.property("Europe/Rome", "en");
    Booking booking = data.bookArrivingIn(property, 3, data.uniqueEmail());
    ResponseEntity<String> response =
        submitPageForm(
            "/bookings/" + booking.id(),
            "/bookings/" + booking.id() + "/complaints",
            Map.of(
                "category", "cleanliness", "description", "Hair in the shower, said at the desk"));

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.FOUND);
    // its journey starts from the engine outbox, just after the page answered
    var logged =
        org.awaitility.Awaitility.await()
            .atMost(java.time.Duration.ofSeconds(30))
            .until(
                () -> complaints.forBooking(booking.id()),
                l -> l.size() == 1 && l.getFirst().processInstanceKey() != null);
    assertThat(logged)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.source()).isEqualTo("staff");
              assertThat(c.category()).isEqualTo("cleanliness");
              assertThat(c.processInstanceKey()).isNotNull();
            });
  }

  @Test
  void theBookingsPageSaysWhichChannelsAreReadyAndWhyOthersAreNot() {
    String page = http.getForObject("/", String.class);
    assertThat(page)
        .contains("<strong>E-mail</strong>:")
        .contains("SMS/WhatsApp disabled: no Twilio account configured");
  }

  @Test
  void answersNotFoundForAnUnknownBooking() {
    ResponseEntity<String> response = http.getForEntity("/bookings/987654", String.class);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(response.getBody()).contains("No booking 987654");
  }

  @Test
  void movesTimeFromThePageAndSendsWhatFellDue() {
    Property property = data.property("Europe/Rome", "en");
    Booking booking = data.bookArrivingIn(property, 4, data.uniqueEmail());
    data.awaitState(booking.id(), MessageStep.BOOKING_CONFIRMATION, DeliveryState.SENT);
    data.journeyOf(booking.id());

    ResponseEntity<String> response =
        submitPageForm(
            "/bookings/" + booking.id(),
            "/time/advance",
            Map.of("by", "P3D", "back", "/bookings/" + booking.id()));

    // back to the booking's journey page
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.FOUND);
    assertThat(response.getHeaders().getLocation().getPath())
        .isEqualTo("/bookings/" + booking.id());
    // the guide (three days before at 10:00) and possibly the reminder fell due on the way: sent
    // at their moment, not skipped as late
    MessageDelivery guide =
        data.awaitState(booking.id(), MessageStep.CHECK_IN_GUIDE, DeliveryState.SENT);
    assertThat(guide.sentAt()).isBetween(guide.plannedAt(), guide.plannedAt().plusSeconds(60));
  }

  ResponseEntity<String> submitPageForm(String page, String action, Map<String, String> fields) {
    return org.guestjourney.support.PageForms.submit(http, page, action, fields);
  }
}
