package org.guestjourney.messaging;

/**
 * How long an SMS is for the network: GSM-7 when every character is in the GSM 03.38 alphabet
 * (extension characters such as {@code €} or {@code [} count twice), else UCS-2; one segment holds
 * 160 GSM-7 / 70 UCS-2 characters, a longer message 153 / 67 per segment.
 */
public record SmsLength(String encoding, int units, int segments) {

  private static final String GSM_BASIC =
      "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001bÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
          + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
  private static final String GSM_EXTENSION = "^{}\\[~]|€\f";

  public static SmsLength of(String text) {
    if (text == null || text.isEmpty()) {
      return new SmsLength("GSM-7", 0, 0);
    }
    int gsmUnits = 0;
    boolean gsm = true;
    for (int i = 0; i < text.length() && gsm; i++) {
      char c = text.charAt(i);
      if (GSM_BASIC.indexOf(c) >= 0) {
        gsmUnits += 1;
      } else if (GSM_EXTENSION.indexOf(c) >= 0) {
        gsmUnits += 2;
      } else {
        gsm = false;
      }
    }
    if (gsm) {
      return new SmsLength("GSM-7", gsmUnits, gsmUnits <= 160 ? 1 : ceil(gsmUnits, 153));
    }
    int ucs2 = text.length(); // UTF-16 code units, as the network counts them
    return new SmsLength("UCS-2", ucs2, ucs2 <= 70 ? 1 : ceil(ucs2, 67));
  }

  private static int ceil(int units, int perSegment) {
    return (units + perSegment - 1) / perSegment;
  }
}
