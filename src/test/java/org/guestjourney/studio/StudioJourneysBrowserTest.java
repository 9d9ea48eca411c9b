package org.guestjourney.studio;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import org.guestjourney.audit.AuditLog;
import org.guestjourney.booking.Booking;
import org.guestjourney.messaging.DeliveryState;
import org.guestjourney.messaging.MessageStep;
import org.guestjourney.modeler.JourneyModel;
import org.guestjourney.modeler.JourneyModels;
import org.guestjourney.property.Property;
import org.guestjourney.support.HeadlessChromium;
import org.guestjourney.support.JourneyIntegrationTest;
import org.guestjourney.support.TestMailServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A manager changes the day-before reminder of the pre-arrival journey in the studio's modeler (the
 * Camunda 8 modeler with its properties panel, in Debian's Chromium), checks and deploys it; a new
 * booking then gets the reminder at the edited moment. A broken timer rule is marked on the canvas
 * and deployment is refused.
 */
class StudioJourneysBrowserTest extends JourneyIntegrationTest {

  private static final String TIMER = "timer_day_before_arrival";

  @LocalServerPort int port;
  @Autowired JourneyModels models;
  @Autowired JdbcClient jdbc;
  @Autowired AuditLog audit;
  WebDriver browser;
  WebDriverWait wait;

  @BeforeEach
  void openBrowser() {
    browser = HeadlessChromium.desktop();
    wait = new WebDriverWait(browser, Duration.ofSeconds(30));
  }

  @AfterEach
  void closeBrowserAndPutTheShippedJourneyBack() throws IOException {
    if (browser != null) {
      browser.quit();
    }
    jdbc.sql("delete from journey_draft").update();
    models.deploy(Map.of("pre-arrival.bpmn", Files.readAllBytes(Path.of("bpmn/pre-arrival.bpmn"))));
  }

  @Test
  void aManagerMovesTheDayBeforeReminderTo18AndANewBookingGetsItThen() {
    int versionBefore = models.latest("pre-arrival").orElseThrow().version();
    openPreArrivalAsManager();

    typeTimerRule(
        "date and time(date and time(date(arrivalDate) - duration(\"P1D\"), time(\"18:00\")),"
            + " timeZone)");
    click("save-draft");
    awaitStatus("Draft saved.");
    assertThat(
            jdbc.sql("select xml from journey_draft where bpmn_process_id = 'pre-arrival'")
                .query(String.class)
                .single())
        .contains("18:00");

    click("validate");
    awaitStatus("Ready to deploy.");
    browser.findElement(By.cssSelector("[data-testid=comment]")).sendKeys("Reminder at 18:00");
    click("deploy");
    awaitStatus("Deployed as version");

    JourneyModel latest = models.latest("pre-arrival").orElseThrow();
    assertThat(latest.version()).isGreaterThan(versionBefore);
    assertThat(JourneyModel.timerDate(latest.node(TIMER).orElseThrow()).orElseThrow())
        .contains("time(\"18:00\")");
    assertThat(
            audit.find(new AuditLog.Filter("manager", "DEPLOY", null, null, null, null), 5).stream()
                .map(e -> e.what())
                .toList())
        .anyMatch(
            w -> w.startsWith("Deployed journey pre-arrival") && w.endsWith("Reminder at 18:00"));

    // a new booking follows the deployed edit: the reminder at 18:00 the day before, not 10:00
    Property property = data.property("Europe/Rome", "en");
    LocalDate arrival = LocalDate.ofInstant(engine.now(), property.timeZone()).plusDays(6);
    String email = data.uniqueEmail();
    Booking booking = data.book(data.request(property, arrival, 2, email, "en"));
    data.awaitState(booking.id(), MessageStep.BOOKING_CONFIRMATION, DeliveryState.SENT);
    Instant reminderAt = data.plannedAt(booking.id(), MessageStep.DAY_BEFORE_REMINDER);
    assertThat(reminderAt.atZone(property.timeZone()).toLocalTime()).isEqualTo(LocalTime.of(18, 0));
    assertThat(reminderAt.atZone(property.timeZone()).toLocalDate())
        .isEqualTo(arrival.minusDays(1));
    engine.moveTo(reminderAt.minus(Duration.ofHours(7)));
    assertThat(data.messages(booking.id()))
        .noneMatch(
            m ->
                m.step().equals(MessageStep.DAY_BEFORE_REMINDER)
                    && m.state() == DeliveryState.SENT);
    engine.moveTo(reminderAt.plusSeconds(60));
    assertThat(
            data.awaitState(booking.id(), MessageStep.DAY_BEFORE_REMINDER, DeliveryState.SENT)
                .sentAt())
        .isBetween(reminderAt, reminderAt.plus(Duration.ofMinutes(3)));
    assertThat(TestMailServer.to(email)).hasSizeGreaterThanOrEqualTo(2);
  }

