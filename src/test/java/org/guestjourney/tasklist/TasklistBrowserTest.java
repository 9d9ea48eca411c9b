package org.guestjourney.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import org.guestjourney.booking.Booking;
import org.guestjourney.booking.BookingRequest;
import org.guestjourney.booking.BookingRequest.GuestDetails;
import org.guestjourney.complaint.Complaint;
import org.guestjourney.complaint.ComplaintJourney;
import org.guestjourney.complaint.ComplaintRequest;
import org.guestjourney.complaint.ComplaintService;
import org.guestjourney.property.Property;
import org.guestjourney.support.HeadlessChromium;
import org.guestjourney.support.JourneyIntegrationTest;
import org.guestjourney.support.Staff;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A front-desk worker on a phone works a complaint task in headless Chromium (Debian's chromium and
 * chromedriver, no downloaded browser): signs in, opens the task, sees the guest's context, fills
 * the form and completes it, and the journey moves on.
 */
class TasklistBrowserTest extends JourneyIntegrationTest {

  @LocalServerPort int port;
  @Autowired ComplaintService complaints;
  @Autowired StaffTaskService tasks;
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

  @Test
  void frontDeskHandlesAComplaintFromThePhone() {
    Property property = data.property("Europe/Rome", "en");
    LocalDate today = LocalDate.ofInstant(engine.now(), property.timeZone());
    Booking booking =
        data.book(
            new BookingRequest(
                property.id(),
                "WEB-" + data.uniqueEmail(),
                "direct",
                today,
                today.plusDays(2),
                "Room 3",
                2,
                "<img src=x onerror=\"window.__pwned=1\"> quiet room",
                new GuestDetails(
                    "Mia <b>Bold</b> Rossi", data.uniqueEmail(), "+393401234567", "en")));
    Complaint complaint =
        org.guestjourney.support.Complaints.started(
            complaints,
            complaints.raise(
                new ComplaintRequest(
                    booking.id(),
                    "noise",
                    "Party next door <script>window.__pwned=2</script>",
                    "guest")));
    StaffTask task =
        new Staff(tasks)
            .awaitOpenTaskOfKind(
                complaint.processInstanceKey(), ComplaintJourney.KIND_RESOLVE_COMPLAINT);

    // sign in
    browser.get(url("/tasks"));
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")))
        .sendKeys("frontdesk");
    browser.findElement(By.id("password")).sendKeys("frontdesk");
    browser.findElement(By.cssSelector("button[type=submit]")).click();

    // the task list shows the task with its SLA
    // the list refreshes itself (server-sent events): read and click the card as it is now
    By card = By.cssSelector("[data-task='" + task.id() + "']");
    String cardText =
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class)
            .until(d -> d.findElement(card).isDisplayed() ? d.findElement(card).getText() : null);
    assertThat(cardText).contains("Urgent: call the guest now").contains("due in");
    wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class)
        .until(
            d -> {
              d.findElement(card).findElement(By.cssSelector("a.task-name")).click();
              return true;
            });

    // the guest's context, shown as text: nothing the guest typed runs
    WebElement context =
        wait.until(
            ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("[data-testid=guest-context]")));
    assertThat(browser.findElement(By.cssSelector("[data-testid=guest-name]")).getText())
        .isEqualTo("Mia <b>Bold</b> Rossi");
    assertThat(browser.findElement(By.cssSelector("[data-testid=special-requests]")).getText())
        .contains("<img src=x");
    assertThat(context.getText()).contains("Room 3");
    assertThat(browser.findElement(By.tagName("main")).getText())
        .contains("Party next door <script>");
    assertThat(((JavascriptExecutor) browser).executeScript("return window.__pwned === undefined"))
        .isEqualTo(true);

    browser.findElement(By.cssSelector("[data-testid=claim]")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.tagName("main"), "claimed by frontdesk"));

    // the form from forms/resolve-complaint.form, rendered by form-js
    wait.until(
        ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#task-form .fjs-form")));
    WebElement solution =
        browser.findElement(
            By.xpath(
                "//div[contains(@class,'fjs-form-field-textarea')][.//label[starts-with(normalize-space(.),'Solution')]]//textarea"));
    solution.sendKeys("Moved the guest to a quiet room");
    solution.sendKeys(org.openqa.selenium.Keys.TAB);
    WebElement contacted =
        browser.findElement(
            By.xpath(
                "//div[contains(@class,'fjs-form-field-checkbox')][.//label[contains(normalize-space(.),'contacted the guest')]]//input[@type='checkbox']"));
    ((JavascriptExecutor) browser)
        .executeScript("arguments[0].scrollIntoView({block:'center'})", contacted);
    contacted.click();
    WebElement complete =
        browser.findElement(
            By.cssSelector(
                "#task-form button.task-complete, #task-form .fjs-form button[type=submit]"));
    ((JavascriptExecutor) browser)
        .executeScript("arguments[0].scrollIntoView({block:'center'})", complete);
    complete.click();

    // back on the list; the journey moved on to the call-back
    wait.until(ExpectedConditions.urlToBe(url("/tasks")));
    StaffTask callBack =
        new Staff(tasks)
            .awaitOpenTask(complaint.processInstanceKey(), ComplaintJourney.TASK_CALL_BACK_GUEST);
    assertThat(callBack.bookingId()).isEqualTo(booking.id());
    StaffTask done = tasks.get(task.id(), Staff.MANAGER);
    assertThat(done.state()).isEqualTo(StaffTaskState.COMPLETED);
    assertThat(done.completedBy()).isEqualTo("frontdesk");
    assertThat(complaints.get(complaint.id()).solution())
        .isEqualTo("Moved the guest to a quiet room");
    assertThat(((JavascriptExecutor) browser).executeScript("return window.__pwned === undefined"))
        .isEqualTo(true);
  }
}
