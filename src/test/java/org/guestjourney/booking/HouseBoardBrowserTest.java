package org.guestjourney.booking;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.guestjourney.booking.BookingRequest.GuestDetails;
import org.guestjourney.property.Property;
import org.guestjourney.security.StaffAccountService;
import org.guestjourney.security.StaffRole;
import org.guestjourney.support.HeadlessChromium;
import org.guestjourney.support.JourneyIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The front desk sees the house at a glance on a phone in headless Chromium: today's arrivals,
 * guests staying and departures, another day by the date picker, and every booking with its stage,
 * searchable by guest name or reference, filtered by stage and paged.
 */
class HouseBoardBrowserTest extends JourneyIntegrationTest {

  static final String PASSWORD = "a-long-password-1234";

  @LocalServerPort int port;
  @Autowired StaffAccountService accounts;
  @Autowired BookingService bookingService;
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

  Booking book(Property house, String name, String room, LocalDate arrival, int nights) {
    return data.book(
        new BookingRequest(
            house.id(),
            "REF-" + UUID.randomUUID(),
            "direct",
            arrival,
            arrival.plusDays(nights),
            room,
            2,
            null,
            new GuestDetails(name, data.uniqueEmail(), "+393401234567", "en")));
  }

  List<String> ids(String section) {
    return browser
        .findElements(By.cssSelector("[data-testid=" + section + "] [data-booking]"))
        .stream()
        .map(e -> e.getAttribute("data-booking"))
        .toList();
  }

  String stageOf(Booking b) {
    return browser
        .findElement(By.cssSelector("[data-testid=bookings] [data-booking='" + b.id() + "']"))
        .getAttribute("data-stage");
  }

  @Test
  void theFrontDeskSeesTheHouseAtAGlance() {
    Property house = data.property("Europe/Rome", "en");
    String tag = UUID.randomUUID().toString().substring(0, 6);
    LocalDate today = LocalDate.ofInstant(engine.now(), house.timeZone());
    Booking leaving = book(house, "Luca Leaving " + tag, "1", today, 1);
    Booking staying = book(house, "Sara Staying " + tag, "2", today, 3);
    Booking marco = book(house, "Marco Rossi " + tag, "3", today.plusDays(1), 2);
    Booking later = book(house, "Lia Later " + tag, "4", today.plusDays(5), 2);
    Booking cancelled = book(house, "Carlo Cancelled " + tag, "5", today.plusDays(1), 2);
    bookingService.cancel(cancelled.id());
    engine.move(Duration.ofDays(1));
    LocalDate now = today.plusDays(1);

    String frontDesk = "board-" + tag;
    accounts.create(frontDesk, PASSWORD, StaffRole.FRONT_DESK, false, Set.of(house.id()), "test");
    browser.get(url("/today"));
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")))
        .sendKeys(frontDesk);
    browser.findElement(By.id("password")).sendKeys(PASSWORD);
    browser.findElement(By.cssSelector("button[type=submit]")).click();
    wait.until(
        ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=arrivals]")));

    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo(house.name() + ": today");
    assertThat(ids("arrivals")).containsExactly(String.valueOf(marco.id()));
    assertThat(ids("in-house")).containsExactly(String.valueOf(staying.id()));
    assertThat(ids("departures")).containsExactly(String.valueOf(leaving.id()));
    assertThat(browser.findElement(By.cssSelector("[data-testid=arrivals]")).getText())
        .contains("Marco Rossi " + tag)
        .contains("room 3")
        .contains("arrival time not known yet");
    assertThat(browser.findElement(By.tagName("main")).getText())
        .contains("Europe/Rome time")
        .doesNotContain("Carlo Cancelled");

    // the date picker: the day Lia arrives
    WebElement date = browser.findElement(By.cssSelector("[data-testid=board-date]"));
    ((org.openqa.selenium.JavascriptExecutor) browser)
        .executeScript("arguments[0].value = arguments[1]", date, now.plusDays(4).toString());
    browser.findElement(By.cssSelector("[data-testid=board-apply]")).click();
    wait.until(ExpectedConditions.urlContains("date=" + now.plusDays(4)));
    assertThat(ids("arrivals")).containsExactly(String.valueOf(later.id()));
    assertThat(ids("departures")).isEmpty();

    // every booking with its stage
    browser.get(url("/bookings"));
    assertThat(stageOf(leaving)).isEqualTo("DEPARTING_TODAY");
    assertThat(stageOf(staying)).isEqualTo("IN_HOUSE");
    assertThat(stageOf(marco)).isEqualTo("ARRIVING_TODAY");
    assertThat(stageOf(later)).isEqualTo("UPCOMING");
    assertThat(stageOf(cancelled)).isEqualTo("CANCELLED");
    assertThat(
            browser
                .findElement(
                    By.cssSelector("[data-testid=bookings] [data-booking='" + staying.id() + "']"))
                .getText())
        .contains("in house");

    // search by name, then by reference
    browser.findElement(By.cssSelector("[data-testid=booking-search]")).sendKeys("rossi " + tag);
    browser.findElement(By.cssSelector("[data-testid=booking-apply]")).click();
    wait.until(ExpectedConditions.urlContains("q="));
    assertThat(ids("bookings")).containsExactly(String.valueOf(marco.id()));
    WebElement search = browser.findElement(By.cssSelector("[data-testid=booking-search]"));
    search.clear();
    search.sendKeys(later.externalReference());
    browser.findElement(By.cssSelector("[data-testid=booking-apply]")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector("[data-testid=booking-count]"), "1 bookings"));
    assertThat(ids("bookings")).containsExactly(String.valueOf(later.id()));

    // filter by stage
    browser.get(url("/bookings"));
    new Select(browser.findElement(By.cssSelector("[data-testid=booking-stage]")))
        .selectByVisibleText("in house");
    browser.findElement(By.cssSelector("[data-testid=booking-apply]")).click();
    wait.until(ExpectedConditions.urlContains("stage=IN_HOUSE"));
    assertThat(ids("bookings")).containsExactly(String.valueOf(staying.id()));

    // pages of two: five bookings on three pages, none twice
    browser.get(url("/bookings?size=2"));
    List<String> seen = new java.util.ArrayList<>(ids("bookings"));
    browser.findElement(By.cssSelector("[data-testid=next-page]")).click();
    wait.until(ExpectedConditions.urlContains("page=2"));
    seen.addAll(ids("bookings"));
    browser.findElement(By.cssSelector("[data-testid=next-page]")).click();
    wait.until(ExpectedConditions.urlContains("page=3"));
    seen.addAll(ids("bookings"));
    assertThat(browser.findElements(By.cssSelector("[data-testid=next-page]"))).isEmpty();
    assertThat(seen)
        .containsExactlyInAnyOrder(
            String.valueOf(leaving.id()),
            String.valueOf(staying.id()),
            String.valueOf(marco.id()),
            String.valueOf(later.id()),
            String.valueOf(cancelled.id()));
  }
}
