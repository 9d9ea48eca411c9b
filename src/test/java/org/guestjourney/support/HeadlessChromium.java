package org.guestjourney.support;

import java.io.File;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium and ChromeDriver, headless, at a phone's size; no browser is downloaded. The
 * flags keep Chromium off the network (the machine reaches only package registries).
 */
public final class HeadlessChromium {

  private HeadlessChromium() {}

  public static WebDriver phone() {
    return withWindow("390,844");
  }

  /** A desktop-sized window, for the studio's modeler. */
  public static WebDriver desktop() {
    return withWindow("1600,1000");
  }

  private static WebDriver withWindow(String size) {
    ChromeOptions options = new ChromeOptions();
    options.setBinary("/usr/bin/chromium");
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--window-size=" + size);
    return new ChromeDriver(
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File("/usr/bin/chromedriver"))
            .build(),
        options);
  }
}
