package org.guestjourney.property;

import java.util.List;
import java.util.Locale;

/** The languages a house may write to its guests in (one message template folder per language). */
public final class Languages {

  public static final List<String> SUPPORTED = List.of("en", "zh-CN");
  public static final String UNSUPPORTED = "must be one of " + SUPPORTED;

  private Languages() {}

  public static boolean isSupported(String tag) {
    return tag != null && SUPPORTED.contains(tag);
  }

  public static Locale locale(String tag) {
    return Locale.forLanguageTag(tag);
  }
}
