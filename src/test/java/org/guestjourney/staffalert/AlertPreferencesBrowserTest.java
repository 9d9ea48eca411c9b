package org.guestjourney.staffalert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.guestjourney.booking.Booking;
import org.guestjourney.guestrequest.GuestRequestJourney;
import org.guestjourney.guestrequest.GuestRequestService;
import org.guestjourney.property.Property;
import org.guestjourney.security.StaffAccountService;
import org.guestjourney.security.StaffRole;
import org.guestjourney.support.GuestRequests;
import org.guestjourney.support.HeadlessChromium;
import org.guestjourney.support.Mails;
import org.guestjourney.support.Staff;
import org.guestjourney.support.TestMailServer;
import org.guestjourney.tasklist.StaffTask;
import org.guestjourney.tasklist.StaffTaskService;
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
 * In headless Chromium: a front-desk worker chooses on their phone which alerts reach them (no
 * e-mail for every new task; an e-mail and a text message when someone gives them a task); their
 * manager gives them a task from the tasklist on a desktop; the e-mail arrives at the SMTP server
 * (GreenMail) and the text at Twilio (a local imitation), and the new task itself sent nothing.
 */
class AlertPreferencesBrowserTest extends AlertsIntegrationTest {

  static final String PASSWORD = "a-long-password-1234";

  @LocalServerPort int port;
  @Autowired GuestRequestService requests;
  @Autowired StaffTaskService tasks;
  @Autowired StaffAccountService accounts;

  String url(String path) {
    return "http://localhost:" + port + path;
  }

  String account(StaffRole role, Property house) {
    String username = "bell-" + UUID.randomUUID().toString().substring(0, 8);
    accounts.create(username, PASSWORD, role, false, Set.of(house.id()), "test");
    return username;
  }

  void signIn(WebDriver browser, WebDriverWait wait, String path, String username) {
    browser.get(url(path));
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys(username);
    browser.findElement(By.id("password")).sendKeys(PASSWORD);
    browser.findElement(By.cssSelector("button[type=submit]")).click();
  }

  static List<MimeMessage> alertsTo(String address, StaffTask task, String reason) {
    return TestMailServer.to(address).stream()
        .filter(
            m -> {
              try {
                return String.valueOf(task.id()).equals(m.getHeader("X-Guest-Journey-Task", null))
                    && reason.equals(m.getHeader("X-Guest-Journey-Alert", null));
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            })
        .toList();
  }

  @Test
  void aFrontDeskWorkerChoosesTheirAlertsOnAPhoneAndHearsWhenTheManagerGivesThemATask()
      throws Exception {
    Property house = data.property("Europe/Rome", "en");
    String worker = account(StaffRole.FRONT_DESK, house);
    String manager = account(StaffRole.MANAGER, house);
    String address = worker + "@staff.example.com";
    String mobile = "+3934" + (10000000 + (int) (Math.random() * 89999999));

    WebDriver phone = HeadlessChromium.phone();
    try {
      WebDriverWait wait = new WebDriverWait(phone, Duration.ofSeconds(15));
      signIn(phone, wait, "/account/alerts", worker);
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("email"))).sendKeys(address);
      phone.findElement(By.id("phone")).sendKeys(mobile);
      phone.findElement(By.cssSelector("[data-testid=contact] button")).click();
      wait.until(
          ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=done]")));

      WebElement prefs = phone.findElement(By.cssSelector("[data-testid=preferences]"));
      // urgent tasks and missed deadlines say what they do
      assertThat(prefs.findElement(By.cssSelector("[data-reason=urgent]")).getText())
          .contains("Always at once, never in a digest");
      assertThat(prefs.findElements(By.id("urgent-when"))).isEmpty();
      // no e-mail for every new task; given tasks by e-mail and text message, at once
      WebElement newTaskEmail = phone.findElement(By.id("new_task-email"));
      assertThat(newTaskEmail.isSelected()).as("on by default").isTrue();
      click(phone, newTaskEmail);
      assertThat(phone.findElement(By.id("assigned-email")).isSelected()).isTrue();
      assertThat(phone.findElement(By.id("assigned-sms")).isSelected())
          .as("on by default")
          .isTrue();
      assertThat(
              new Select(phone.findElement(By.id("assigned-when")))
                  .getFirstSelectedOption()
                  .getText())
          .isEqualTo("At once");
      assertThat(prefs.findElement(By.cssSelector("[data-testid=digest]")).getText())
          .contains("Europe/Rome");
      click(phone, phone.findElement(By.cssSelector("[data-testid=preferences] button.primary")));
      wait.until(
          ExpectedConditions.textToBePresentInElementLocated(
              By.cssSelector("[data-testid=done]"), "Alerts reach you as you chose"));
      assertThat(phone.findElement(By.id("new_task-email")).isSelected()).isFalse();
      assertThat(phone.findElement(By.id("assigned-sms")).isSelected()).isTrue();
      assertThat(phone.findElement(By.id("assigned-email")).isSelected()).isTrue();
    } finally {
      phone.quit();
    }

    Booking marco = data.bookInRoom3Today(house);
    StaffTask task =
        new Staff(tasks)
            .awaitOpenTask(
                GuestRequests.started(
                        requests,
                        requests.raise(marco.id(), "noise", "Can we have a quieter room?"))
                    .processInstanceKey(),
                GuestRequestJourney.TASK_HANDLE_GUEST_REQUEST);

    WebDriver desktop = HeadlessChromium.desktop();
    try {
      WebDriverWait wait = new WebDriverWait(desktop, Duration.ofSeconds(15));
      signIn(desktop, wait, "/tasks/" + task.id(), manager);
      new Select(
              wait.until(
                  ExpectedConditions.visibilityOfElementLocated(
                      By.cssSelector("[data-testid=assignee-choice]"))))
          .selectByValue(worker);
      desktop.findElement(By.cssSelector("[data-testid=assign]")).click();
      wait.until(
          ExpectedConditions.textToBePresentInElementLocated(
              By.cssSelector("[data-testid=done]"), "Given to " + worker));
    } finally {
      desktop.quit();
    }

    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                alertsTo(address, task, "ASSIGNED").size() == 1
                    && textsAbout(mobile, task).size() == 1);
    assertThat(textsAbout(mobile, task).getFirst().get("body").toString())
        .startsWith("Given to you: Can we have a quieter room? — room 3 — Marco Rossi (due in ")
        .endsWith("/tasks/" + task.id());
    MimeMessage mail = alertsTo(address, task, "ASSIGNED").getFirst();
    assertThat(mail.getSubject())
        .isEqualTo("Given to you: Can we have a quieter room? — room 3 — Marco Rossi");
    assertThat(Mails.body(mail))
        .contains("A colleague gave you this task")
        .contains("With " + worker)
        .contains("/tasks/" + task.id());
    Thread.sleep(Duration.ofSeconds(6));
    assertThat(alertsTo(address, task, "ASSIGNED")).hasSize(1);
    assertThat(textsAbout(mobile, task)).as("one text: the new task sends none").hasSize(1);
    assertThat(alertsTo(address, task, "NEW_TASK")).as("turned off on the page").isEmpty();
  }

  static List<java.util.Map<String, Object>> textsAbout(String mobile, StaffTask task) {
    return TWILIO.messagesTo(mobile).stream()
        .filter(m -> String.valueOf(m.get("body")).contains("/tasks/" + task.id()))
        .toList();
  }

  /** Clicks through the page's own scrolling, as a thumb would. */
  static void click(WebDriver browser, WebElement element) {
    ((org.openqa.selenium.JavascriptExecutor) browser)
        .executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
    element.click();
  }
}
