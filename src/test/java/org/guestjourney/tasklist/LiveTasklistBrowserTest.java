package org.guestjourney.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
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
import org.guestjourney.support.HeadlessChromium;
import org.guestjourney.support.JourneyIntegrationTest;
import org.guestjourney.support.Staff;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The tasklist and the menu's count update by server-sent events (ADR 0063) in headless Chromium: a
 * guest's request becomes a task and appears on the open page, pushed, not polled (the page records
 * what refreshed it), and the count in the menu follows.
 */
class LiveTasklistBrowserTest extends JourneyIntegrationTest {

  static final String PASSWORD = "a-long-password-1234";

  @LocalServerPort int port;
  @Autowired GuestRequestService requests;
  @Autowired StaffTaskService tasks;
  @Autowired StaffAccountService accounts;
  @Autowired TaskEvents events;
  WebDriver browser;

  @AfterEach
  void closeBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  void aNewTaskAppearsOnTheOpenTasklistByServerSentEvents() {
    Property house = data.property("Europe/Rome", "en");
    String tag = UUID.randomUUID().toString().substring(0, 6);
    LocalDate today = LocalDate.ofInstant(engine.now(), house.timeZone());
    Booking booking =
        data.book(
            new BookingRequest(
                house.id(),
                "LIVE-" + tag,
                "direct",
                today,
                today.plusDays(2),
                "5",
                2,
                null,
                new GuestDetails("Lia Live " + tag, data.uniqueEmail(), "+393401234567", "en")));
    String frontDesk = "live-" + tag;
    accounts.create(frontDesk, PASSWORD, StaffRole.MANAGER, false, Set.of(house.id()), "test");

    browser = HeadlessChromium.phone();
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    browser.get("http://localhost:" + port + "/tasks");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")))
        .sendKeys(frontDesk);
    browser.findElement(By.id("password")).sendKeys(PASSWORD);
    browser.findElement(By.cssSelector("button[type=submit]")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("task-list")));
    assertThat(browser.findElement(By.tagName("html")).getAttribute("data-live-updates"))
        .isEqualTo("events");
    String countBefore =
        browser.findElement(By.cssSelector("[data-testid=open-task-count]")).getText();
    wait.until(d -> events.listening() > 0);

    StaffTask task =
        new Staff(tasks)
            .awaitOpenTask(
                org.guestjourney.support.GuestRequests.started(
                        requests,
                        requests.raise(booking.id(), "amenities", "Two more towels " + tag))
                    .processInstanceKey(),
                GuestRequestJourney.TASK_HANDLE_GUEST_REQUEST);

    wait.until(
        ExpectedConditions.visibilityOfElementLocated(
            By.cssSelector("[data-task='" + task.id() + "']")));
    assertThat(browser.findElement(By.id("task-list")).getAttribute("data-refreshed-by"))
        .isEqualTo("events");
    // read the card as it is now: another pulse may swap the list again (stale element)
    String cardText =
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class)
            .until(d -> d.findElement(By.cssSelector("[data-task='" + task.id() + "']")).getText());
    assertThat(cardText).contains("Two more towels " + tag);
    wait.until(
        d ->
            !countBefore.equals(
                d.findElement(By.cssSelector("[data-testid=open-task-count]")).getText()));
    assertThat(
            Integer.parseInt(
                browser.findElement(By.cssSelector("[data-testid=open-task-count]")).getText()))
        .isEqualTo(Integer.parseInt(countBefore) + 1);
  }
}
