package org.guestjourney.studio;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import org.guestjourney.booking.Booking;
import org.guestjourney.messaging.DeliveryState;
import org.guestjourney.messaging.MessageDelivery;
import org.guestjourney.messaging.MessageStep;
import org.guestjourney.modeler.JourneyModel;
import org.guestjourney.modeler.JourneyModels;
import org.guestjourney.property.Property;
import org.guestjourney.support.HeadlessChromium;
import org.guestjourney.support.JourneyIntegrationTest;
import org.guestjourney.support.Mails;
import org.guestjourney.support.TestMailServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What issue #10 must show, on the real pages in Debian's Chromium: a manager changes the
 * day-before reminder's text (message text page) and its timer to 18:00 (modeler), sees the
 * simulation show 18:00 on a real booking next to the deployed 10:00, adds a "send guest message"
 * step from the element template and sees it in the simulation, deploys; a new booking's guest gets
 * the new text by e-mail at 18:00 house time; the booking pages say which version each guest is on;
 * the manager compares the versions and rolls back. A refused field is listed with its reason. With
 * {@code -Dstudio.screenshots=docs/images} the README's screenshots are taken on the way.
 */
class StudioMustShowBrowserTest extends JourneyIntegrationTest {

  private static final String TIMER = "timer_day_before_arrival";
  private static final String REMINDER = "task_send_day_before_reminder";
  private static final String NEW_TEXT = "See you tomorrow! The terrace is open until 23:00.";

