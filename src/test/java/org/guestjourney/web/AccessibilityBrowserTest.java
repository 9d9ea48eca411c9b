package org.guestjourney.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.guestjourney.booking.Booking;
import org.guestjourney.booking.BookingRequest;
import org.guestjourney.booking.BookingRequest.GuestDetails;
import org.guestjourney.guestrequest.GuestRequestJourney;
import org.guestjourney.guestrequest.GuestRequestService;
import org.guestjourney.messaging.MessageDelivery;
import org.guestjourney.messaging.Unsubscribes;
import org.guestjourney.property.Property;
import org.guestjourney.security.StaffAccountService;
import org.guestjourney.security.StaffRole;
import org.guestjourney.support.HeadlessChromium;
import org.guestjourney.support.JourneyIntegrationTest;
import org.guestjourney.support.Staff;
import org.guestjourney.survey.SurveyKind;
import org.guestjourney.survey.SurveyService;
import org.guestjourney.tasklist.StaffTask;
import org.guestjourney.tasklist.StaffTaskService;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every staff and guest page passes axe-core (pinned in package.json, read from node_modules) with
 * the WCAG 2.0, 2.1 and 2.2 A and AA rules, target size included, in real Chromium at a phone's
 * size (390×844) and a desktop's — in English and, for the staff pages, in Chinese.
 */
class AccessibilityBrowserTest extends JourneyIntegrationTest {

  static final String PASSWORD = "a-long-password-1234";
  static final Path AXE = Path.of("node_modules", "axe-core", "axe.min.js");

  @LocalServerPort int port;
  @Autowired StaffAccountService accounts;
  @Autowired GuestRequestService requests;
  @Autowired StaffTaskService tasks;
  @Autowired SurveyService surveys;
  @Autowired Unsubscribes unsubscribes;

  String url(String path) {
    return "http://localhost:" + port + path;
  }

  @Test
  void everyPagePassesAxeWithTheWcag22Rules() throws Exception {
    assertThat(AXE)
        .as("axe-core is installed by the build's npm ci (package.json, pinned)")
        .exists();
    String axe = Files.readString(AXE, StandardCharsets.UTF_8);

    Property house = data.property("Europe/Rome", "en", "zh-CN");
    String tag = UUID.randomUUID().toString().substring(0, 6);
    LocalDate today = LocalDate.ofInstant(engine.now(), house.timeZone());
    String email = data.uniqueEmail();
    Booking booking =
        data.book(
            new BookingRequest(
                house.id(),
                "AXE-" + tag,
                "direct",
                today,
                today.plusDays(3),
                "4",
                2,
                "Late arrival",
                new GuestDetails("Ada Axe " + tag, email, "+393401234567", "en")));
    StaffTask task =
        new Staff(tasks)
            .awaitOpenTask(
                org.guestjourney.support.GuestRequests.started(
                        requests, requests.raise(booking.id(), "amenities", "Two more towels"))
                    .processInstanceKey(),
                GuestRequestJourney.TASK_HANDLE_GUEST_REQUEST);
    MessageDelivery confirmation = data.messages(booking.id()).getFirst();
    String quick = URI.create(surveys.invite(booking.id(), SurveyKind.QUICK, "en")).getPath();
    String satisfaction =
        URI.create(surveys.invite(booking.id(), SurveyKind.SATISFACTION, "zh-CN")).getPath();
    String unsubscribe =
        URI.create(unsubscribes.urlFor(email, "zh-CN", house.id())).getRawPath()
            + "?lang=zh-CN&house="
            + house.id();
    String manager = "axe-" + tag;
    accounts.create(manager, PASSWORD, StaffRole.MANAGER, true, Set.of(), "test");

    Map<String, String> guestPages = new LinkedHashMap<>();
    guestPages.put("quick survey", quick);
    guestPages.put("satisfaction survey (zh-CN)", satisfaction);
    guestPages.put("survey thanks", quick + "/thanks");
    guestPages.put("survey closed", "/survey/" + "x".repeat(40));
    guestPages.put("e-mail preferences (zh-CN)", unsubscribe);
    guestPages.put("sign in", "/login");

    Map<String, String> staffPages = new LinkedHashMap<>();
    staffPages.put("home", "/");
    staffPages.put("today", "/today");
    staffPages.put("tasks", "/tasks");
    staffPages.put("task", "/tasks/" + task.id());
    staffPages.put("bookings", "/bookings");
    staffPages.put("new booking", "/bookings/new");
    staffPages.put("booking", "/bookings/" + booking.id());
    staffPages.put("change booking", "/bookings/" + booking.id() + "/change");
    staffPages.put("message", "/messages/" + confirmation.id());
    staffPages.put("feedback", "/feedback");
    staffPages.put("numbers", "/kpis");
    staffPages.put("settings", "/properties");
    staffPages.put("message rules", "/properties/" + house.id() + "/settings");
    staffPages.put("house information", "/properties/" + house.id() + "/house");
    staffPages.put("studio journeys", "/studio/journeys");
    staffPages.put("studio messages", "/studio/messages/" + house.id());
    staffPages.put("inbox", "/inbox");
    staffPages.put("inbox thread", "/inbox/bookings/" + booking.id());
    staffPages.put("inbox settings", "/inbox/settings");
    staffPages.put("guests", "/guests");
    staffPages.put("guest profile", "/guests/of-booking/" + booking.id());
    staffPages.put("guest segments", "/guests/segments");
    staffPages.put("studio rules", "/studio/rules");
    staffPages.put("studio forms", "/studio/forms");
    staffPages.put("access", "/access");
    staffPages.put("audit", "/audit");
    staffPages.put("privacy", "/privacy");
    staffPages.put("account", "/account");
    staffPages.put("alerts", "/account/alerts");
    staffPages.put("page not found", "/bookings/999999999");

    List<String> problems = new ArrayList<>();
    for (String size : List.of("phone", "desktop")) {
      WebDriver browser =
          size.equals("phone") ? HeadlessChromium.phone() : HeadlessChromium.desktop();
      try {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        for (Map.Entry<String, String> page : guestPages.entrySet()) {
          problems.addAll(check(browser, wait, axe, size, page.getKey(), page.getValue()));
        }
        browser.get(url("/login"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")))
            .sendKeys(manager);
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.tagName("main")));
        for (String language : List.of("en", "zh-CN")) {
          accounts.chooseLanguage(manager, language);
          browser.manage().deleteCookieNamed("JSESSIONID");
          browser.get(url("/login"));
          wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")))
              .sendKeys(manager);
          browser.findElement(By.id("password")).sendKeys(PASSWORD);
          browser.findElement(By.cssSelector("button[type=submit]")).click();
          wait.until(ExpectedConditions.presenceOfElementLocated(By.tagName("main")));
          for (Map.Entry<String, String> page : staffPages.entrySet()) {
            problems.addAll(
                check(browser, wait, axe, size + ", " + language, page.getKey(), page.getValue()));
          }
        }
      } finally {
        browser.quit();
      }
    }
    assertThat(problems).as(String.join("\n", problems)).isEmpty();
  }

