package org.guestjourney.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.List;

/** One real SMTP server (GreenMail) for the whole test run, on a free port. */
public final class TestMailServer {

  private static GreenMail greenMail;

  private TestMailServer() {}

  public static synchronized GreenMail get() {
    if (greenMail == null) {
      greenMail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
      greenMail.start();
    }
    return greenMail;
  }

  public static int port() {
    return get().getSmtp().getPort();
  }

  /** Every e-mail received so far for {@code address}. */
  public static List<MimeMessage> to(String address) {
    return Arrays.stream(get().getReceivedMessages())
        .filter(
            m -> {
              try {
                return Arrays.stream(m.getAllRecipients())
                    .anyMatch(a -> a.toString().equalsIgnoreCase(address));
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            })
        .toList();
  }
}
