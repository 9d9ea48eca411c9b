package org.guestjourney.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.guestjourney.booking.Booking;
import org.guestjourney.booking.BookingRequest;
import org.guestjourney.booking.BookingRequest.GuestDetails;
import org.guestjourney.messaging.DeliveryState;
import org.guestjourney.messaging.MessageStep;
import org.guestjourney.property.Property;
import org.guestjourney.security.StaffAccountService;
import org.guestjourney.security.StaffRole;
import org.guestjourney.support.HeadlessChromium;
import org.guestjourney.support.InboxIntegrationTest;
import org.guestjourney.support.TestMailServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The menu's inbox count is live on every staff page (ADR 0066): the front desk has the bookings
 * page open on a phone when a guest's e-mail reply arrives through the mail provider's inbound
 * webhook; the count appears without a reload and the polite live region says a guest wrote.
 */
class LiveInboxCountBrowserTest extends InboxIntegrationTest {

  static final String PASSWORD = "a-long-password-1234";

  @LocalServerPort int port;
  @Autowired TestRestTemplate http;
  @Autowired StaffAccountService accounts;
  final ObjectMapper json = new ObjectMapper();
  WebDriver browser;

  @AfterEach
  void closeBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  void aGuestsEmailReplyRaisesTheInboxCountOnAnOpenPageWithoutAReload() throws Exception {
    // a house of its own: its unread count starts at 0 whatever other tests left elsewhere
    Property house = data.property("Europe/Rome", "en");
    String frontDesk = "live-inbox-" + UUID.randomUUID().toString().substring(0, 8);
    accounts.create(frontDesk, PASSWORD, StaffRole.FRONT_DESK, false, Set.of(house.id()), "test");
    String guest = data.uniqueEmail();
    LocalDate arrival = LocalDate.ofInstant(engine.now(), house.timeZone()).plusDays(5);
    Booking booking =
        data.book(
            new BookingRequest(
                house.id(),
                "LIVEINBOX-" + UUID.randomUUID(),
                "direct",
                arrival,
                arrival.plusDays(2),
                "2",
                2,
                null,
                new GuestDetails("Nora Live", guest, null, "en")));
    data.awaitState(booking.id(), MessageStep.BOOKING_CONFIRMATION, DeliveryState.SENT);
    MimeMessage confirmation =
        await()
            .atMost(Duration.ofSeconds(15))
            .until(() -> TestMailServer.to(guest), l -> !l.isEmpty())
            .getFirst();
    String replyTo = ((InternetAddress) confirmation.getReplyTo()[0]).getAddress();

    browser = HeadlessChromium.phone();
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    browser.get("http://localhost:" + port + "/bookings");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")))
        .sendKeys(frontDesk);
    browser.findElement(By.id("password")).sendKeys(PASSWORD);
    browser.findElement(By.cssSelector("button[type=submit]")).click();
    wait.until(ExpectedConditions.urlContains("/bookings"));
    By count = By.cssSelector("[data-testid=inbox-unread-count]");
    assertThat(browser.findElement(count).isDisplayed()).as("nothing unread yet").isFalse();
    ((JavascriptExecutor) browser).executeScript("window.notReloaded = true;");

    postEmailReply(guest, replyTo, "Could we have a late check-out on Sunday?");

    wait.until(ExpectedConditions.visibilityOfElementLocated(count));
    wait.until(ExpectedConditions.textToBe(count, "1"));
    assertThat(browser.findElement(count).getAttribute("title"))
        .isEqualTo("1 unread guest messages");
    // a screen reader hears what the number means, not a bare "1" (the badge is hidden from it)
    assertThat(browser.findElement(count).getAttribute("aria-hidden")).isEqualTo("true");
    WebElement words = browser.findElement(By.cssSelector("[data-words-for=inbox-unread-count]"));
    assertThat(words.getAttribute("hidden")).isNull();
    assertThat(words.getAttribute("textContent")).isEqualTo(" 1 unread guest messages");
    assertThat(
            browser
                .findElement(By.cssSelector("[data-testid=inbox-link]"))
                .getAttribute("textContent"))
        .contains("Inbox")
        .contains("1 unread guest messages");
    assertThat(((JavascriptExecutor) browser).executeScript("return window.notReloaded === true;"))
        .isEqualTo(true);
    wait.until(
        d ->
            d.findElement(By.cssSelector("[data-testid=live-counts]"))
                .getAttribute("textContent")
                .contains("A guest wrote: 1 unread in the inbox."));
    assertThat(
            browser.findElement(By.cssSelector("[data-testid=live-counts]")).getAttribute("role"))
        .isEqualTo("status");
  }

  void postEmailReply(String from, String to, String text) throws Exception {
    Map<String, Object> mail =
        Map.of(
            "MessageID", UUID.randomUUID().toString(),
            "FromFull", Map.of("Email", from, "Name", "Nora Live"),
            "ToFull", List.of(Map.of("Email", to, "Name", "")),
            "Subject", "Re: Your booking is confirmed",
            "TextBody", text,
            "Headers",
                List.of(
                    Map.of("Name", "Message-ID", "Value", "<" + UUID.randomUUID() + "@m.test>")));
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    headers.setBearerAuth(INBOUND_TOKEN);
    ResponseEntity<String> answer =
        http.postForEntity(
            "/webhooks/mail/inbound",
            new HttpEntity<>(json.writeValueAsString(mail), headers),
            String.class);
    assertThat(answer.getStatusCode().value()).isEqualTo(200);
  }
}
