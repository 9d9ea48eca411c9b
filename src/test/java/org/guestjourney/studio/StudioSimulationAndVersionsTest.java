package org.guestjourney.studio;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.guestjourney.booking.Booking;
import org.guestjourney.journey.JourneyRuns;
import org.guestjourney.messaging.DeliveryState;
import org.guestjourney.messaging.MessageStep;
import org.guestjourney.modeler.JourneyModels;
import org.guestjourney.property.Property;
import org.guestjourney.support.JourneyIntegrationTest;
import org.guestjourney.support.SignedIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The studio's simulation of a draft on a booking (the planner of the booking page, over the
 * draft), the journey's versions with who, when and why, the changes between two versions in words,
 * roll-back as a new version, and the version each phase of a booking runs on.
 */
class StudioSimulationAndVersionsTest extends JourneyIntegrationTest {

  private static final String SHIPPED_RULE =
      "date and time(date and time(date(arrivalDate) - duration(&quot;P1D&quot;),"
          + " time(dayBeforeReminderTime)), timeZone)";

  @Autowired TestRestTemplate anonymous;
  @Autowired JdbcClient jdbc;
  @Autowired JourneyModels models;
  @Autowired JourneyRuns runs;
  @Autowired ObjectMapper json;

  @AfterEach
  void shippedJourneyBack() throws Exception {
    jdbc.sql("delete from journey_draft").update();
    models.deploy(Map.of("pre-arrival.bpmn", Files.readAllBytes(Path.of("bpmn/pre-arrival.bpmn"))));
  }

  private static String shipped() throws Exception {
    return Files.readString(Path.of("bpmn/pre-arrival.bpmn"));
  }

  /** The shipped pre-arrival journey with the day-before reminder at {@code days} before, time. */
  private static String reminderAt(int days, String time) throws Exception {
    String xml = shipped();
    assertThat(xml).contains(SHIPPED_RULE);
    return xml.replace(
        SHIPPED_RULE,
        "date and time(date and time(date(arrivalDate) - duration(&quot;P"
            + days
            + "D&quot;), time(&quot;"
            + time
            + "&quot;)), timeZone)");
  }

  @Test
  void theDraftIsSimulatedOnARealBookingNextToTheDeployedVersion() throws Exception {
    Property property = data.property("Europe/Rome", "en");
    LocalDate arrival = LocalDate.ofInstant(engine.now(), property.timeZone()).plusDays(10);
    Booking booking = data.book(data.request(property, arrival, 2, data.uniqueEmail(), "en"));

    JsonNode sim =
        simulate(Map.of("xml", reminderAt(1, "18:00"), "bookingId", booking.id()), HttpStatus.OK);

    JsonNode draft = line(sim.path("draft"), "task_send_day_before_reminder");
    JsonNode deployed = line(sim.path("deployed"), "task_send_day_before_reminder");
    assertThat(draft.path("localTime").asText()).isEqualTo("18:00");
    assertThat(draft.path("at").asText())
        .contains(arrival.minusDays(1).getDayOfMonth() + " ")
        .endsWith("18:00 Europe/Rome");
    assertThat(deployed.path("localTime").asText()).isEqualTo("10:00");
    assertThat(sim.path("timeZone").asText()).isEqualTo("Europe/Rome");
    assertThat(sim.path("stay").asText()).contains("Booking " + booking.id());
    // the rest of the journey is the same in both
    assertThat(line(sim.path("draft"), "task_send_check_in_guide").path("at"))
        .isEqualTo(line(sim.path("deployed"), "task_send_check_in_guide").path("at"));
    // nothing was recorded for the booking by simulating
    assertThat(data.messages(booking.id()))
        .noneMatch(m -> m.step().equals(MessageStep.DAY_BEFORE_REMINDER));
  }