  /** Runs axe on the page; each violation as "page (size): rule — target — summary". */
  @SuppressWarnings("unchecked")
  List<String> check(
      WebDriver browser, WebDriverWait wait, String axe, String where, String name, String path) {
    browser.get(url(path));
    wait.until(ExpectedConditions.presenceOfElementLocated(By.tagName("body")));
    if (!browser.findElements(By.id("task-form")).isEmpty()) {
      // the form-js form renders after the page: check it as the guest sees it
      wait.until(
          ExpectedConditions.presenceOfElementLocated(By.cssSelector("#task-form .fjs-form")));
    }
    List<String> out = new ArrayList<>();
    if (!name.equals("page not found")
        && !browser.findElements(By.cssSelector("[data-testid=error-page]")).isEmpty()) {
      // an error page instead of the page meant would pass axe for the wrong page
      out.add(name + " " + path + " (" + where + "): shows an error page, not the page");
      return out;
    }
    JavascriptExecutor js = (JavascriptExecutor) browser;
    js.executeScript(axe);
    browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
    Object result =
        js.executeAsyncScript(
            """
            var done = arguments[arguments.length - 1];
            axe.run(document, {
              runOnly: { type: 'tag',
                values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'] },
              rules: { 'target-size': { enabled: true } },
              resultTypes: ['violations']
            }).then(function (r) {
              done(r.violations.map(function (v) {
                return v.id + ' — ' + v.nodes.slice(0, 3).map(function (n) {
                  return n.target.join(' ') + ' (' + (n.failureSummary || '').replace(/\\s+/g, ' ')
                    .slice(0, 160) + ')';
                }).join('; ') + (v.nodes.length > 3 ? '; and ' + (v.nodes.length - 3) + ' more' : '');
              }));
            }, function (e) { done(['axe failed: ' + e]); });
            """);
    for (Object violation : (List<Object>) result) {
      out.add(name + " " + path + " (" + where + "): " + violation);
    }
    return out;
  }
}
