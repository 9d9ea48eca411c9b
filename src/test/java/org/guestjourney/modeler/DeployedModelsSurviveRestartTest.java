package org.guestjourney.modeler;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.guestjourney.booking.Booking;
import org.guestjourney.clock.TimeMachine;
import org.guestjourney.messaging.DeliveryState;
import org.guestjourney.messaging.MessageStep;
import org.guestjourney.property.Property;
import org.guestjourney.support.StandaloneApp;
import org.guestjourney.support.TestData;
import org.guestjourney.support.TestMailServer;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A journey a manager deployed stays the journey after the app restarts (the embedded engine
 * forgets its deployments, the packaged files are still in the jar): the packaged files are
 * deployed again only when their content is new (ADR 0070).
 */
class DeployedModelsSurviveRestartTest {

  private static final String DAY_BEFORE = "timer_day_before_arrival";

  private final Path dataDirectory =
      Path.of("target/test-data/deployed-models-" + UUID.randomUUID());

  @Test
  void aManagersDeployedJourneyStaysLatestAfterRestartsUntilAPackagedFileChanges()
      throws Exception {
    byte[] edited =
        Files.readString(Path.of("bpmn/pre-arrival.bpmn"))
            .replace(
                "duration(&quot;P1D&quot;), time(dayBeforeReminderTime))",
                "duration(&quot;P1D&quot;), time(&quot;18:00&quot;))")
            .getBytes(StandardCharsets.UTF_8);
    assertThat(new String(edited, StandardCharsets.UTF_8)).contains("time(&quot;18:00&quot;)");
    int packagedVersions;

    // first run: a fresh installation gets the packaged models; the manager deploys an edit
    try (ConfigurableApplicationContext app =
        StandaloneApp.start(dataDirectory, TestMailServer.port())) {
      JourneyModels models = app.getBean(JourneyModels.class);
      assertThat(dayBeforeTimer(models)).contains("dayBeforeReminderTime");
      models.deploy(
          Map.of("pre-arrival.bpmn", edited),
          JourneyModels.Origin.STUDIO,
          "manager@example.com",
          "Reminder at 18:00");
      assertThat(dayBeforeTimer(models)).contains("time(\"18:00\")");
      packagedVersions = packagedRows(app);
      // the journey's history: the packaged version 1, the manager's version 2 (ADR 0072)
      assertThat(models.versions("pre-arrival"))
          .extracting(JourneyModels.Version::number, JourneyModels.Version::comment)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(2, "Reminder at 18:00"),
              org.assertj.core.groups.Tuple.tuple(1, null));
    }

    // second run on the same database: the manager's version is still the journey guests get
    try (ConfigurableApplicationContext app =
        StandaloneApp.start(dataDirectory, TestMailServer.port())) {
      JourneyModels models = app.getBean(JourneyModels.class);
      assertThat(dayBeforeTimer(models)).contains("time(\"18:00\")");
      assertThat(packagedRows(app))
          .as("unchanged packaged files are not deployed again")
          .isEqualTo(packagedVersions);
      assertThat(models.versions("pre-arrival"))
          .as("a restart restores version 2; it makes no new version")
          .extracting(JourneyModels.Version::number, JourneyModels.Version::deployedBy)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(2, "manager@example.com"),
              org.assertj.core.groups.Tuple.tuple(1, null));

      TestData data = TestData.of(app);
      TimeMachine time = app.getBean(TimeMachine.class);
      Property property = data.property("Europe/Rome", "en");
      LocalDate arrival = LocalDate.ofInstant(time.now(), property.timeZone()).plusDays(5);
      Booking booking = data.book(data.request(property, arrival, 2, data.uniqueEmail(), "en"));
      data.journeyOf(booking.id());
      org.awaitility.Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(
                          app
                              .getBean(org.guestjourney.journey.JourneyRuns.class)
                              .of(booking.id())
                              .stream()
                              .filter(r -> r.processId().equals("pre-arrival"))
                              .findFirst()
                              .flatMap(r -> r.version())
                              .map(JourneyModels.Version::number))
                      .as("the new booking runs on the manager's version")
                      .contains(2));
      Instant reminderAt = data.plannedAt(booking.id(), MessageStep.DAY_BEFORE_REMINDER);
      assertThat(reminderAt.atZone(property.timeZone()).toLocalTime())
          .isEqualTo(LocalTime.of(18, 0));
      assertThat(reminderAt.atZone(property.timeZone()).toLocalDate())
          .isEqualTo(arrival.minusDays(1));
      // the engine runs the restored version: nothing at 10:00, the reminder at 18:00
      time.jump(Duration.between(time.now(), reminderAt.minus(Duration.ofHours(7))));
      assertThat(data.messages(booking.id()))
          .noneMatch(
              m ->
                  m.step().equals(MessageStep.DAY_BEFORE_REMINDER)
                      && m.state() == DeliveryState.SENT);
      time.jump(Duration.between(time.now(), reminderAt.plusSeconds(30)));
      data.awaitState(booking.id(), MessageStep.DAY_BEFORE_REMINDER, DeliveryState.SENT);
    }

    // third run with a newer packaged in-stay journey: that one is deployed, the edit stays
    Path packaged = copyOfPackagedModels();
    Path inStay = packaged.resolve("in-stay.bpmn");
    Files.writeString(
        inStay,
        Files.readString(inStay)
            .replaceFirst("name=\"In-stay journey\"", "name=\"In-stay journey (new release)\""));
    assertThat(Files.readString(inStay)).contains("In-stay journey (new release)");
    try (ConfigurableApplicationContext app =
        StandaloneApp.start(
            dataDirectory,
            TestMailServer.port(),
            "guest-journey.modeler.packaged-models=file:" + packaged.toAbsolutePath() + "/*")) {
      JourneyModels models = app.getBean(JourneyModels.class);
      assertThat(dayBeforeTimer(models)).contains("time(\"18:00\")");
      assertThat(models.latest("in-stay").orElseThrow().process().getName())
          .isEqualTo("In-stay journey (new release)");
      assertThat(packagedRows(app)).isEqualTo(packagedVersions + 1);
      assertThat(models.versions("in-stay").getFirst().number()).isEqualTo(2);
      assertThat(models.versions("pre-arrival").getFirst().number()).isEqualTo(2);
    }
  }

  private static String dayBeforeTimer(JourneyModels models) {
    return JourneyModel.timerDate(
            models.latest("pre-arrival").orElseThrow().node(DAY_BEFORE).orElseThrow())
        .orElseThrow();
  }

  private static int packagedRows(ConfigurableApplicationContext app) {
    return app.getBean(JdbcClient.class)
        .sql("select count(*) from packaged_model")
        .query(Integer.class)
        .single();
  }

  private Path copyOfPackagedModels() throws IOException {
    Path target = dataDirectory.resolveSibling(dataDirectory.getFileName() + "-packaged");
    Files.createDirectories(target);
    try (Stream<Path> files = Files.list(Path.of("bpmn"))) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Files.copy(f, target.resolve(f.getFileName()));
      }
    }
    return target;
  }
}
