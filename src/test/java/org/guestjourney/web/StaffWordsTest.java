package org.guestjourney.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Staff pages say what to do in words, not which environment variable to set. */
class StaffWordsTest {

  final StaffWords words = new StaffWords();

  @Test
  void aReasonNamingSettingsSaysWhoSetsItUpAndWhereToRead() {
    assertThat(
            words.plain(
                "SMS disabled: no sender configured"
                    + " (GUEST_JOURNEY_TWILIO_SMSFROM or GUEST_JOURNEY_TWILIO_MESSAGINGSERVICESID)"))
        .isEqualTo(
            "SMS disabled: no sender configured — whoever runs the app sets this up (see the"
                + " “Configuration” section of the README)");
    assertThat(
            words.plain(
                "Kept in the app only: no SMTP server is configured (set SPRING_MAIL_HOST to"
                    + " deliver e-mail)"))
        .isEqualTo(
            "Kept in the app only: no SMTP server is configured — whoever runs the app sets this"
                + " up (see the “Configuration” section of the README)");
    assertThat(
            words.plain(
                "no auth token for its Twilio account AC123 in the environment"
                    + " (GUESTJOURNEY_TWILIO_AUTHTOKENS_AC123)"))
        .doesNotContain("GUESTJOURNEY")
        .contains("whoever runs the app sets this up");
  }

  @Test
  void wordsWithoutSettingsAreLeftAlone() {
    assertThat(words.plain("The guest opted out (STOP)")).isEqualTo("The guest opted out (STOP)");
    assertThat(words.plain(null)).isNull();
  }
}
