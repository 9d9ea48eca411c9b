package org.guestjourney.studio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import org.guestjourney.audit.AuditLog;
import org.guestjourney.booking.Booking;
import org.guestjourney.property.Property;
import org.guestjourney.staffalert.StaffContacts;
import org.guestjourney.support.HeadlessChromium;
import org.guestjourney.support.JourneyIntegrationTest;
import org.guestjourney.support.Mails;
import org.guestjourney.support.TestMailServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * "Send a test to me" on the message text page (Debian's Chromium): the manager's draft, filled in
 * with a real booking, reaches the manager's own mailbox through the real mail channel, marked as a
 * test; the guest gets nothing and no guest message is recorded; the audit trail has it.
 */
class StudioSendTestBrowserTest extends JourneyIntegrationTest {

  @LocalServerPort int port;
  @Autowired StaffContacts contacts;
  @Autowired JdbcClient jdbc;
  @Autowired AuditLog audit;
  WebDriver browser;
  WebDriverWait wait;

  @BeforeEach
  void openBrowser() {
    browser = HeadlessChromium.desktop();
    wait = new WebDriverWait(browser, Duration.ofSeconds(30));
  }

  @AfterEach
  void closeBrowser() {
    if (browser != null) {
      browser.quit();
    }
    contacts.save("manager", null, null, null);
  }

  @Test
  void theDraftTextArrivesInTheManagersOwnMailboxMarkedAsATest() throws Exception {
    Property property = data.property("Europe/Rome", "en");
    String guestEmail = data.uniqueEmail();
    Booking booking = data.bookArrivingIn(property, 4, guestEmail);
    String managerEmail = data.uniqueEmail();
    contacts.save("manager", "Anna", managerEmail, null);
    await().atMost(Duration.ofSeconds(15)).until(() -> !TestMailServer.to(guestEmail).isEmpty());
    int guestMails = TestMailServer.to(guestEmail).size();
    int deliveries =
        jdbc.sql("select count(*) from message_delivery where booking_id = ?")
            .param(booking.id())
            .query(Integer.class)
            .single();

    browser.get(
        "http://localhost:"
            + port
            + "/studio/messages/"
            + property.id()
            + "/day-before-reminder/en");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")))
        .sendKeys("manager");
    browser.findElement(By.id("password")).sendKeys("manager");
    browser.findElement(By.cssSelector("button[type=submit]")).click();
    WebElement subject =
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("emailSubject")));
    subject.clear();
    subject.sendKeys("See you tomorrow, {{guest.name}}");
    WebElement body = browser.findElement(By.id("emailBody"));
    body.clear();
    body.sendKeys("Tomorrow we expect you <b>from 15:00</b>.");
    WebElement bookingField = browser.findElement(By.id("bookingId"));
    bookingField.clear();
    bookingField.sendKeys(String.valueOf(booking.id()));
    browser.findElement(By.cssSelector("[data-testid=send-test]")).click();

    assertThat(
            wait.until(
                    ExpectedConditions.visibilityOfElementLocated(
                        By.cssSelector("[data-testid=saved]")))
                .getText())
        .contains("Test sent to " + managerEmail);
    List<MimeMessage> received =
        await()
            .atMost(Duration.ofSeconds(15))
            .until(() -> TestMailServer.to(managerEmail), m -> !m.isEmpty());
    MimeMessage test = received.get(0);
    assertThat(test.getSubject()).startsWith("[TEST] See you tomorrow, ");
    String html = Mails.body(test);
    assertThat(html).contains("&lt;b&gt;from 15:00&lt;/b&gt;").doesNotContain("<b>from 15:00</b>");

    // never to a guest, not a guest message
    assertThat(TestMailServer.to(guestEmail)).hasSize(guestMails);
    assertThat(
            jdbc.sql("select count(*) from message_delivery where booking_id = ?")
                .param(booking.id())
                .query(Integer.class)
                .single())
        .isEqualTo(deliveries);
    assertThat(
            audit.find(new AuditLog.Filter("manager", "SEND", null, null, null, null), 5).stream()
                .map(e -> e.what()))
        .anyMatch(w -> w.startsWith("Sent a test of message day-before-reminder (en) by EMAIL"));
  }
}
