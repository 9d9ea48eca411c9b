package org.guestjourney.web;

import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Says on staff pages, in words, what the app records for operators: a reason that names a
 * configuration setting ("no sender configured (GUEST_JOURNEY_TWILIO_SMSFROM)") is shown as what to
 * do and where to read about it. Logs, the API and the stored records keep the setting's name for
 * whoever runs the app. Templates call it as {@code ${@staffWords.plain(text)}}.
 */
@Component("staffWords")
public class StaffWords {

  /** Where operators read how to set the app up. */
  static final String README = "the “Configuration” section of the README";

  private static final String SETTING =
      "(?:GUEST_?JOURNEY|SPRING)_[A-Z0-9_]+(?:<[^>]*>|[A-Za-z0-9]*)";

  /** A parenthesis naming settings, e.g. "(set SPRING_MAIL_HOST to deliver e-mail)". */
  private static final Pattern NAMED_SETTINGS =
      Pattern.compile("\\s*\\((?:[^()]*?)" + SETTING + "(?:[^()]*?)\\)");

  private static final Pattern ANY_SETTING = Pattern.compile(SETTING);

  public String plain(String text) {
    if (text == null || !ANY_SETTING.matcher(text).find()) {
      return text;
    }
    String withoutNames =
        NAMED_SETTINGS
            .matcher(text)
            .replaceAll(
                java.util.regex.Matcher.quoteReplacement(
                    " — whoever runs the app sets this up (see " + README + ")"));
    // a name outside parentheses: the same advice instead of it
    return ANY_SETTING.matcher(withoutNames).replaceAll("a setting of the app");
  }
}
