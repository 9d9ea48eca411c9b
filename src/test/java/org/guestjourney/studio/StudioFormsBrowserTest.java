package org.guestjourney.studio;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.guestjourney.support.HeadlessChromium;
import org.guestjourney.support.JourneyIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A manager renames a field of the "handle guest request" form in the studio's form editor
 * (form-js, in Debian's Chromium): the guest-request journey reads that field, so deployment is
 * refused with the field named and nothing changes.
 */
class StudioFormsBrowserTest extends JourneyIntegrationTest {

  private static final String FORM = "handle-guest-request";

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
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
    jdbc.sql("delete from studio_draft").update();
    jdbc.sql("delete from form_version where form_key = ?").param(FORM).update();
  }

  @Test
  void aFormThatRenamesAFieldTheJourneyReadsIsRefusedWithTheFieldNamed() {
    int versionsBefore =
        jdbc.sql("select count(*) from form_version").query(Integer.class).single();
    browser.get(url("/studio/forms"));
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")))
        .sendKeys("manager");
    browser.findElement(By.id("password")).sendKeys("manager");
    browser.findElement(By.cssSelector("button[type=submit]")).click();
    WebElement row =
        wait.until(
            ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("[data-form=" + FORM + "]")));
    assertThat(row.getText()).contains("Solved now");
    row.findElement(By.cssSelector("a")).click();
    wait.until(
        ExpectedConditions.attributeToBe(By.cssSelector("[data-editor]"), "data-ready", "true"));

    // select the "Solved now" tick box on the canvas and give it another key
    WebElement solved;
    try {
      solved =
          wait.until(
              ExpectedConditions.elementToBeClickable(
                  By.cssSelector("#form-editor [data-id=field_solved]")));
    } catch (RuntimeException e) {
      String editor = browser.findElement(By.id("form-editor")).getAttribute("innerHTML");
      throw new AssertionError(
          "No tick box in the form editor: " + editor.substring(0, Math.min(3000, editor.length())),
          e);
    }
    assertThat(solved.getText()).contains("Solved now");
    solved.click();
    // the properties panel's "General" group, opened
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("bio-properties-panel-key")));
    if (!browser.findElement(By.id("bio-properties-panel-key")).isDisplayed()) {
      browser
          .findElement(
              By.cssSelector("[data-group-id=group-general] .bio-properties-panel-group-header"))
          .click();
    }
    WebElement key;
    try {
      key = wait.until(ExpectedConditions.elementToBeClickable(By.id("bio-properties-panel-key")));
    } catch (RuntimeException e) {
      throw new AssertionError(
          "Key field not shown: "
              + ((JavascriptExecutor) browser)
                  .executeScript(
                      "const e = document.getElementById('bio-properties-panel-key');"
                          + " const r = e.getBoundingClientRect(); let out = JSON.stringify(r);"
                          + " for (let p = e; p; p = p.parentElement) { const s ="
                          + " getComputedStyle(p); if (s.display === 'none' || s.visibility"
                          + " === 'hidden' || p.offsetHeight === 0) out += ' | ' + p.className"
                          + " + ':' + s.display + '/' + p.offsetHeight; } return out;"),
          e);
    }
    key.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
    key.sendKeys("fixed");
    wait.until(
        d ->
            String.valueOf(
                    ((JavascriptExecutor) d)
                        .executeScript(
                            "return JSON.stringify(window.studioForms.editor.saveSchema());"))
                .contains("\"key\":\"fixed\""));

    click("deploy");
    awaitStatus("Not deployed");
    assertThat(
            browser
                .findElements(By.cssSelector("[data-testid=problems] li[data-severity=error]"))
                .stream()
                .map(WebElement::getText)
                .toList())
        .anyMatch(p -> p.contains("Field solved is missing"));
    assertThat(jdbc.sql("select count(*) from form_version").query(Integer.class).single())
        .isEqualTo(versionsBefore);
  }

  private void click(String testId) {
    browser.findElement(By.cssSelector("[data-testid=" + testId + "]")).click();
  }

  private void awaitStatus(String text) {
    try {
      wait.until(
          ExpectedConditions.textToBePresentInElementLocated(
              By.cssSelector("[data-testid=status]"), text));
    } catch (RuntimeException e) {
      throw new AssertionError(
          "Status: "
              + browser.findElement(By.cssSelector("[data-testid=status]")).getText()
              + "; problems: "
              + browser.findElement(By.cssSelector("[data-testid=problems]")).getText(),
          e);
    }
  }

  private String url(String path) {
    return "http://localhost:" + port + path;
  }
}