  @LocalServerPort int port;
  @Autowired JourneyModels models;
  @Autowired JdbcClient jdbc;
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
  void theReminderMovesTo18WithANewTextIsSimulatedDeployedSentAt18AndRolledBack() throws Exception {
    Property property = data.property("Europe/Rome", "en");
    LocalDate arrival = LocalDate.ofInstant(engine.now(), property.timeZone()).plusDays(6);
    Booking earlier = data.book(data.request(property, arrival, 2, data.uniqueEmail(), "en"));
    data.awaitState(earlier.id(), MessageStep.BOOKING_CONFIRMATION, DeliveryState.SENT);
    int versionBefore = models.versions("pre-arrival").getFirst().number();
    signIn();

    // the reminder's text, on the house's message text page
    browser.get(url("/studio/messages/" + property.id() + "/day-before-reminder/en"));
    type(By.id("emailSubject"), "Tomorrow at Casa Studio");
    type(By.id("emailBody"), NEW_TEXT);
    browser.findElement(By.cssSelector("[data-testid=save]")).click();
    wait.until(
        ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=saved]")));

    // the timer, in the modeler; the simulation on the earlier booking shows 18:00 next to 10:00
    openPreArrival();
    typeTimerRule(
        "date and time(date and time(date(arrivalDate) - duration(\"P1D\"), time(\"18:00\")),"
            + " timeZone)");
    simulateOn(earlier);
    WebElement draftReminder = simulated("timeline-draft", REMINDER);
    assertThat(draftReminder.getAttribute("data-time")).isEqualTo("18:00");
    assertThat(draftReminder.getText())
        .contains(arrival.minusDays(1).getDayOfMonth() + " ")
        .contains("18:00 Europe/Rome");
    assertThat(simulated("timeline-deployed", REMINDER).getAttribute("data-time"))
        .isEqualTo("10:00");
    screenshot("studio-simulation.png", "[data-testid=simulation-panel]");

    // a step from the element template ("send guest message") shows in the draft's timeline only
    String added = addLocalTipsStepAfter(TIMER);
    assertThat(added).startsWith("Activity_");
    simulateOn(earlier);
    WebElement tips = simulated("timeline-draft", added);
    assertThat(tips.getText()).contains("Local tips");
    assertThat(tips.getAttribute("data-time")).isEqualTo("18:00");
    assertThat(
            browser.findElements(
                By.cssSelector("[data-testid=timeline-deployed] li[data-element='" + added + "']")))
        .isEmpty();
    script(
        "const m = window.studio.modeler;"
            + " m.get('modeling').removeElements([m.get('elementRegistry').get(arguments[0])]);",
        added);

    // a refused field is named with its reason (a tab pasted into the comment)
    script("document.querySelector('[data-testid=comment]').value = 'Reminder\\tat 18:00';");
    click("save-draft");
    awaitStatus("Not saved");
    assertThat(status()).contains("comment");
    assertThat(browser.findElement(By.cssSelector("[data-testid=problems]")).getText())
        .contains("comment: must be a single line");

    // deploy with a comment
    WebElement comment = browser.findElement(By.cssSelector("[data-testid=comment]"));
    comment.clear();
    comment.sendKeys("Reminder at 18:00 with the terrace");
    click("deploy");
    awaitStatus("Deployed as version " + (versionBefore + 1));
    wait.until(
        ExpectedConditions.presenceOfElementLocated(
            By.cssSelector(
                "[data-testid=versions] tr[data-version='" + (versionBefore + 1) + "']")));
    browser
        .findElement(
            By.cssSelector(
                "[data-testid=versions] tr[data-version='"
                    + (versionBefore + 1)
                    + "'] [data-testid=compare]"))
        .click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector("[data-testid=diff]"),
            "1 day before arrival, 10:00 (house setting) → 1 day before arrival, 18:00"));
    screenshot("studio-versions.png", "[data-testid=versions-panel]");

    // a new booking: the reminder with the new text reaches the guest at 18:00 house time
    String email = data.uniqueEmail();
    Booking booking = data.book(data.request(property, arrival, 2, email, "en"));
    data.awaitState(booking.id(), MessageStep.BOOKING_CONFIRMATION, DeliveryState.SENT);
    Instant reminderAt = data.plannedAt(booking.id(), MessageStep.DAY_BEFORE_REMINDER);
    assertThat(reminderAt.atZone(property.timeZone()).toLocalTime()).isEqualTo(LocalTime.of(18, 0));
    engine.moveTo(reminderAt.plusSeconds(60));
    MessageDelivery sent =
        data.awaitState(booking.id(), MessageStep.DAY_BEFORE_REMINDER, DeliveryState.SENT);
    assertThat(sent.sentAt()).isBetween(reminderAt, reminderAt.plus(Duration.ofMinutes(3)));
    assertThat(sent.sentAt().atZone(property.timeZone()).getHour()).isEqualTo(18);
    List<MimeMessage> mails = TestMailServer.to(email);
    MimeMessage reminder =
        mails.stream()
            .filter(m -> subject(m).equals("Tomorrow at Casa Studio"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("No reminder among " + mails.size() + " mails"));
    assertThat(Mails.visibleText(reminder)).contains(NEW_TEXT);

    // each booking's page says which version its pre-arrival journey runs on
    browser.get(url("/bookings/" + booking.id()));
    assertThat(
            wait.until(
                    ExpectedConditions.visibilityOfElementLocated(
                        By.cssSelector(
                            "[data-testid=journey-versions] [data-phase='Before arrival']")))
                .getText())
        .contains("version " + (versionBefore + 1) + " of ")
        .contains("Reminder at 18:00 with the terrace");
    browser.get(url("/bookings/" + earlier.id()));
    assertThat(
            wait.until(
                    ExpectedConditions.visibilityOfElementLocated(
                        By.cssSelector(
                            "[data-testid=journey-versions] [data-phase='Before arrival']")))
                .getText())
        .contains("version " + versionBefore + " of ");

    // roll back to the earlier version: deployed again as a new version, the reminder at 10:00
    openPreArrival();
    WebElement back =
        wait.until(
            ExpectedConditions.elementToBeClickable(
                By.cssSelector(
                    "[data-testid=versions] tr[data-version='"
                        + versionBefore
                        + "'] [data-testid=roll-back]")));
    browser.findElement(By.cssSelector("[data-testid=comment]")).sendKeys("Back to the morning");
    back.click();
    awaitStatus(
        "Rolled back: version "
            + versionBefore
            + " deployed again as version "
            + (versionBefore + 2));
    assertThat(
            JourneyModel.timerDate(
                    models.latest("pre-arrival").orElseThrow().node(TIMER).orElseThrow())
                .orElseThrow())
        .contains("time(dayBeforeReminderTime)");
    WebElement live =
        wait.until(
            ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("[data-testid=versions] tr[data-live=true]")));
    assertThat(live.getAttribute("data-version")).isEqualTo(String.valueOf(versionBefore + 2));
    assertThat(live.getText())
        .contains("Rolled back to version " + versionBefore + ": Back to the morning");
  }

  private void signIn() {
    browser.get(url("/studio/journeys"));
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")))
        .sendKeys("manager");
    browser.findElement(By.id("password")).sendKeys("manager");
    browser.findElement(By.cssSelector("button[type=submit]")).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-journey]")));
  }

  private void openPreArrival() {
    browser.get(url("/studio/journeys/pre-arrival"));
    wait.until(
        ExpectedConditions.visibilityOfElementLocated(
            By.cssSelector("[data-element-id='" + TIMER + "']")));
    wait.until(d -> Boolean.TRUE.equals(script("return window.studio && window.studio.ready;")));
  }

  private void simulateOn(Booking booking) {
    new Select(browser.findElement(By.cssSelector("[data-testid=simulate-booking]")))
        .selectByValue(String.valueOf(booking.id()));
    script(
        "document.querySelector('[data-testid=timeline-draft]').replaceChildren();"
            + " document.querySelector('[data-testid=status]').textContent = '';");
    click("simulate");
    awaitStatus("Simulated.");
  }

  private WebElement simulated(String timeline, String elementId) {
    return wait.until(
        ExpectedConditions.visibilityOfElementLocated(
            By.cssSelector("[data-testid=" + timeline + "] li[data-element='" + elementId + "']")));
  }

  /**
   * Adds a send task after {@code sourceId} with the modeler's API, applies our element template
   * ("send guest message") to it and names the message: what a manager does with the template
   * chooser and the properties panel.
   */
  private String addLocalTipsStepAfter(String sourceId) {
    return (String)
        script(
            """
            const m = window.studio.modeler;
            const registry = m.get('elementRegistry');
            const modeling = m.get('modeling');
            const templates = m.get('elementTemplates');
            const source = registry.get(arguments[0]);
            const template = templates.getAll().find((t) => t.id === 'org.guestjourney.guest-message');
            if (!template) {
              return 'no template among ' + templates.getAll().map((t) => t.id).join(', ');
            }
            // what the "append" menu does with a template: an element made from it, placed after
            const step = m.get('autoPlace').append(source, templates.createElement(template));
            modeling.updateLabel(step, 'Send local tips');
            const values = (step.businessObject.extensionElements || { values: [] }).values;
            const headers = values.find((v) => v.$type === 'zeebe:TaskHeaders');
            if (!headers) {
              return 'no headers: ' + values.map((v) => v.$type).join(', ');
            }
            const header = headers.get('values').find((h) => h.key === 'message');
            if (header) {
              modeling.updateModdleProperties(step, header, { value: 'local-tips' });
            } else {
              const added = m.get('moddle').create('zeebe:Header', { key: 'message', value: 'local-tips' });
              modeling.updateModdleProperties(step, headers, { values: [...headers.get('values'), added] });
            }
            return step.id;
            """,
            sourceId);
  }

  /** Selects the day-before timer on the canvas and types its rule in the properties panel. */
  private void typeTimerRule(String rule) {
    browser.findElement(By.cssSelector("[data-element-id='" + TIMER + "'] .djs-hit")).click();
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
                    script(
                        "const e = window.studio.modeler.get('elementRegistry').get(arguments[0]);"
                            + " return e.businessObject.eventDefinitions[0].timeDate.body;",
                        TIMER))
                .equals("=" + rule));
  }

  private void type(By field, String text) {
    WebElement e = wait.until(ExpectedConditions.visibilityOfElementLocated(field));
    e.clear();
    e.sendKeys(text);
  }

  private String url(String path) {
    return "http://localhost:" + port + path;
  }

  private Object script(String js, Object... args) {
    return ((JavascriptExecutor) browser).executeScript(js, args);
  }

  private void click(String testId) {
    browser.findElement(By.cssSelector("[data-testid=" + testId + "]")).click();
  }

  private String status() {
    return browser.findElement(By.cssSelector("[data-testid=status]")).getText();
  }

  private void awaitStatus(String text) {
    try {
      wait.until(
          ExpectedConditions.textToBePresentInElementLocated(
              By.cssSelector("[data-testid=status]"), text));
    } catch (RuntimeException e) {
      throw new AssertionError(
          "Status: "
              + status()
              + "; problems: "
              + browser.findElement(By.cssSelector("[data-testid=problems]")).getText(),
          e);
    }
  }

  private static String subject(MimeMessage m) {
    try {
      return m.getSubject();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** With -Dstudio.screenshots=DIR, the page around {@code selector} as DIR/name (README). */
  private void screenshot(String name, String selector) throws IOException {
    String dir = System.getProperty("studio.screenshots");
    if (dir == null || dir.isBlank()) {
      return;
    }
    script("document.querySelector(arguments[0]).scrollIntoView({block: 'end'});", selector);
    Files.createDirectories(Path.of(dir));
    Files.write(Path.of(dir, name), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    if (name.equals("studio-simulation.png")) {
      script("window.scrollTo(0, 0);");
      Files.write(
          Path.of(dir, "studio-modeler.png"),
          ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
  }
}
