package org.guestjourney.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
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
import org.guestjourney.tasklist.StaffTaskService;
import org.guestjourney.tasklist.StaffTaskState;
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
 * The front desk's one inbox in headless Chromium: a guest's e-mail reply, posted by the mail
 * provider's inbound webhook to the booking's Reply-To, shows with an unread count (in the menu
 * too); the front desk answers from the thread on a phone, and the answer reaches the guest at the
 * SMTP server once, signed with their display name; a text message through Twilio's signed webhook
 * shows in the same list, on a desktop.
 */
class InboxBrowserTest extends InboxIntegrationTest {

  static final String PASSWORD = "a-long-password-1234";

  @LocalServerPort int port;
  @Autowired TestRestTemplate http;
  @Autowired StaffAccountService accounts;
  @Autowired StaffTaskService tasks;
  @Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc;
  final ObjectMapper json = new ObjectMapper();
  WebDriver browser;

  @AfterEach
  void closeBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  String url(String path) {
    return "http://localhost:" + port + path;
  }

  Booking book(Property house, String name, String email, String phone) {
    LocalDate arrival = LocalDate.ofInstant(engine.now(), house.timeZone()).plusDays(5);
    Booking booking =
        data.book(
            new BookingRequest(
                house.id(),
                "INBOX-" + UUID.randomUUID(),
                "direct",
                arrival,
                arrival.plusDays(2),
                "3",
                2,
                null,
                new GuestDetails(name, email, phone, "en")));
    data.awaitState(booking.id(), MessageStep.BOOKING_CONFIRMATION, DeliveryState.SENT);
    return booking;
  }

  void signIn(WebDriverWait wait, String username) {
    browser.get(url("/inbox"));
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys(username);
    browser.findElement(By.id("password")).sendKeys(PASSWORD);
    browser.findElement(By.cssSelector("button[type=submit]")).click();
    wait.until(ExpectedConditions.urlContains("/inbox"));
  }

