package org.guestjourney.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.guestjourney.booking.Booking;
import org.guestjourney.property.Property;
import org.guestjourney.support.JourneyIntegrationTest;
import org.guestjourney.support.SignedIn;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

/**
 * Staff pages name no environment variables, configuration keys or rule files: SMS is not set up in
 * these tests, and the pages say so in words.
 */
class StaffPagesSpeakPlainlyTest extends JourneyIntegrationTest {

  static final Pattern DEVELOPER_WORDS =
      Pattern.compile("GUEST_?JOURNEY_[A-Z]|SPRING_[A-Z]|--guest-journey|POST /api|DMN|\\.dmn");

  @Autowired TestRestTemplate http;

  @Test
  void theBookingsChannelsFeedbackAndBoardPagesSayWhatToDoInWords() {
    Property house = data.property("Europe/Rome", "en");
    Booking booking = data.bookArrivingIn(house, 3, data.uniqueEmail());
    TestRestTemplate manager = SignedIn.as(http, "manager");

    String index = manager.getForObject("/", String.class);
    assertThat(index).contains("whoever runs the app sets this up");
    for (String path :
        new String[] {
          "/",
          "/bookings/" + booking.id(),
          "/bookings",
          "/today",
          "/tasks",
          "/feedback",
          "/account/alerts",
          "/properties/" + house.id() + "/settings"
        }) {
      String page = manager.getForObject(path, String.class);
      assertThat(DEVELOPER_WORDS.matcher(page).results().map(r -> r.group()).toList())
          .as(path)
          .isEmpty();
    }
  }
}
