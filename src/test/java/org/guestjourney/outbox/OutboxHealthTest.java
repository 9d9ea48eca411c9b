package org.guestjourney.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import org.guestjourney.booking.BookingService;
import org.guestjourney.property.Property;
import org.guestjourney.support.JourneyIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.web.server.LocalServerPort;

/** What waits for the engine shows on the health page, and goes when it is sent. */
class OutboxHealthTest extends JourneyIntegrationTest {

  @Autowired BookingService bookings;
  @Autowired OutboxDispatcher dispatcher;
  @Autowired OutboxHealth health;
  @LocalServerPort int port;

  @AfterEach
  void resumeDispatcher() {
    dispatcher.resume();
  }

  @Test
  void bookingsTheEngineHasNotTakenYetShowAsWaitingAndTheAppStaysUp() throws Exception {
    Property property = data.property("Europe/Rome", "en");
    LocalDate arrival = LocalDate.ofInstant(engine.now(), property.timeZone()).plusDays(20);
    await().atMost(Duration.ofSeconds(20)).until(() -> health.backlog().waiting() == 0);
    dispatcher.pause(); // as if the engine were slow or down

    for (int i = 0; i < 3; i++) {
      bookings.create(data.request(property, arrival, 2, data.uniqueEmail(), "en"));
    }

    var waiting = health.health();
    assertThat(waiting.getStatus()).isEqualTo(Status.UP);
    assertThat((Long) waiting.getDetails().get("waiting")).isGreaterThanOrEqualTo(3L);
    assertThat(waiting.getDetails()).containsKey("oldestWaitingSeconds");
    assertThat((Long) waiting.getDetails().get("oldestWaitingSeconds")).isBetween(0L, 60L);
    // the component is part of the app's health (its status for everyone, details for managers)
    HttpResponse<String> page =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(page.body()).contains("\"engineOutbox\":{\"status\":\"UP\"");

    dispatcher.resume();
    await().atMost(Duration.ofSeconds(30)).until(() -> health.backlog().waiting() == 0);
    assertThat(health.health().getDetails())
        .containsEntry("waiting", 0L)
        .doesNotContainKey("oldestWaitingSeconds");
  }
}
