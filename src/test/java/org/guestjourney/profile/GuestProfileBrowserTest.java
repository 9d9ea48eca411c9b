package org.guestjourney.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.guestjourney.booking.Booking;
import org.guestjourney.booking.BookingRequest;
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
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A manager on a phone in headless Chromium: two bookings with the same e-mail are one guest with
 * two stays; a third booking with the same phone and another e-mail is "possibly the same guest",
 * which the manager merges; then adds a tag and a birthday and sees them on the profile.
 */
class GuestProfileBrowserTest extends JourneyIntegrationTest {

  static final String PASSWORD = "a-long-password-1234";

  @LocalServerPort int port;
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

  Booking book(Property house, String name, String email, String phone, int inDays) {
    LocalDate arrival = LocalDate.ofInstant(engine.now(), house.timeZone()).plusDays(inDays);
    return data.book(
        new BookingRequest(
            house.id(),
            "REF-" + UUID.randomUUID(),
            "direct",
            arrival,
            arrival.plusDays(2),
            null,
            2,
            null,
            new GuestDetails(name, email, phone, "en")));
  }

  List<String> stays() {
    return browser.findElements(By.cssSelector("[data-testid=stays] [data-booking]")).stream()
        .map(e -> e.getAttribute("data-booking"))
        .toList();
  }

  @Test
  void aManagerSeesOneGuestWithTwoStaysMergesThePossiblySameGuestAndTagsThem() {
    Property house = data.property("Europe/Rome", "en");
    String tag = UUID.randomUUID().toString().substring(0, 6);
    String name = "Giulia Conti " + tag;
    String email = data.uniqueEmail();
    String phone = GuestProfilesTest.phone();
    Booking first = book(house, name, email, phone, 10);
    Booking second = book(house, name, email, null, 60);
    Booking third = book(house, "G. Conti " + tag, data.uniqueEmail(), phone, 90);

    String manager = "profiles-" + tag;
    accounts.create(manager, PASSWORD, StaffRole.MANAGER, false, Set.of(house.id()), "test");
    browser.get(url("/bookings/" + first.id()));
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys(manager);
    browser.findElement(By.id("password")).sendKeys(PASSWORD);
    browser.findElement(By.cssSelector("button[type=submit]")).click();

    // from the booking to the guest: one guest, both stays
    wait.until(
            ExpectedConditions.elementToBeClickable(
                By.cssSelector("[data-testid=guest-profile-link]")))
        .click();
    wait.until(
        ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=stays]")));
    assertThat(browser.findElement(By.cssSelector("[data-testid=guest-name]")).getText())
        .isEqualTo(name);
    assertThat(stays())
        .containsExactlyInAnyOrder(String.valueOf(first.id()), String.valueOf(second.id()));
    assertThat(browser.findElement(By.cssSelector("[data-testid=tags]")).getText())
        .contains("returning");

    // possibly the same guest: same phone, another e-mail
    WebElement suggestion =
        browser.findElement(By.cssSelector("[data-testid=suggestions] [data-suggestion]"));
    assertThat(suggestion.getText()).contains("G. Conti " + tag).contains("same phone number");
    suggestion.findElement(By.cssSelector("[data-testid=merge]")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=done]")));
    assertThat(stays())
        .containsExactlyInAnyOrder(
            String.valueOf(first.id()), String.valueOf(second.id()), String.valueOf(third.id()));
    assertThat(browser.findElement(By.cssSelector("[data-testid=merges]")).getText())
        .contains("G. Conti " + tag)
        .contains(manager);

    // a tag and a birthday, and an allergy typed with markup stays text
    browser.findElement(By.cssSelector("[data-testid=tag-input]")).sendKeys("VIP");
    browser.findElement(By.cssSelector("[data-testid=tag-add]")).click();
    wait.until(
        ExpectedConditions.presenceOfElementLocated(
            By.cssSelector("[data-testid=tags] [data-tag=VIP]")));
    WebElement birthday = browser.findElement(By.cssSelector("[data-testid=birthday-input]"));
    ((JavascriptExecutor) browser)
        .executeScript("arguments[0].value = arguments[1]", birthday, "1985-04-23");
    browser.findElement(By.name("allergies")).sendKeys("<b>hazelnuts</b>");
    browser.findElement(By.cssSelector("[data-testid=details-save]")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector("[data-testid=birthday]"), "1985-04-23"));
    assertThat(browser.findElement(By.cssSelector("[data-testid=allergies]")).getText())
        .isEqualTo("<b>hazelnuts</b>");
    assertThat(browser.findElements(By.cssSelector("[data-testid=allergies] b"))).isEmpty();
    assertThat(browser.findElement(By.cssSelector("[data-testid=tags]")).getText())
        .contains("VIP")
        .contains("returning");

    // the guest list finds them by the tag, as one guest
    browser.get(url("/guests?tag=VIP&q=" + email));
    assertThat(
            browser.findElements(By.cssSelector("[data-testid=guests] [data-guest]")).stream()
                .map(e -> e.getAttribute("data-guest"))
                .toList())
        .hasSize(1);
  }
}