  @Test
  void quietHoursBudgetAndChannelAreSaidInTheSimulation() throws Exception {
    Property property = data.property("Europe/Rome", "en");
    LocalDate arrival = LocalDate.ofInstant(engine.now(), property.timeZone()).plusDays(20);
    Map<String, Object> madeUp = new HashMap<>();
    madeUp.put("propertyId", property.id());
    madeUp.put("arrival", arrival.toString());
    madeUp.put("departure", arrival.plusDays(3).toString());
    madeUp.put("partySize", 3);
    madeUp.put("language", "en");
    madeUp.put("channel", "email");

    // the reminder moved into quiet hours (23:30) waits for their end
    JsonNode sim = simulate(Map.of("xml", reminderAt(1, "23:30"), "madeUp", madeUp), HttpStatus.OK);
    JsonNode reminder = line(sim.path("draft"), "task_send_day_before_reminder");
    assertThat(reminder.path("outcome").asText()).isEqualTo("waits");
    assertThat(reminder.path("why").asText()).contains("Quiet hours").contains("wait until");
    assertThat(sim.path("stay").asText()).contains("A made-up stay").contains("E-mail");

    // a made-up guest on WhatsApp, a channel this installation does not offer here: skipped, why
    madeUp.put("channel", "whatsapp");
    JsonNode viaWhatsApp = simulate(Map.of("xml", shipped(), "madeUp", madeUp), HttpStatus.OK);
    assertThat(viaWhatsApp.path("draft").toString()).contains("\"outcome\":\"skipped\"");

    // with a budget of 2 messages, steps merge or are left out, and the simulation says so
    data.messageBudget(property, 2);
    madeUp.put("channel", "email");
    JsonNode tight = simulate(Map.of("xml", shipped(), "madeUp", madeUp), HttpStatus.OK);
    assertThat(tight.path("draft").toString())
        .containsAnyOf("\"outcome\":\"merged\"", "\"outcome\":\"left-out\"")
        .contains("message budget");
  }

