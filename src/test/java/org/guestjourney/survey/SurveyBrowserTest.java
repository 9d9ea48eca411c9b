package org.guestjourney.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import org.guestjourney.booking.Booking;
import org.guestjourney.complaint.ComplaintService;
import org.guestjourney.property.Property;
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
 * A guest answers the quick survey on a phone-sized screen in headless Chromium (Debian's, no
 * downloaded browser), in Chinese; a low score starts the complaint journey.
 */
class SurveyBrowserTest extends JourneyIntegrationTest {

  @LocalServerPort int port;
  @Autowired SurveyService surveys;
  @Autowired ComplaintService complaints;
  @Autowired org.guestjourney.property.HouseInformationService houseInformation;
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

  void choose(String questionStart, String value) {
    WebElement option =
        browser.findElement(
            By.xpath(
                "//div[contains(@class,'fjs-form-field-radio')][label[starts-with(normalize-space(.),'"
                    + questionStart
                    + "')]]//div[contains(@class,'fjs-inline-label')][label[normalize-space(.)='"
                    + value
                    + "']]/input[@type='radio']"));
    ((JavascriptExecutor) browser)
        .executeScript("arguments[0].scrollIntoView({block:'center'})", option);
    option.click();
  }

  @Test
  void aGuestAnswersOnTheirPhoneAndALowScoreStartsTheComplaintJourney() {
    Property property = data.property("Asia/Shanghai", "zh-CN", "en");
    Booking booking =
        data.book(
            data.request(
                property,
                LocalDate.ofInstant(engine.now(), property.timeZone()).plusDays(2),
                2,
                data.uniqueEmail(),
                "zh-CN"));
    // the guest is in the house: the in-stay journey hears of a low score and opens the complaint
    engine.moveTo(
        java.time.ZonedDateTime.of(
                booking.arrivalDate(), java.time.LocalTime.of(15, 1), property.timeZone())
            .toInstant());
    engine.awaitInstanceOf(
        org.guestjourney.journey.StayJourneys.IN_STAY, "bookingId", booking.id());
    String path = URI.create(surveys.invite(booking.id(), SurveyKind.QUICK, "zh-CN")).getPath();

    browser.get("http://localhost:" + port + path);
    wait.until(
        ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#task-form .fjs-form")));
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("入住感受如何？");
    assertThat(browser.findElement(By.cssSelector("[data-testid=survey-duration]")).getText())
        .isEqualTo("只需 3 分钟左右。");
    assertThat(browser.findElement(By.cssSelector("[data-testid=house]")).getText())
        .isEqualTo(property.name());

    choose("第一晚", "2");
    choose("房间符合", "2");
    WebElement words =
        browser.findElement(
            By.xpath("//div[contains(@class,'fjs-form-field-textarea')]//textarea"));
    words.sendKeys("空调太吵了 <b>bold</b>");
    words.sendKeys(org.openqa.selenium.Keys.TAB);
    WebElement send =
        browser.findElement(
            By.cssSelector(
                "#task-form button.task-complete, #task-form .fjs-form button[type=submit]"));
    ((JavascriptExecutor) browser)
        .executeScript("arguments[0].scrollIntoView({block:'center'})", send);
    wait.until(ExpectedConditions.elementToBeClickable(send)).click();

    try {
      wait.until(
          ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=thanks]")));
    } catch (org.openqa.selenium.TimeoutException e) {
      throw new AssertionError(
          "no thanks page at "
              + browser.getCurrentUrl()
              + "; the page says: "
              + browser.findElement(By.tagName("body")).getText(),
          e);
    }
    assertThat(browser.findElement(By.cssSelector("[data-testid=thanks]")).getText())
        .isEqualTo("谢谢！");
    // a low score: the guest is told someone will get in touch
    assertThat(browser.findElement(By.cssSelector("[data-testid=follow-up]")).getText())
        .isEqualTo("很抱歉这次没能让您满意。" + property.name() + "的工作人员会尽快与您联系。");
    assertThat(browser.findElement(By.cssSelector("[data-testid=house]")).getText())
        .isEqualTo(property.name());
    var complaint =
        await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> complaints.forBooking(booking.id()), l -> !l.isEmpty())
            .getFirst();
    assertThat(complaint.category()).isEqualTo("room");
    assertThat(complaint.description()).startsWith("空调太吵了 <b>bold</b>");
    assertThat(surveys.find(path.substring("/survey/".length())).orElseThrow().answeredAt())
        .isNotNull();
  }