  List<MimeMessage> mailsContaining(String address, String text) {
    return TestMailServer.to(address).stream()
        .filter(
            m -> {
              try {
                return String.valueOf(m.getContent()).contains(text);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            })
        .toList();
  }

  void postEmailReply(String from, String to, String text) throws Exception {
    Map<String, Object> mail =
        Map.of(
            "MessageID", UUID.randomUUID().toString(),
            "FromFull", Map.of("Email", from, "Name", "Marco Rossi"),
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

  void postSms(String from, String body) throws Exception {
    Map<String, String> params = new TreeMap<>();
    params.put("AccountSid", TWILIO_ACCOUNT);
    params.put("Body", body);
    params.put("From", from);
    params.put("MessageSid", "SM" + UUID.randomUUID().toString().replace("-", ""));
    params.put("To", "+15005550006");
    StringBuilder signed = new StringBuilder(PUBLIC_URL + "/webhooks/twilio/inbound");
    params.forEach((name, value) -> signed.append(name).append(value));
    Mac mac = Mac.getInstance("HmacSHA1");
    mac.init(new SecretKeySpec(TWILIO_TOKEN.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    headers.set(
        "X-Twilio-Signature",
        Base64.getEncoder()
            .encodeToString(mac.doFinal(signed.toString().getBytes(StandardCharsets.UTF_8))));
    String form =
        params.entrySet().stream()
            .map(
                e ->
                    URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    ResponseEntity<String> answer =
        http.postForEntity(
            "/webhooks/twilio/inbound", new HttpEntity<>(form, headers), String.class);
    assertThat(answer.getStatusCode().value()).isEqualTo(200);
  }

  WebElement conversation(long bookingId) {
    return browser.findElement(
        By.cssSelector("[data-testid=conversations] [data-booking='" + bookingId + "']"));
  }

  @Test
  void anEmailReplyIsAnsweredFromTheInboxAndAnSmsShowsInTheSameList() throws Exception {
    Property house = data.property("Europe/Rome", "en");
    String frontDesk = "inbox-" + UUID.randomUUID().toString().substring(0, 8);
    accounts.create(frontDesk, PASSWORD, StaffRole.FRONT_DESK, false, Set.of(house.id()), "test");
    String guest = data.uniqueEmail();
    Booking marco = book(house, "Marco Rossi", guest, null);
    MimeMessage confirmation =
        await()
            .atMost(Duration.ofSeconds(15))
            .until(() -> TestMailServer.to(guest), l -> !l.isEmpty())
            .getFirst();
    String replyTo = ((InternetAddress) confirmation.getReplyTo()[0]).getAddress();

    // the guest answers the confirmation from their mail client: hostile markup, quoted history
    postEmailReply(
        guest,
        replyTo,
        "Can we arrive at 22:00? <img src=x onerror=alert(1)>\n\n"
            + "On Tue, 1 Dec 2026 at 10:00, "
            + house.name()
            + " wrote:\n> Dear Marco Rossi,\n> your booking is confirmed.");
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                tasks.ofBooking(marco.id()).stream()
                    .anyMatch(
                        t ->
                            "reply-to-guest".equals(t.taskKind())
                                && t.state() == StaffTaskState.OPEN));

    // on a phone: the front desk sets the name guests see, then finds the conversation unread
    browser = HeadlessChromium.phone();
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
    signIn(wait, frontDesk);
    browser.get(url("/inbox/settings"));
    WebElement name = browser.findElement(By.cssSelector("[data-testid=display-name]"));
    name.clear();
    name.sendKeys("Anna Bianchi");
    browser.findElement(By.cssSelector("[data-testid=save-signature]")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=done]")));

    browser.get(url("/inbox"));
    assertThat(browser.findElement(By.cssSelector("[data-testid=inbox-unread-count]")).getText())
        .isEqualTo("1");
    WebElement item = conversation(marco.id());
    assertThat(item.findElement(By.cssSelector("[data-testid=unread]")).getText()).isEqualTo("1");
    assertThat(item.getText()).contains("Marco Rossi").contains("E-mail").contains("Europe/Rome");
    assertThat(item.findElement(By.cssSelector("[data-testid=excerpt]")).getText())
        .isEqualTo("Can we arrive at 22:00? <img src=x onerror=alert(1)>");
    assertThat(pageWidth()).as(wideElements()).isLessThanOrEqualTo(windowWidth());

    // the thread: the guest's words as text, the confirmation sent before, times in the house zone
    item.findElement(By.tagName("a")).click();
    wait.until(ExpectedConditions.urlContains("/inbox/bookings/" + marco.id()));
    WebElement thread = browser.findElement(By.cssSelector("[data-testid=thread]"));
    assertThat(thread.findElements(By.tagName("img"))).isEmpty();
    assertThat(thread.getText())
        .contains("Can we arrive at 22:00? <img src=x onerror=alert(1)>")
        .doesNotContain("your booking is confirmed.")
        .contains("Re: Your booking is confirmed");
    assertThat(browser.findElements(By.cssSelector("[data-testid=line-time]")))
        .allSatisfy(t -> assertThat(t.getText()).endsWith("Europe/Rome"));
    assertThat(pageWidth()).as(wideElements()).isLessThanOrEqualTo(windowWidth());

    browser
        .findElement(By.cssSelector("[data-testid=reply-text]"))
        .sendKeys("Hi Marco, of course: we will wait for you at the door.");
    browser.findElement(By.cssSelector("[data-testid=send-reply]")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=done]")));

    // the answer reaches the guest once, signed with the display name, greeted once
    String answer = "we will wait for you at the door.";
    await().atMost(Duration.ofSeconds(30)).until(() -> mailsContaining(guest, answer).size() == 1);
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(5))
        .until(() -> mailsContaining(guest, answer).size() == 1);
    String body = String.valueOf(mailsContaining(guest, answer).getFirst().getContent());
    assertThat(body)
        .contains("Anna Bianchi")
        .doesNotContain(frontDesk)
        .doesNotContain("Dear Marco");

    // read now: the menu has no count; a text message from another guest joins the same list
    String phone = "+3936" + (10000000 + (int) (Math.random() * 89999999));
    Booking giulia = book(house, "Giulia Verdi", data.uniqueEmail(), phone);
    postSms(phone, "Is breakfast included? <script>alert(2)</script>");
    assertThat(
            jdbc.sql(
                    "select booking_id, property_id, kind, read_at from inbound_message"
                        + " where channel = 'SMS' and booking_id = ?")
                .param(giulia.id())
                .query()
                .listOfRows())
        .singleElement()
        .satisfies(
            row ->
                assertThat(row)
                    .containsEntry("property_id", house.id())
                    .containsEntry("kind", "REPLY")
                    .containsEntry("read_at", null));

    browser.quit();
    browser = HeadlessChromium.desktop();
    wait = new WebDriverWait(browser, Duration.ofSeconds(15));
    signIn(wait, frontDesk);
    assertThat(browser.findElement(By.cssSelector("[data-testid=inbox-unread-count]")).getText())
        .isEqualTo("1");
    WebElement sms = conversation(giulia.id());
    assertThat(sms.getText()).contains("Giulia Verdi").contains("SMS");
    assertThat(sms.findElement(By.cssSelector("[data-testid=excerpt]")).getText())
        .isEqualTo("Is breakfast included? <script>alert(2)</script>");
    assertThat(conversation(marco.id()).findElements(By.cssSelector("[data-testid=unread]")))
        .isEmpty();

    // filters: unread only keeps the text message; the e-mail channel keeps Marco's
    browser.get(url("/inbox?unread=true"));
    assertThat(browser.findElements(By.cssSelector("[data-testid=conversations] [data-booking]")))
        .extracting(e -> e.getAttribute("data-booking"))
        .containsExactly(String.valueOf(giulia.id()));
    browser.get(url("/inbox?channel=email&house=" + house.id()));
    assertThat(browser.findElements(By.cssSelector("[data-testid=conversations] [data-booking]")))
        .extracting(e -> e.getAttribute("data-booking"))
        .containsExactly(String.valueOf(marco.id()));
  }

  /** What sticks out to the right of the window, to say why a page is too wide. */
  String wideElements() {
    return String.valueOf(
        ((JavascriptExecutor) browser)
            .executeScript(
                "return Array.from(document.querySelectorAll('body *')).filter(e =>"
                    + " e.getBoundingClientRect().right > window.innerWidth).slice(0, 8).map(e =>"
                    + " e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)"
                    + " + ' ' + (e.textContent || '').slice(0, 40)).join(' | ');"));
  }

  /** The window's width (headless Chromium keeps windows at least 500 px wide). */
  long windowWidth() {
    return (Long) ((JavascriptExecutor) browser).executeScript("return window.innerWidth;");
  }

  long pageWidth() {
    return (Long)
        ((JavascriptExecutor) browser)
            .executeScript("return document.documentElement.scrollWidth;");
  }
}