  @Test
  void aDraftThatCannotBeReadOrAStayThatIsNotOneAreProblemsNamingTheField() throws Exception {
    ResponseEntity<String> unreadable =
        manager()
            .postForEntity(
                "/studio/journeys/pre-arrival/simulate",
                entity(Map.of("xml", "<not-bpmn", "bookingId", 1)),
                String.class);
    assertThat(unreadable.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(unreadable.getHeaders().getContentType().toString())
        .startsWith("application/problem+json");
    assertThat(json.readTree(unreadable.getBody()).path("errors").toString())
        .contains("\"field\":\"xml\"");

    Property property = data.property("Europe/Rome", "en");
    // a timer rule that gives no moment is said on the step, not silently moved
    Map<String, Object> stay =
        Map.of("propertyId", property.id(), "arrival", "2027-03-10", "departure", "2027-03-12");
    JsonNode broken =
        simulate(
            Map.of("xml", shipped().replace(SHIPPED_RULE, "date(arrivalDate)"), "madeUp", stay),
            HttpStatus.OK);
    JsonNode reminder = line(broken.path("draft"), "task_send_day_before_reminder");
    assertThat(reminder.path("outcome").asText()).isEqualTo("no-moment");
    assertThat(reminder.path("why").asText())
        .contains("Day before arrival")
        .contains("gives no moment for this stay");
    assertThat(
            line(broken.path("deployed"), "task_send_day_before_reminder").path("outcome").asText())
        .isNotEqualTo("no-moment");

    Map<String, Object> madeUp =
        Map.of("propertyId", property.id(), "arrival", "2027-03-10", "departure", "2027-03-09");
    JsonNode problem = simulate(Map.of("xml", shipped(), "madeUp", madeUp), HttpStatus.BAD_REQUEST);
    assertThat(problem.path("errors").toString()).contains("\"field\":\"madeUp.departure\"");
  }

  @Test
  void versionsKeepWhoWhenWhyTheirChangesInWordsAndARollBackIsANewVersion() throws Exception {
    int before = latestNumber();
    String earlierXml = models.version("pre-arrival", before).orElseThrow().xml();

    ResponseEntity<String> deployed =
        manager()
            .postForEntity(
                "/studio/journeys/pre-arrival/deploy",
                entity(Map.of("xml", reminderAt(2, "18:00"), "comment", "Two days ahead")),
                String.class);
    assertThat(deployed.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(json.readTree(deployed.getBody()).path("version").asInt()).isEqualTo(before + 1);

    JsonNode versions = get("/studio/journeys/pre-arrival/versions").path("versions");
    assertThat(versions.get(0).path("number").asInt()).isEqualTo(before + 1);
    assertThat(versions.get(0).path("deployedBy").asText()).isEqualTo("manager");
    assertThat(versions.get(0).path("comment").asText()).isEqualTo("Two days ahead");
    assertThat(versions.get(0).path("live").asBoolean()).isTrue();

    JsonNode changes =
        get("/studio/journeys/pre-arrival/diff?from=" + before + "&to=" + (before + 1))
            .path("changes");
    assertThat(changes).hasSize(1);
    assertThat(changes.get(0).path("kind").asText()).isEqualTo("changed");
    assertThat(changes.get(0).path("text").asText())
        .startsWith("Day-before reminder")
        .contains("1 day before arrival, 10:00 (house setting) → 2 days before arrival, 18:00");

    // roll back: the earlier XML deployed again as a new version, with a comment saying so
    ResponseEntity<String> back =
        manager()
            .postForEntity(
                "/studio/journeys/pre-arrival/versions/" + before + "/roll-back",
                entity(Map.of("comment", "Guests asked for the morning")),
                String.class);
    assertThat(back.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(json.readTree(back.getBody()).path("version").asInt()).isEqualTo(before + 2);
    JourneyModels.Version rolled = models.versions("pre-arrival").getFirst();
    assertThat(rolled.number()).isEqualTo(before + 2);
    assertThat(rolled.xml()).isEqualTo(earlierXml);
    assertThat(rolled.comment())
        .isEqualTo("Rolled back to version " + before + ": Guests asked for the morning");
    assertThat(models.latest("pre-arrival").orElseThrow().node("timer_day_before_arrival"))
        .isPresent();
    assertThat(
            get("/studio/journeys/pre-arrival/diff?from=" + before + "&to=" + (before + 2))
                .path("changes"))
        .isEmpty();

    // a model that fails the checks is not deployed: no version, nothing changed
    ResponseEntity<String> refused =
        manager()
            .postForEntity(
                "/studio/journeys/pre-arrival/deploy",
                entity(
                    Map.of(
                        "xml",
                        shipped().replace(SHIPPED_RULE, "date(arrivalDate)"),
                        "comment",
                        "broken")),
                String.class);
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
    assertThat(latestNumber()).isEqualTo(before + 2);
  }

  @Test
  void eachPhaseOfABookingSaysWhichVersionItRunsOn() throws Exception {
    ResponseEntity<String> deployed =
        manager()
            .postForEntity(
                "/studio/journeys/pre-arrival/deploy",
                entity(Map.of("xml", reminderAt(1, "18:00"), "comment", "Reminder at 18:00")),
                String.class);
    assertThat(deployed.getStatusCode()).isEqualTo(HttpStatus.OK);
    int number = json.readTree(deployed.getBody()).path("version").asInt();

    Property property = data.property("Europe/Rome", "en");
    LocalDate arrival = LocalDate.ofInstant(engine.now(), property.timeZone()).plusDays(8);
    Booking booking = data.book(data.request(property, arrival, 2, data.uniqueEmail(), "en"));
    data.awaitState(booking.id(), MessageStep.BOOKING_CONFIRMATION, DeliveryState.SENT);

    List<JourneyRuns.Run> phases = runs.of(booking.id());
    assertThat(phases).extracting(JourneyRuns.Run::processId).contains("pre-arrival");
    JourneyRuns.Run preArrival =
        phases.stream().filter(r -> r.processId().equals("pre-arrival")).findFirst().orElseThrow();
    assertThat(preArrival.version().orElseThrow().number()).isEqualTo(number);
    assertThat(preArrival.version().orElseThrow().comment()).isEqualTo("Reminder at 18:00");

    // a later deployment does not move the running journey
    shippedJourneyBack();
    assertThat(runs.of(booking.id()).getFirst().version().orElseThrow().number()).isEqualTo(number);

    String page = manager().getForObject("/bookings/" + booking.id(), String.class);
    assertThat(page)
        .contains("data-testid=\"journey-versions\"")
        .contains("version " + number + " of ")
        .contains("Reminder at 18:00");
  }

  private int latestNumber() {
    return models.versions("pre-arrival").getFirst().number();
  }

  private static JsonNode line(JsonNode lines, String elementId) {
    for (JsonNode l : lines) {
      if (l.path("elementId").asText().equals(elementId)) {
        return l;
      }
    }
    throw new AssertionError("No line for " + elementId + " in " + lines);
  }

  private JsonNode simulate(Map<String, Object> body, HttpStatus expected) throws Exception {
    ResponseEntity<String> answer =
        manager()
            .postForEntity("/studio/journeys/pre-arrival/simulate", entity(body), String.class);
    assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(expected);
    return json.readTree(answer.getBody());
  }

  private JsonNode get(String path) throws Exception {
    ResponseEntity<String> answer = manager().getForEntity(path, String.class);
    assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(HttpStatus.OK);
    return json.readTree(answer.getBody());
  }

  private TestRestTemplate manager() {
    return SignedIn.as(anonymous, "manager");
  }

  private static HttpEntity<Map<String, ?>> entity(Map<String, ?> body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    headers.setAccept(List.of(MediaType.APPLICATION_JSON));
    return new HttpEntity<>(body, headers);
  }
}
