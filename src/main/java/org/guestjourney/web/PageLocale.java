package org.guestjourney.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;

/**
 * The languages pages are written in (the message bundles under {@code i18n/}): English and
 * Simplified Chinese. A guest page sets its guest's language for the request with {@link #use}; a
 * staff page follows the person's choice (see the locale resolver in {@code security}).
 */
public final class PageLocale {

  /** The request attribute a page sets to be rendered in a given language. */
  public static final String ATTRIBUTE = PageLocale.class.getName() + ".LOCALE";

  public static final Locale ENGLISH = Locale.ENGLISH;
  public static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;

  private PageLocale() {}

  /** Renders this request's page in the language of {@code languageTag} ("en", "zh-CN"). */
  public static Locale use(HttpServletRequest request, String languageTag) {
    Locale locale = of(languageTag);
    request.setAttribute(ATTRIBUTE, locale);
    return locale;
  }

  /** The page language for a language tag: Chinese for any "zh", else English. */
  public static Locale of(String languageTag) {
    return languageTag != null && languageTag.toLowerCase(Locale.ROOT).startsWith("zh")
        ? CHINESE
        : ENGLISH;
  }

  /** The page language for what the browser asks for (Accept-Language), English otherwise. */
  public static Locale fromBrowser(HttpServletRequest request) {
    if (request.getHeader("Accept-Language") == null) {
      return ENGLISH;
    }
    for (Locale asked : java.util.Collections.list(request.getLocales())) {
      if ("zh".equals(asked.getLanguage())) {
        return CHINESE;
      }
      if ("en".equals(asked.getLanguage())) {
        return ENGLISH;
      }
    }
    return ENGLISH;
  }

  /** The HTML lang attribute of a page language. */
  public static String tag(Locale locale) {
    return CHINESE.equals(locale) ? "zh-CN" : "en";
  }
}
