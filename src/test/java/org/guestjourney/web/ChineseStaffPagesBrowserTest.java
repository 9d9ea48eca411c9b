package org.guestjourney.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.guestjourney.booking.Booking;
import org.guestjourney.booking.BookingRequest;
import org.guestjourney.booking.BookingRequest.GuestDetails;
import org.guestjourney.complaint.ComplaintRequest;
import org.guestjourney.complaint.ComplaintService;
import org.guestjourney.guestrequest.GuestRequestJourney;
import org.guestjourney.guestrequest.GuestRequestService;
import org.guestjourney.messaging.DeliveryState;
import org.guestjourney.messaging.MessageStep;
import org.guestjourney.property.Property;
import org.guestjourney.security.StaffAccountService;
import org.guestjourney.security.StaffRole;
import org.guestjourney.support.GuestRequests;
import org.guestjourney.support.HeadlessChromium;
import org.guestjourney.support.JourneyIntegrationTest;
import org.guestjourney.support.Staff;
import org.guestjourney.tasklist.StaffTask;
import org.guestjourney.tasklist.StaffTaskService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A manager who chose Simplified Chinese reads the most-seen staff pages with no English left
 * (issue #14, item 6), in real Chromium: today, the tasks, a task, the bookings, a booking with the
 * journey plan and the reasons in it, the numbers, the house's settings, the studio's journeys and
 * a simulation of the pre-arrival journey. What guests and the house wrote (names, a complaint, a
 * request, addresses, the messages the guest got) is theirs and is not translated; everything else
 * fails the test when it holds two English words in a row. Brand and technical names (WhatsApp,
 * SMS, Twilio, Wi-Fi, UTC, CSV, time zone ids, language codes, e-mail addresses) are allowed.
 */
class ChineseStaffPagesBrowserTest extends JourneyIntegrationTest {

  static final String PASSWORD = "a-long-password-1234";

  /** Two or more Latin words in a row: English a person would have to read. */
  static final Pattern ENGLISH =
      Pattern.compile("[A-Za-z][A-Za-z'’-]*(?:[ \\t,.:;!?()/&\"“”-]+[A-Za-z][A-Za-z'’-]*)+");

  static final Pattern EMAIL = Pattern.compile("[\\w.+-]+@[\\w.-]+");

  /** Names that stay as they are in any language. */
  static final List<String> ALLOWED =
      List.of(
          "Guest Journey",
          "WhatsApp",
          "SMS",
          "Twilio",
          "README",
          "Configuration",
          "CSV",
          "NPS",
          "UTC",
          "SID",
          "Asia/Shanghai",
          "Europe/Rome",
          "booking.com",
          "zh-CN",
          "Wi-Fi");

  @LocalServerPort int port;
  @Autowired StaffAccountService accounts;
  @Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc;
  @Autowired ComplaintService complaints;
  @Autowired GuestRequestService requests;
  @Autowired StaffTaskService tasks;
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

  @Test
  void aChineseSpeakingManagerReadsNoEnglishOnTheMostSeenStaffPages() {
    Property house = data.property("Asia/Shanghai", "zh-CN", "en");
    String tag = UUID.randomUUID().toString().substring(0, 6);
    LocalDate today = LocalDate.ofInstant(engine.now(), house.timeZone());
    String guestName = "王芳 " + tag;
    String reference = "ZH-" + tag;
    // arriving today: the check-in guide's moment has passed and goes with the confirmation
    Booking booking =
        data.book(
            new BookingRequest(
                house.id(),
                reference,
                "direct",
                today,
                today.plusDays(3),
                "8",
                2,
                "Late arrival, around 22:00",
                new GuestDetails(guestName, data.uniqueEmail(), "+8613800138000", "zh-CN")));
    data.awaitState(booking.id(), MessageStep.BOOKING_CONFIRMATION, DeliveryState.SENT);
    String complaintText = "Loud music from the street until 2 am";
    complaints.raise(new ComplaintRequest(booking.id(), "noise", complaintText, "guest"));
    String requestText = "Two more towels please";
    StaffTask request =
        new Staff(tasks)
            .awaitOpenTask(
                GuestRequests.started(
                        requests, requests.raise(booking.id(), "amenities", requestText))
                    .processInstanceKey(),
                GuestRequestJourney.TASK_HANDLE_GUEST_REQUEST);
    String manager = "zh-" + tag;
    accounts.create(manager, PASSWORD, StaffRole.MANAGER, false, Set.of(house.id()), "test");
    accounts.chooseLanguage(manager, "zh-CN");

    List<String> guestAndHouse =
        List.of(
            house.name(),
            guestName,
            reference,
            manager,
            complaintText,
            requestText,
            "Late arrival, around 22:00",
            "Via Roma 1",
            "Tram 8 to the last stop",
            "Key box left of the door",
            "Bakery at the corner",
            "30% deposit",
            "City tax 3 EUR",
            "Free cancellation until 7 days before arrival");
    // colleagues' names (the assign lists name every manager, also those other tests created)
    // are people's names, not words of the page
    guestAndHouse =
        java.util.stream.Stream.concat(
                guestAndHouse.stream(),
                jdbc.sql("select username from staff_account").query(String.class).list().stream()
                    // a made-up sign-in name ("axe-ba12"); a plain word such as "manager" stays
                    // checked, since stripping it would hide the word in the page's own sentences
                    .filter(u -> !u.matches("[A-Za-z]+")))
            .toList();

    browser = HeadlessChromium.desktop();
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    browser.get(url("/login"));
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys(manager);
    browser.findElement(By.id("password")).sendKeys(PASSWORD);
    browser.findElement(By.cssSelector("button[type=submit]")).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.tagName("main")));

    List<String> english = new ArrayList<>();
    english.addAll(read(wait, "/today", "main, header.top", guestAndHouse));
    english.addAll(read(wait, "/tasks?property=" + house.id(), "main", guestAndHouse));
    english.addAll(read(wait, "/tasks/" + request.id(), "main", guestAndHouse));
    english.addAll(read(wait, "/bookings", "main", guestAndHouse));
    english.addAll(read(wait, "/bookings/" + booking.id(), "main", guestAndHouse));
    assertThat(browser.findElement(By.cssSelector("[data-testid=plan]")).getText())
        .as("the plan's phases, states and conditions, in Chinese")
        .contains("到达前", "员工任务", "已跳过", "如果已知到达时间？否");
    assertThat(browser.findElement(By.cssSelector("[data-testid=messages]")).getText())
        .as("why a message did not go on its own, in Chinese")
        .contains("它的时间已过，已随预订确认一起发出");
    english.addAll(read(wait, "/kpis?property=" + house.id(), "main", guestAndHouse));
    english.addAll(read(wait, "/properties/" + house.id() + "/settings", "main", guestAndHouse));
    english.addAll(
        read(
            wait,
            "/studio/journeys",
            "main h1, main p, main thead, main td:first-child a",
            guestAndHouse));

    // the studio's simulation of the pre-arrival journey on this booking
    browser.get(url("/studio/journeys/pre-arrival"));
    wait.until(
        d ->
            Boolean.TRUE.equals(
                ((JavascriptExecutor) d)
                    .executeScript("return !!(window.studio && window.studio.ready);")));
    new Select(browser.findElement(By.cssSelector("[data-testid=simulate-booking]")))
        .selectByValue(String.valueOf(booking.id()));
    browser.findElement(By.cssSelector("[data-testid=simulate]")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector("[data-testid=status]"), "模拟完成。"));
    assertThat(browser.findElement(By.cssSelector("[data-testid=timeline-draft]")).getText())
        .contains("入住指南", "发送");
    english.addAll(
        check(
            "/studio/journeys/pre-arrival",
            text("[data-testid=simulation-panel], .studio-bar"),
            guestAndHouse));

    assertThat(english).as(String.join("\n", english)).isEmpty();
  }

  /** Opens {@code path} and returns the English runs in the elements {@code selector} finds. */
  List<String> read(WebDriverWait wait, String path, String selector, List<String> guestAndHouse) {
    browser.get(url(path));
    wait.until(ExpectedConditions.presenceOfElementLocated(By.tagName("main")));
    if (!browser.findElements(By.id("task-form")).isEmpty()) {
      // the task's form renders after the page: read it as staff see it
      wait.until(
          ExpectedConditions.presenceOfElementLocated(By.cssSelector("#task-form .fjs-form")));
    }
    assertThat(browser.findElement(By.tagName("html")).getAttribute("lang"))
        .as(path)
        .isEqualTo("zh-CN");
    assertThat(browser.findElements(By.cssSelector("[data-testid=error-page]")))
        .as(path + " shows the page, not an error")
        .isEmpty();
    return check(path, text(selector), guestAndHouse);
  }

  /**
   * The visible text of the elements {@code selector} finds, without the conversation with the
   * guest and the messages they got (their own words and their language).
   */
  String text(String selector) {
    return (String)
        ((JavascriptExecutor) browser)
            .executeScript(
                """
                const hidden = [];
                document.querySelectorAll('[data-testid=conversation]')
                  .forEach((e) => { hidden.push([e, e.style.display]); e.style.display = 'none'; });
                const text = Array.from(document.querySelectorAll(arguments[0]))
                  .map((e) => e.innerText).join('\\n');
                hidden.forEach(([e, d]) => { e.style.display = d; });
                return text;
                """,
                selector);
  }

  static List<String> check(String path, String text, List<String> guestAndHouse) {
    String left = EMAIL.matcher(text).replaceAll(" ");
    for (String theirs : guestAndHouse) {
      left = left.replace(theirs, " ");
    }
    for (String name : ALLOWED) {
      left = left.replace(name, " ");
    }
    List<String> found = new ArrayList<>();
    Matcher m = ENGLISH.matcher(left);
    while (m.find()) {
      found.add(path + ": “" + m.group() + "”");
    }
    return found;
  }
}
