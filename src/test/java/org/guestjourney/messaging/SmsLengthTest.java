package org.guestjourney.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SmsLengthTest {

  @Test
  void countsGsm7SegmentsWithExtensionCharactersTwice() {
    assertThat(SmsLength.of("a".repeat(160))).isEqualTo(new SmsLength("GSM-7", 160, 1));
    assertThat(SmsLength.of("a".repeat(161))).isEqualTo(new SmsLength("GSM-7", 161, 2));
    assertThat(SmsLength.of("a".repeat(306))).isEqualTo(new SmsLength("GSM-7", 306, 2));
    assertThat(SmsLength.of("a".repeat(307))).isEqualTo(new SmsLength("GSM-7", 307, 3));
    assertThat(SmsLength.of("Tax €2 [city]")).isEqualTo(new SmsLength("GSM-7", 16, 1));
  }

  @Test
  void anyCharacterOutsideGsm7MakesTheWholeMessageUcs2() {
    assertThat(SmsLength.of("欢".repeat(70))).isEqualTo(new SmsLength("UCS-2", 70, 1));
    assertThat(SmsLength.of("欢".repeat(71))).isEqualTo(new SmsLength("UCS-2", 71, 2));
    assertThat(SmsLength.of("See you tomorrow ☀").encoding()).isEqualTo("UCS-2");
    assertThat(SmsLength.of("")).isEqualTo(new SmsLength("GSM-7", 0, 0));
  }
}