  /** The inputs of the form that no assistive technology could name, by their outer HTML. */
  @SuppressWarnings("unchecked")
  java.util.List<String> inputsWithoutAccessibleName() {
    return (java.util.List<String>)
        ((JavascriptExecutor) browser)
            .executeScript(
                """
                return Array.from(document.querySelectorAll(
                    '#task-form input:not([type=hidden]), #task-form textarea, #task-form select'))
                  .filter(function (el) {
                    var byFor = el.id && document.querySelector('label[for="' + CSS.escape(el.id) + '"]');
                    var named = (byFor && byFor.textContent.trim())
                      || (el.closest('label') && el.closest('label').textContent.trim())
                      || (el.getAttribute('aria-label') || '').trim()
                      || (el.getAttribute('aria-labelledby') || '').trim();
                    return !named;
                  })
                  .map(function (el) { return el.outerHTML; });
                """);
  }

  @Test
  void theSurveyPageSpeaksTheGuestsLanguageAndEveryInputHasALabel() {
    Property property = data.property("Asia/Shanghai", "zh-CN", "en");
    Booking booking =
        data.book(
            data.request(
                property,
                LocalDate.ofInstant(engine.now(), property.timeZone()).plusDays(2),
                2,
                data.uniqueEmail(),
                "zh-CN"));

    for (String language : java.util.List.of("zh-CN", "en")) {
      String path =
          URI.create(surveys.invite(booking.id(), SurveyKind.SATISFACTION, language)).getPath();
      browser.get("http://localhost:" + port + path);
      wait.until(
          ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#task-form .fjs-form")));

      assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo(language);
      assertThat(browser.findElements(By.cssSelector("#task-form input[type=radio]")))
          .hasSizeGreaterThan(30);
      assertThat(inputsWithoutAccessibleName()).isEmpty();
      // the send button is a real button, reachable from the keyboard
      WebElement send = browser.findElement(By.cssSelector("#task-form button.task-complete"));
      assertThat(send.getTagName()).isEqualTo("button");
      assertThat(send.getAttribute("tabindex")).isNull();
    }
  }

  @Test
  void theChineseSurveyChecksTheAnswersInChineseAndSavesNothingBeforeTheGuestTouchesIt() {
    Property property = data.property("Asia/Shanghai", "zh-CN", "en");
    Booking booking =
        data.book(
            data.request(
                property,
                LocalDate.ofInstant(engine.now(), property.timeZone()).plusDays(2),
                2,
                data.uniqueEmail(),
                "zh-CN"));
    String path =
        URI.create(surveys.invite(booking.id(), SurveyKind.SATISFACTION, "zh-CN")).getPath();
    String token = path.substring("/survey/".length());
    // the house has a logo: the guest pages show it, named by the house
    var info = houseInformation.get(property.id());
    houseInformation.update(
        property.id(),
        new org.guestjourney.property.HouseInformation(
            info.address(),
            info.directions(),
            info.keyHandover(),
            info.wifi(),
            info.houseManualUrl(),
            info.checkInTime(),
            info.checkOutTime(),
            info.cancellationPolicy(),
            info.deposit(),
            info.fees(),
            "https://127.0.0.1:9/casa-logo.png"));

    browser.get("http://localhost:" + port + path);
    wait.until(
        ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#task-form .fjs-form")));
    // the post-stay survey: its own title, the time the e-mail promises, the house's name
    assertThat(browser.getTitle()).isEqualTo("这次住得怎么样？ · " + property.name());
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("这次住得怎么样？");
    assertThat(browser.findElement(By.cssSelector("[data-testid=survey-duration]")).getText())
        .isEqualTo("只需几分钟。");
    assertThat(browser.findElement(By.cssSelector("[data-testid=house]")).getText())
        .isEqualTo(property.name());
    WebElement logo = browser.findElement(By.cssSelector("[data-testid=house-logo]"));
    assertThat(logo.getAttribute("src")).isEqualTo("https://127.0.0.1:9/casa-logo.png");
    assertThat(logo.getAttribute("alt")).isEqualTo(property.name());
    // the scale of a question side by side: the 0–10 question fits one row on a phone
    @SuppressWarnings("unchecked")
    java.util.List<Number> tops =
        (java.util.List<Number>)
            ((JavascriptExecutor) browser)
                .executeScript(
                    "var f = Array.from(document.querySelectorAll('.fjs-form-field-radio'))[5];"
                        + " return Array.from(f.querySelectorAll('.fjs-inline-label'))"
                        + ".map(function (o) { return Math.round(o.getBoundingClientRect().top); });");
    assertThat(tops).hasSize(11);
    assertThat(new java.util.HashSet<>(tops)).hasSize(1);

    // nothing touched: nothing saved, and the page does not say so
    browser.findElement(By.tagName("h1")).click();
    assertThat(browser.findElement(By.cssSelector("[data-testid=draft-status]")).getText())
        .isEmpty();
    assertThat(surveys.find(token).orElseThrow().draft()).isNull();

    // sent unanswered: form-js's checks speak Chinese, nothing is sent
    WebElement send = browser.findElement(By.cssSelector("#task-form button.task-complete"));
    ((JavascriptExecutor) browser)
        .executeScript("arguments[0].scrollIntoView({block:'center'})", send);
    wait.until(ExpectedConditions.elementToBeClickable(send)).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector("#task-form .fjs-form-field-error"), "请回答此问题。"));
    assertThat(browser.findElement(By.id("task-form")).getText())
        .contains("请回答此问题。")
        .doesNotContain("Field is required");
    // the five required questions
    assertThat(browser.findElements(By.cssSelector("#task-form .fjs-form-field-error"))).hasSize(5);
    assertThat(surveys.find(token).orElseThrow().answeredAt()).isNull();

    // a change by the guest is kept, and then the page says so
    choose("房间", "4");
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector("[data-testid=draft-status]"), "已保存草稿"));
    assertThat(surveys.find(token).orElseThrow().draft()).contains("\"room\":\"4\"");
  }

  @Test
  void answersTypedButNotSentAreKeptAndComeBackWhenTheGuestReturns() {
    Property property = data.property("Europe/Rome", "en");
    Booking booking = data.bookArrivingIn(property, 2, data.uniqueEmail());
    String path = URI.create(surveys.invite(booking.id(), SurveyKind.QUICK, "en")).getPath();
    String token = path.substring("/survey/".length());

    browser.get("http://localhost:" + port + path);
    wait.until(
        ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#task-form .fjs-form")));
    choose("How was your first night", "4");
    WebElement words =
        browser.findElement(
            By.xpath("//div[contains(@class,'fjs-form-field-textarea')]//textarea"));
    words.sendKeys("A kettle <i>please</i>");
    words.sendKeys(org.openqa.selenium.Keys.TAB);
    wait.until(
        ExpectedConditions.textMatches(
            By.cssSelector("[data-testid=draft-status]"), java.util.regex.Pattern.compile(".+")));

    Invitation kept = surveys.find(token).orElseThrow();
    assertThat(kept.draft()).contains("A kettle <i>please</i>").contains("\"firstNight\":\"4\"");
    // a draft is not an answer: nothing reached the journey, the numbers or the feedback
    assertThat(kept.answeredAt()).isNull();
    assertThat(kept.answers()).isNull();

    // the guest comes back later: what they typed is there
    browser.get("http://localhost:" + port + path);
    wait.until(
        ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#task-form .fjs-form")));
    WebElement again =
        browser.findElement(
            By.xpath("//div[contains(@class,'fjs-form-field-textarea')]//textarea"));
    assertThat(again.getAttribute("value")).isEqualTo("A kettle <i>please</i>");
    assertThat(
            browser
                .findElement(
                    By.xpath(
                        "//div[contains(@class,'fjs-form-field-radio')][label[starts-with(normalize-space(.),'How was your first night')]]//div[contains(@class,'fjs-inline-label')][label[normalize-space(.)='4']]/input[@type='radio']"))
                .isSelected())
        .isTrue();
  }
}
