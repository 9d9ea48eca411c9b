package org.guestjourney.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.guestjourney.booking.Booking;
import org.guestjourney.guestrequest.GuestRequest;
import org.guestjourney.guestrequest.GuestRequestJourney;
import org.guestjourney.guestrequest.GuestRequestService;
import org.guestjourney.property.Property;
import org.guestjourney.security.StaffAccountService;
import org.guestjourney.security.StaffRole;
import org.guestjourney.support.HeadlessChromium;
import org.guestjourney.support.JourneyIntegrationTest;
import org.guestjourney.support.Staff;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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
 * A manager of one house triages the tasklist on a phone in headless Chromium: specific titles,
 * urgency, category, excerpt, guest and room on each card; overdue first; filters; giving a task to
 * a named housekeeper; sorting; and a new task appearing in the open list (and the menu's count)
 * without a reload. The list refreshes itself at any moment: every read of a card reads it again
 * when a refresh swapped it out (stale element).
 */
class TaskTriageBrowserTest extends JourneyIntegrationTest {

  static final String PASSWORD = "a-long-password-1234";

  @LocalServerPort int port;
  @Autowired GuestRequestService requests;
  @Autowired StaffTaskService tasks;
  @Autowired StaffAccountService accounts;
  WebDriver browser;
  WebDriverWait wait;

  @BeforeEach
  void openBrowser() {
    browser = HeadlessChromium.phone();
    wait = new WebDriverWait(browser, Duration.ofSeconds(15));
  }

  @AfterEach
  void closeBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  String url(String path) {
    return "http://localhost:" + port + path;
  }

  String account(StaffRole role, Property house) {
    String username = "triage-" + UUID.randomUUID().toString().substring(0, 8);
    accounts.create(username, PASSWORD, role, false, Set.of(house.id()), "test");
    return username;
  }

  StaffTask handleTaskOf(GuestRequest request) {
    return new Staff(tasks)
        .awaitOpenTask(
            org.guestjourney.support.GuestRequests.started(requests, request).processInstanceKey(),
            GuestRequestJourney.TASK_HANDLE_GUEST_REQUEST);
  }

  /**
   * The cards' ids as the list is now. The list is swapped in place by live refreshes (server-sent
   * events) at any moment: a read that meets a swapped-out element reads again.
   */
  List<String> shownTaskIds() {
    return wait.ignoring(StaleElementReferenceException.class)
        .until(
            d ->
                d.findElements(By.cssSelector("[data-testid=tasks] [data-task]")).stream()
                    .map(e -> e.getAttribute("data-task"))
                    .toList());
  }

  /** What {@code read} finds in the task's card as it is now (read again after a live refresh). */
  String fromCard(StaffTask task, java.util.function.Function<WebElement, String> read) {
    return wait.ignoring(StaleElementReferenceException.class).until(d -> read.apply(card(task)));
  }

  @Test
  void aManagerTriagesTheHousesTasksOnAPhone() {
    Property house = data.property("Europe/Rome", "en");
    String manager = account(StaffRole.MANAGER, house);
    String housekeeper = account(StaffRole.HOUSEKEEPING, house);
    Booking marco = data.bookInRoom3Today(house);

    // a quiet-room request left for over an hour, then a smell of gas and a cot
    StaffTask noise =
        handleTaskOf(requests.raise(marco.id(), "noise", "Can we have a quieter room?"));
    engine.move(Duration.ofMinutes(61));
    StaffTask gas =
        handleTaskOf(requests.raise(marco.id(), "safety", "It smells of gas in the bathroom"));
    StaffTask cot =
        handleTaskOf(
            requests.raise(marco.id(), "amenities", "A cot for the baby <b>please</b>, thanks"));

    browser.get(url("/tasks"));
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys(manager);
    browser.findElement(By.id("password")).sendKeys(PASSWORD);
    browser.findElement(By.cssSelector("button[type=submit]")).click();
    wait.until(
        ExpectedConditions.visibilityOfElementLocated(
            By.cssSelector("[data-task='" + gas.id() + "']")));

    // the overdue task first, then the urgent one; the check-safety task for the manager too
    List<String> order = shownTaskIds();
    assertThat(order.getFirst()).isEqualTo(String.valueOf(noise.id()));
    assertThat(order.indexOf(String.valueOf(gas.id())))
        .isLessThan(order.indexOf(String.valueOf(cot.id())));

    assertThat(fromCard(gas, c -> c.findElement(By.cssSelector("a.task-name")).getText()))
        .isEqualTo("It smells of gas in the bathroom — room 3 — Marco Rossi");
    assertThat(fromCard(gas, WebElement::getText))
        .contains("urgent")
        .contains("safety")
        .contains("Handle guest request")
        .contains("due in")
        .contains("Europe/Rome")
        .contains(house.name());
    assertThat(
            fromCard(
                gas, c -> c.findElement(By.cssSelector("[data-testid=task-booking]")).getText()))
        .isEqualTo("Booking " + marco.externalReference());
    assertThat(fromCard(noise, WebElement::getText)).contains("overdue by");
    assertThat(fromCard(noise, c -> c.getAttribute("class"))).contains("breached");
    assertThat(fromCard(cot, c -> c.findElement(By.cssSelector("[data-testid=excerpt]")).getText()))
        .isEqualTo("“A cot for the baby <b>please</b>, thanks”");
    assertThat(browser.findElement(By.cssSelector("[data-testid=open-task-count]")).getText())
        .isEqualTo(String.valueOf(order.size()));

    // sorting: newest first puts the cot (raised last) before the gas, the noise (an hour older)
    // last
    new Select(browser.findElement(By.cssSelector("[data-testid=sort]"))).selectByValue("newest");
    browser.findElement(By.cssSelector("[data-testid=apply-filters]")).click();
    wait.until(ExpectedConditions.urlContains("sort=newest"));
    List<String> newest = shownTaskIds();
    assertThat(newest.getLast()).isEqualTo(String.valueOf(noise.id()));
    assertThat(newest.indexOf(String.valueOf(cot.id())))
        .isLessThan(newest.indexOf(String.valueOf(gas.id())));
    assertThat(
            new Select(browser.findElement(By.cssSelector("[data-testid=sort]")))
                .getFirstSelectedOption()
                .getText())
        .isEqualTo("newest first");
    // the page says how it orders the list: not "overdue first" when it is newest first
    assertThat(browser.findElement(By.tagName("main")).getText())
        .doesNotContain("Overdue tasks come first")
        .contains("This list updates by itself");
    browser.get(url("/tasks"));
    assertThat(browser.findElement(By.tagName("main")).getText())
        .contains("Overdue tasks come first");

    // filters: urgent only, overdue only, one kind
    new Select(browser.findElement(By.cssSelector("[data-testid=filter-urgency]")))
        .selectByValue("urgent");
    browser.findElement(By.cssSelector("[data-testid=apply-filters]")).click();
    wait.until(ExpectedConditions.urlContains("urgency=urgent"));
    assertThat(shownTaskIds())
        .contains(String.valueOf(gas.id()))
        .doesNotContain(String.valueOf(cot.id()), String.valueOf(noise.id()));

    browser.get(url("/tasks?overdue=true"));
    assertThat(shownTaskIds()).containsExactly(String.valueOf(noise.id()));

    browser.get(url("/tasks"));
    new Select(browser.findElement(By.cssSelector("[data-testid=filter-kind]")))
        .selectByVisibleText("Handle guest request");
    browser.findElement(By.cssSelector("[data-testid=apply-filters]")).click();
    wait.until(ExpectedConditions.urlContains("kind="));
    assertThat(shownTaskIds())
        .containsExactlyInAnyOrder(
            String.valueOf(noise.id()), String.valueOf(gas.id()), String.valueOf(cot.id()));

    // give the gas to a named housekeeper; take the noise request yourself
    browser.get(url("/tasks/" + gas.id()));
    assertThat(browser.findElement(By.cssSelector("[data-testid=task-title]")).getText())
        .isEqualTo("It smells of gas in the bathroom — room 3 — Marco Rossi");
    new Select(browser.findElement(By.cssSelector("[data-testid=assignee-choice]")))
        .selectByValue(housekeeper);
    browser.findElement(By.cssSelector("[data-testid=assign]")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector("[data-testid=done]"), "Given to " + housekeeper));
    assertThat(tasks.get(gas.id(), Staff.MANAGER).assignee()).isEqualTo(housekeeper);

    browser.get(url("/tasks/" + noise.id()));
    browser.findElement(By.cssSelector("[data-testid=claim]")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.tagName("main"), "claimed by " + manager));
    browser.get(url("/tasks?mine=true"));
    assertThat(shownTaskIds()).containsExactly(String.valueOf(noise.id()));

    // the open list refreshes itself: a new request shows up, and the menu counts it
    browser.get(url("/tasks"));
    int before = shownTaskIds().size();
    StaffTask towels =
        handleTaskOf(requests.raise(marco.id(), "amenities", "Two more towels, please"));
    new WebDriverWait(browser, Duration.ofSeconds(45))
        .until(
            ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("[data-task='" + towels.id() + "']")));
    assertThat(shownTaskIds()).hasSize(before + 1);
    assertThat(browser.findElement(By.cssSelector("[data-testid=open-task-count]")).getText())
        .isEqualTo(String.valueOf(before + 1));
    assertThat(((JavascriptExecutor) browser).executeScript("return document.readyState"))
        .isEqualTo("complete");
    assertThat(browser.findElement(By.id("task-list")).getAttribute("data-refreshed-at"))
        .as("refreshed in place, not reloaded")
        .isNotNull();
  }

  WebElement card(StaffTask task) {
    return browser.findElement(
        By.cssSelector("[data-testid=tasks] [data-task='" + task.id() + "']"));
  }
}
