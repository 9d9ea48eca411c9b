package org.guestjourney.booking;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Set;
import java.util.UUID;
import org.guestjourney.property.Property;
import org.guestjourney.security.StaffAccountService;
import org.guestjourney.security.StaffRole;
import org.guestjourney.support.HeadlessChromium;
import org.guestjourney.support.JourneyIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The front desk creates a booking, changes its dates, records the arrival time and cancels it from
 * the pages on a phone in headless Chromium, under the API's rules: an invalid form stores nothing
 * and says what is wrong next to each field, keeping what was typed.
 */
class BookingFormBrowserTest extends JourneyIntegrationTest {

  static final String PASSWORD = "a-long-password-1234";

  @LocalServerPort int port;
  @Autowired StaffAccountService accounts;
  @Autowired BookingRepository bookings;
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

  WebElement field(String name) {
    return browser.findElement(By.cssSelector("[data-testid='field-" + name + "']"));
  }

  void type(String name, String value) {
    WebElement input = field(name);
    input.clear();
    input.sendKeys(value);
  }

  void setDate(String name, LocalDate date) {
    ((JavascriptExecutor) browser)
        .executeScript("arguments[0].value = arguments[1]", field(name), date.toString());
  }

  String errorOf(String name) {
    return browser.findElement(By.cssSelector("[data-field-error='" + name + "']")).getText();
  }

  boolean hasError(String name) {
    return !browser.findElements(By.cssSelector("[data-field-error='" + name + "']")).isEmpty();
  }

  void submit(String testId) {
    WebElement page = browser.findElement(By.tagName("html"));
    browser.findElement(By.cssSelector("[data-testid=" + testId + "]")).click();
    // the old page is gone: stale, or (Chromium, mid-navigation) a node of no document any more
    wait.until(
        d -> {
          try {
            page.isEnabled();
            return false;
          } catch (org.openqa.selenium.StaleElementReferenceException gone) {
            return true;
          } catch (org.openqa.selenium.WebDriverException e) {
            if (e.getMessage() != null
                && e.getMessage().contains("does not belong to the document")) {
              return true;
            }
            throw e;
          }
        });
    wait.until(ExpectedConditions.presenceOfElementLocated(By.tagName("h1")));
  }

  @Test
  void aBookingIsCreatedAndChangedFromThePages() {
    Property house = data.property("Europe/Rome", "en");
    String tag = UUID.randomUUID().toString().substring(0, 6);
    String reference = "DESK-" + tag;
    LocalDate today = LocalDate.ofInstant(engine.now(), house.timeZone());
    String frontDesk = "desk-" + tag;
    accounts.create(frontDesk, PASSWORD, StaffRole.FRONT_DESK, false, Set.of(house.id()), "test");

    browser.get(url("/bookings"));
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")))
        .sendKeys(frontDesk);
    browser.findElement(By.id("password")).sendKeys(PASSWORD);
    browser.findElement(By.cssSelector("button[type=submit]")).click();
    wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("[data-testid=new-booking]")))
        .click();
    wait.until(
        ExpectedConditions.visibilityOfElementLocated(
            By.cssSelector("[data-testid=booking-form]")));

    // an invalid form: every problem next to its field, nothing stored, what was typed kept
    new Select(field("propertyId")).selectByValue(String.valueOf(house.id()));
    setDate("arrivalDate", today.plusDays(10));
    setDate("departureDate", today.plusDays(8));
    type("externalReference", reference);
    type("guest.phone", "340 123 4567");
    type("specialRequests", "Late arrival, <b>around 22:00</b>");
    submit("booking-save");
    assertThat(browser.findElement(By.cssSelector("[data-testid=problem]")).getText())
        .contains("nothing was saved");
    assertThat(errorOf("guest.fullName")).isEqualTo("Required.");
    assertThat(errorOf("departureDate")).isEqualTo("Must be after the arrival.");
    assertThat(errorOf("guest.phone")).contains("+ and the country code");
    assertThat(hasError("arrivalDate")).isFalse();
    assertThat(field("guest.fullName").getAttribute("aria-invalid")).isEqualTo("true");
    assertThat(field("guest.phone").getAttribute("value")).isEqualTo("340 123 4567");
    assertThat(browser.findElement(By.id("specialRequests")).getAttribute("value"))
        .isEqualTo("Late arrival, <b>around 22:00</b>");
    assertThat(bookings.findByExternalReference(house.id(), reference)).isEmpty();

    // corrected: stored, and its journey starts
    type("guest.fullName", "Marco Rossi " + tag);
    type("guest.phone", "+393401234567");
    type("guest.email", "marco-" + tag + "@example.com");
    setDate("departureDate", today.plusDays(12));
    type("room", "3");
    submit("booking-save");
    wait.until(ExpectedConditions.urlMatches(".*/bookings/\\d+/change$"));
    assertThat(browser.findElement(By.cssSelector("[data-testid=saved]")).getText())
        .contains(reference, "journey has started");
    Booking created = bookings.findByExternalReference(house.id(), reference).orElseThrow();
    assertThat(created.arrivalDate()).isEqualTo(today.plusDays(10));
    assertThat(created.departureDate()).isEqualTo(today.plusDays(12));
    assertThat(created.room()).isEqualTo("3");
    assertThat(created.specialRequests()).isEqualTo("Late arrival, <b>around 22:00</b>");
    assertThat(data.journeyOf(created.id())).isPositive();

    // dates: an invalid change says why and changes nothing
    setDate("arrivalDate", today.minusDays(1));
    submit("dates-save");
    assertThat(errorOf("arrivalDate")).isEqualTo("Is in the past at the house.");
    assertThat(field("arrivalDate").getAttribute("value")).isEqualTo(today.minusDays(1).toString());
    assertThat(data.reload(created.id()).arrivalDate()).isEqualTo(today.plusDays(10));

    setDate("arrivalDate", today.plusDays(11));
    setDate("departureDate", today.plusDays(14));
    submit("dates-save");
    assertThat(browser.findElement(By.cssSelector("[data-testid=saved]")).getText())
        .contains(today.plusDays(11).toString());
    Booking moved = data.reload(created.id());
    assertThat(moved.arrivalDate()).isEqualTo(today.plusDays(11));
    assertThat(moved.departureDate()).isEqualTo(today.plusDays(14));
    assertThat(moved.revision()).isEqualTo(created.revision() + 1);

    // the arrival time, with the house's zone
    type("expectedArrival", "25:00");
    submit("arrival-save");
    assertThat(errorOf("expectedArrival")).isEqualTo("Write a time like 18:30.");
    assertThat(bookings.expectedArrival(created.id())).isEmpty();
    type("expectedArrival", "18:30");
    submit("arrival-save");
    assertThat(browser.findElement(By.cssSelector("[data-testid=arrival-time]")).getText())
        .isEqualTo("18:30 Europe/Rome");
    assertThat(bookings.expectedArrival(created.id())).contains(LocalTime.of(18, 30));

    // the journey page links here; cancelling stops the booking
    browser.findElement(By.cssSelector("[data-testid=journey-link]")).click();
    wait.until(
            ExpectedConditions.elementToBeClickable(By.cssSelector("[data-testid=change-booking]")))
        .click();
    wait.until(
            ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("[data-testid=cancel-booking]")))
        .click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector("[data-testid=status]"), "cancelled"));
    assertThat(data.reload(created.id()).status()).isEqualTo(BookingStatus.CANCELLED);
    assertThat(browser.findElements(By.cssSelector("[data-testid=dates-form]"))).isEmpty();
  }
}
