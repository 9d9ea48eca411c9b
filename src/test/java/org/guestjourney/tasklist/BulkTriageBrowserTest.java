package org.guestjourney.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.guestjourney.booking.Booking;
import org.guestjourney.booking.BookingRequest;
import org.guestjourney.booking.BookingRequest.GuestDetails;
import org.guestjourney.guestrequest.GuestRequestJourney;
import org.guestjourney.guestrequest.GuestRequestService;
import org.guestjourney.property.Property;
import org.guestjourney.security.StaffAccountService;
import org.guestjourney.security.StaffRole;
import org.guestjourney.security.StaffUser;
import org.guestjourney.support.GuestRequests;
import org.guestjourney.support.HeadlessChromium;
import org.guestjourney.support.JourneyIntegrationTest;
import org.guestjourney.support.Staff;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A manager on a phone chooses three housekeeping tasks and gives them to Anna; one of them Marco
 * completes after the manager ticked it. The page reports per task what happened ("2 assigned to
 * anna; 1 was already done"), and Anna, on a desktop on another staff page, sees her own count in
 * the menu go up without a reload (server-sent events, ADR 0066).
 */
class BulkTriageBrowserTest extends JourneyIntegrationTest {

  static final String PASSWORD = "a-long-password-1234";

  @LocalServerPort int port;
  @Autowired GuestRequestService requests;
  @Autowired StaffTaskService tasks;
  @Autowired StaffAccountService accounts;
  @Autowired TaskEvents events;
  WebDriver phone;
  WebDriver desktop;

  @AfterEach
  void closeBrowsers() {
    if (phone != null) {
      phone.quit();
    }
    if (desktop != null) {
      desktop.quit();
    }
  }

  String url(String path) {
    return "http://localhost:" + port + path;
  }

  String account(StaffRole role, Property house, String name) {
    String username = name + "-" + UUID.randomUUID().toString().substring(0, 6);
    accounts.create(username, PASSWORD, role, false, Set.of(house.id()), "test");
    return username;
  }

  void signIn(WebDriver browser, WebDriverWait wait, String path, String username) {
    browser.get(url(path));
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys(username);
    browser.findElement(By.id("password")).sendKeys(PASSWORD);
    browser.findElement(By.cssSelector("button[type=submit]")).click();
    wait.until(ExpectedConditions.urlContains(path));
  }

  /** The element's text as it is now: the list may be swapped by a live refresh at any moment. */
  static String textOf(WebDriverWait wait, By what) {
    return wait.ignoring(StaleElementReferenceException.class)
        .until(d -> d.findElement(what).getText());
  }

  @Test
  void aManagerGivesThreeTasksToAnnaOneWasDoneMeanwhileAndAnnasCountGoesUpLive() {
    Property house = data.property("Europe/Rome", "en");
    String manager = account(StaffRole.MANAGER, house, "boss");
    String anna = account(StaffRole.HOUSEKEEPING, house, "anna");
    String marco = account(StaffRole.HOUSEKEEPING, house, "marco");
    LocalDate today = LocalDate.ofInstant(engine.now(), house.timeZone());
    Booking booking =
        data.book(
            new BookingRequest(
                house.id(),
                "BULKUI-" + UUID.randomUUID(),
                "direct",
                today,
                today.plusDays(2),
                "4",
                2,
                null,
                new GuestDetails("Ugo Bulk", data.uniqueEmail(), "+393401234511", "en")));
    Staff staff = new Staff(tasks);
    List<StaffTask> three =
        List.of("Two more towels", "A cot for the baby", "Softer pillows").stream()
            .map(
                text ->
                    staff.awaitOpenTask(
                        GuestRequests.started(
                                requests, requests.raise(booking.id(), "amenities", text))
                            .processInstanceKey(),
                        GuestRequestJourney.TASK_HANDLE_GUEST_REQUEST))
            .toList();
    StaffTask pillows = three.get(2);

    // Anna works on a desktop, on the Today page: nothing of hers yet
    desktop = HeadlessChromium.desktop();
    WebDriverWait annaWait = new WebDriverWait(desktop, Duration.ofSeconds(30));
    signIn(desktop, annaWait, "/today", anna);
    By annasCount = By.cssSelector("[data-testid=my-task-count]");
    assertThat(desktop.findElement(annasCount).isDisplayed()).isFalse();
    ((JavascriptExecutor) desktop).executeScript("window.notReloaded = true;");

    // the manager, on a phone, ticks the three cards
    phone = HeadlessChromium.phone();
    WebDriverWait wait = new WebDriverWait(phone, Duration.ofSeconds(30));
    signIn(phone, wait, "/tasks", manager);
    for (StaffTask task : three) {
      By pick = By.cssSelector("[data-task='" + task.id() + "'] label.pick");
      wait.ignoring(StaleElementReferenceException.class)
          .until(
              d -> {
                d.findElement(pick).click();
                return d.findElement(By.id("pick-" + task.id())).isSelected();
              });
    }
    assertThat(textOf(wait, By.cssSelector("[data-testid=bulk-chosen]"))).isEqualTo("3 chosen");

    // meanwhile Marco completes the pillows; the manager's list drops that card by itself
    staff.complete(
        pillows,
        new StaffUser(marco, StaffRole.HOUSEKEEPING.groups()),
        Map.of("actionTaken", "Brought two", "solved", true));
    wait.until(
        d ->
            d.findElements(By.cssSelector("[data-testid=tasks] [data-task='" + pillows.id() + "']"))
                .isEmpty());
    assertThat(textOf(wait, By.cssSelector("[data-testid=bulk-chosen]")))
        .as("the task that left the list stays chosen")
        .isEqualTo("3 chosen");

    new Select(phone.findElement(By.cssSelector("[data-testid=bulk-assignee]")))
        .selectByValue(anna);
    phone.findElement(By.cssSelector("[data-testid=bulk-assign]")).click();
    WebElement report =
        wait.until(
            ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("[data-testid=bulk-report]")));
    assertThat(report.findElement(By.cssSelector("[data-testid=bulk-summary]")).getText())
        .isEqualTo("2 assigned to " + anna + "; 1 was already done.");
    assertThat(
            report
                .findElement(By.cssSelector("[data-result-task='" + pillows.id() + "']"))
                .getText())
        .contains("Softer pillows")
        .contains("already done by " + marco);
    assertThat(
            report
                .findElement(By.cssSelector("[data-result-task='" + three.get(0).id() + "']"))
                .getText())
        .contains("Two more towels")
        .contains("assigned to " + anna);
    assertThat(tasks.get(three.get(0).id(), Staff.MANAGER).assignee()).isEqualTo(anna);
    assertThat(tasks.get(three.get(1).id(), Staff.MANAGER).assignee()).isEqualTo(anna);
    assertThat(tasks.get(pillows.id(), Staff.MANAGER).completedBy()).isEqualTo(marco);
    assertThat(pageWidth(phone)).isLessThanOrEqualTo(windowWidth(phone));
    // the report and the bulk bar pass axe's WCAG 2.2 rules, target size included, on the phone
    assertThat(axeViolations(phone)).isEmpty();

    // Anna's menu says two are hers, without a reload
    annaWait.until(ExpectedConditions.visibilityOfElementLocated(annasCount));
    annaWait.until(ExpectedConditions.textToBe(annasCount, "2"));
    assertThat(((JavascriptExecutor) desktop).executeScript("return window.notReloaded === true;"))
        .isEqualTo(true);
    // said once politely (a screen reader hears it), not on every heartbeat
    annaWait.until(
        d ->
            d.findElement(By.cssSelector("[data-testid=live-counts]"))
                .getAttribute("textContent")
                .contains("A task was given to you: you have 2 now."));
  }

  /** axe-core (installed by the build's npm ci) on the page as it is: WCAG 2.0–2.2 A and AA. */
  @SuppressWarnings("unchecked")
  List<String> axeViolations(WebDriver browser) {
    JavascriptExecutor js = (JavascriptExecutor) browser;
    try {
      js.executeScript(
          java.nio.file.Files.readString(
              java.nio.file.Path.of("node_modules", "axe-core", "axe.min.js")));
    } catch (java.io.IOException e) {
      throw new IllegalStateException("axe-core is installed by npm ci (package.json)", e);
    }
    browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
    return (List<String>)
        js.executeAsyncScript(
            """
            var done = arguments[arguments.length - 1];
            axe.run(document, {
              runOnly: { type: 'tag',
                values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'] },
              rules: { 'target-size': { enabled: true } },
              resultTypes: ['violations']
            }).then(function (r) {
              done(r.violations.map(function (v) {
                return v.id + ' — ' + v.nodes.slice(0, 3).map(function (n) {
                  return n.target.join(' ') + ' ' + (n.failureSummary || '');
                }).join('; ');
              }));
            }, function (e) { done(['axe failed: ' + e]); });
            """);
  }

  long windowWidth(WebDriver browser) {
    return (Long) ((JavascriptExecutor) browser).executeScript("return window.innerWidth;");
  }

  long pageWidth(WebDriver browser) {
    return (Long)
        ((JavascriptExecutor) browser)
            .executeScript("return document.documentElement.scrollWidth;");
  }
}
