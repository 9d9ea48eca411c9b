package org.guestjourney.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;
import org.guestjourney.booking.BookingRequest;
import org.guestjourney.booking.BookingRequest.GuestDetails;
import org.guestjourney.property.Property;
import org.guestjourney.support.HeadlessChromium;
import org.guestjourney.support.JourneyIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The staff pages speak the language each person chose on their account page, in real Chromium on a
 * phone: a front-desk member of the Hangzhou house chooses Simplified Chinese and the menu, the
 * house board, the bookings and the tasklist are in Chinese, with times in their zone; a colleague
 * who chose nothing keeps the browser's English.
 */
class StaffLanguageBrowserTest extends JourneyIntegrationTest {

  static final String PASSWORD = "a-long-password-1234";

  @LocalServerPort int port;
  @Autowired StaffAccountService accounts;
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

  void signIn(WebDriverWait wait, String username) {
    browser.get(url("/today"));
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys(username);
    browser.findElement(By.id("password")).sendKeys(PASSWORD);
    browser.findElement(By.cssSelector("button[type=submit]")).click();
    wait.until(
        ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=arrivals]")));
  }

  String main() {
    return browser.findElement(By.tagName("main")).getText();
  }

  String menu() {
    return browser.findElement(By.cssSelector("header.top")).getText();
  }

  @Test
  void aPersonWhoChoseChineseReadsTheStaffPagesInChinese() {
    Property house = data.property("Asia/Shanghai", "zh-CN");
    String tag = UUID.randomUUID().toString().substring(0, 6);
    LocalDate today = LocalDate.ofInstant(engine.now(), house.timeZone());
    data.book(
        new BookingRequest(
            house.id(),
            "REF-" + tag,
            "direct",
            today,
            today.plusDays(2),
            "8",
            2,
            null,
            new GuestDetails("王芳 " + tag, data.uniqueEmail(), "+8613800138000", "zh-CN")));
    String li = "li-" + tag;
    String tom = "tom-" + tag;
    accounts.create(li, PASSWORD, StaffRole.FRONT_DESK, false, Set.of(house.id()), "test");
    accounts.create(tom, PASSWORD, StaffRole.FRONT_DESK, false, Set.of(house.id()), "test");

    browser = HeadlessChromium.phone();
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
    signIn(wait, li);
    assertThat(menu()).contains("Tasks", "Today", "Bookings");

    browser.get(url("/account"));
    new Select(browser.findElement(By.cssSelector("[data-testid=language]")))
        .selectByValue("zh-CN");
    browser.findElement(By.cssSelector("[data-testid=language-save]")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector("[data-testid=done]"), "已保存您的语言"));
    assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("zh-CN");
    assertThat(browser.findElement(By.tagName("h1")).getText()).startsWith("您的账户");
    assertThat(menu()).contains("任务", "今天", "预订", "退出登录").doesNotContain("Tasks");

    browser.get(url("/today"));
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo(house.name() + "：今天");
    assertThat(main())
        .contains("今日入住", "王芳 " + tag, "8 号房", "尚不知道到达时间", "Asia/Shanghai 时间")
        .doesNotContain("Arriving", "Nobody");

    browser.get(url("/bookings"));
    assertThat(main()).contains("预订", "今日入住", "客人姓名或预订编号").doesNotContain("Stage");

    browser.get(url("/tasks"));
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("任务");
    assertThat(main()).contains("只看我的", "逾期任务排在最前面", "全选当前显示的任务", "由我领取", "排序");

    // a second session of the same person: the choice is stored on the account
    browser.manage().deleteAllCookies();
    signIn(wait, li);
    assertThat(browser.findElement(By.tagName("h1")).getText()).endsWith("：今天");

    // a colleague who chose nothing reads the browser's language (English)
    browser.manage().deleteAllCookies();
    signIn(wait, tom);
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo(house.name() + ": today");
    assertThat(main()).contains("Arriving", "Asia/Shanghai time");
    assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
  }
}