  @Test
  void aBrokenTimerRuleIsMarkedOnTheCanvasAndDeploymentIsRefused() {
    int versionBefore = models.latest("pre-arrival").orElseThrow().version();
    int rowsBefore = jdbc.sql("select count(*) from journey_model").query(Integer.class).single();
    openPreArrivalAsManager();

    typeTimerRule("date(arrivalDate) - duration(\"P1D\")");
    click("deploy");
    awaitStatus("Not deployed");

    WebElement badge =
        wait.until(
            ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("[data-testid=canvas-problem][data-element='" + TIMER + "']")));
    assertThat(badge.getAttribute("title")).contains("not a date and time");
    List<String> problems =
        browser
            .findElements(By.cssSelector("[data-testid=problems] li[data-severity=error]"))
            .stream()
            .map(WebElement::getText)
            .toList();
    assertThat(problems).anyMatch(p -> p.contains("Day before arrival") && p.contains("timer"));

    assertThat(models.latest("pre-arrival").orElseThrow().version()).isEqualTo(versionBefore);
    assertThat(jdbc.sql("select count(*) from journey_model").query(Integer.class).single())
        .isEqualTo(rowsBefore);
  }

  private void openPreArrivalAsManager() {
    browser.get(url("/studio/journeys"));
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")))
        .sendKeys("manager");
    browser.findElement(By.id("password")).sendKeys("manager");
    browser.findElement(By.cssSelector("button[type=submit]")).click();
    wait.until(
            ExpectedConditions.elementToBeClickable(By.cssSelector("[data-journey=pre-arrival] a")))
        .click();
    // the modeler shows the journey, with the bpmn.io watermark
    wait.until(
        ExpectedConditions.visibilityOfElementLocated(
            By.cssSelector("[data-element-id='" + TIMER + "']")));
    assertThat(browser.findElements(By.cssSelector(".bjs-powered-by"))).isNotEmpty();
  }

  /** Selects the day-before timer on the canvas and types its rule in the properties panel. */
  private void typeTimerRule(String rule) {
    browser.findElement(By.cssSelector("[data-element-id='" + TIMER + "'] .djs-hit")).click();
    // the properties panel's "Timer" group, opened
    WebElement group =
        wait.until(
            ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("[data-group-id=group-timer] .bio-properties-panel-group-header")));
    if (browser.findElements(By.cssSelector("[data-entry-id=timerEventDefinitionValue]")).stream()
        .noneMatch(WebElement::isDisplayed)) {
      group.click();
    }
    WebElement editor =
        wait.until(
            ExpectedConditions.elementToBeClickable(
                By.cssSelector(
                    "[data-entry-id=timerEventDefinitionValue] [contenteditable=true]")));
    editor.click();
    editor.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
    editor.sendKeys(rule);
    wait.until(
        d ->
            String.valueOf(
                    ((JavascriptExecutor) d)
                        .executeScript(
                            "const e = window.studio.modeler.get('elementRegistry').get(arguments[0]);"
                                + " return e.businessObject.eventDefinitions[0].timeDate.body;",
                            TIMER))
                .equals("=" + rule));
  }

  private void click(String testId) {
    browser.findElement(By.cssSelector("[data-testid=" + testId + "]")).click();
  }

  private void awaitStatus(String text) {
    try {
      wait.until(
          ExpectedConditions.textToBePresentInElementLocated(
              By.cssSelector("[data-testid=status]"), text));
    } catch (RuntimeException e) {
      throw new AssertionError(
          "Status: "
              + browser.findElement(By.cssSelector("[data-testid=status]")).getText()
              + "; problems: "
              + browser.findElement(By.cssSelector("[data-testid=problems]")).getText(),
          e);
    }
  }

  private String url(String path) {
    return "http://localhost:" + port + path;
  }
}
