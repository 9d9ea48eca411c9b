package org.guestjourney.studio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.guestjourney.guestrequest.GuestRequestJourney.TASK_HANDLE_GUEST_REQUEST;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.guestjourney.audit.AuditLog;
import org.guestjourney.booking.Booking;
import org.guestjourney.guestrequest.GuestRequest;
import org.guestjourney.guestrequest.GuestRequestService;
import org.guestjourney.modeler.JourneyModels;
import org.guestjourney.property.Property;
import org.guestjourney.support.GuestRequests;
import org.guestjourney.support.HeadlessChromium;
import org.guestjourney.support.JourneyIntegrationTest;
import org.guestjourney.support.Staff;
import org.guestjourney.tasklist.StaffTask;
import org.guestjourney.tasklist.StaffTaskService;
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
 * A manager changes a rule of the guest-request table in the studio's decision table editor
 * (dmn-js, in Debian's Chromium): requests for amenities (towels, a cot) go to the front desk
 * instead of housekeeping. Deployed, the next guest request for towels becomes the front desk's
 * task on the real engine. A rule naming a team that does not exist is refused and changes nothing.
 */
class StudioRulesBrowserTest extends JourneyIntegrationTest {

  private static final String TABLE = "guest-request-sla";

  @LocalServerPort int port;
  @Autowired JourneyModels models;
  @Autowired JdbcClient jdbc;
  @Autowired AuditLog audit;
  @Autowired GuestRequestService requests;
  @Autowired StaffTaskService tasks;
  WebDriver browser;
  WebDriverWait wait;

  @BeforeEach
  void openBrowser() {
    browser = HeadlessChromium.desktop();
    wait = new WebDriverWait(browser, Duration.ofSeconds(30));
  }

  @AfterEach
  void closeBrowserAndPutTheShippedTableBack() throws Exception {
    if (browser != null) {
      browser.quit();
    }
    jdbc.sql("delete from studio_draft").update();
    models.deployDecisions(
        TABLE + ".dmn", Files.readAllBytes(Path.of("bpmn", TABLE + ".dmn")), "test", "put back");
  }

  @Test
  void aManagerSendsTowelRequestsToTheFrontDeskAndTheNextRequestGoesThere() {
    Property property = data.property("Europe/Rome", "en");
    openTableAsManager();

    typeInCell("rule_amenities", "output_team", "\"front-desk\"");
    click("save-draft");
    awaitStatus("Draft saved.");
    assertThat(
            jdbc.sql("select content from studio_draft where kind = 'rules' and name = ?")
                .param(TABLE)
                .query(String.class)
                .single())
        .contains("\"front-desk\"");

    click("validate");
    awaitStatus("Ready to deploy.");
    browser.findElement(By.cssSelector("[data-testid=comment]")).sendKeys("Towels: front desk");
    click("deploy");
    awaitStatus("Deployed as version");

    assertThat(
            jdbc.sql(
                    "select origin || ' ' || deployed_by || ' ' || comment from decision_model"
                        + " where resource_name = ? order by deployed_seq desc limit 1")
                .param(TABLE + ".dmn")
                .query(String.class)
                .single())
        .isEqualTo("studio manager Towels: front desk");
    assertThat(
            audit.find(new AuditLog.Filter("manager", "DEPLOY", null, null, null, null), 5).stream()
                .map(e -> e.what())
                .toList())
        .anyMatch(
            w -> w.startsWith("Deployed decision table " + TABLE) && w.endsWith("front desk"));

    // a guest asks for towels: the request's process now gives the task to the front desk
    Booking booking = data.bookArrivingIn(property, 3, data.uniqueEmail());
    GuestRequest request =
        GuestRequests.started(
            requests, requests.raise(booking.id(), "amenities", "Two more towels, please"));
    StaffTask handle =
        new Staff(tasks).awaitOpenTask(request.processInstanceKey(), TASK_HANDLE_GUEST_REQUEST);
    assertThat(handle.candidateGroups()).containsExactly("front-desk");
  }

  @Test
  void aRuleNamingATeamThatDoesNotExistIsRefusedAndChangesNothing() {
    int versionsBefore =
        jdbc.sql("select count(*) from decision_model").query(Integer.class).single();
    openTableAsManager();

    typeInCell("rule_amenities", "output_team", "\"reception\"");
    click("deploy");
    awaitStatus("Not deployed");
    assertThat(
            browser
                .findElements(By.cssSelector("[data-testid=problems] li[data-severity=error]"))
                .stream()
                .map(WebElement::getText)
                .toList())
        .anyMatch(p -> p.contains("rule_amenities") && p.contains("team must be one of"));
    assertThat(jdbc.sql("select count(*) from decision_model").query(Integer.class).single())
        .isEqualTo(versionsBefore);
  }

  private void openTableAsManager() {
    browser.get(url("/studio/rules"));
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")))
        .sendKeys("manager");
    browser.findElement(By.id("password")).sendKeys("manager");
    browser.findElement(By.cssSelector("button[type=submit]")).click();
    WebElement row =
        wait.until(
            ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("[data-rules=" + TABLE + "]")));
    // the table in words: what it looks at and what it decides
    assertThat(row.getText()).contains("Looks at: Category (requestCategory)").contains("team");
    row.findElement(By.cssSelector("a")).click();
    wait.until(
        ExpectedConditions.attributeToBe(By.cssSelector("[data-editor]"), "data-ready", "true"));
  }

  /** Clicks a cell of the decision table and types its new value, as a manager does. */
  private void typeInCell(String rowId, String columnId, String value) {
    WebElement cell =
        wait.until(
            ExpectedConditions.elementToBeClickable(
                By.cssSelector("td[data-row-id='" + rowId + "'][data-col-id='" + columnId + "']")));
    cell.click();
    WebElement editor =
        wait.until(
            ExpectedConditions.elementToBeClickable(
                By.cssSelector(
                    "td[data-row-id='"
                        + rowId
                        + "'][data-col-id='"
                        + columnId
                        + "'] [contenteditable=true]")));
    editor.click();
    editor.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
    editor.sendKeys(value);
    wait.until(
        d -> modelXml(d).contains(value.replace("\"", "&#34;")) || modelXml(d).contains(value));
  }

  private static String modelXml(WebDriver d) {
    return String.valueOf(
        ((JavascriptExecutor) d)
            .executeScript("return window.studioRules.modeler.saveXML().then(r => r.xml);"));
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
