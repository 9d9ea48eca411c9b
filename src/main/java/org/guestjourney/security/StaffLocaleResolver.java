package org.guestjourney.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.Locale;
import java.util.Optional;
import org.guestjourney.web.PageLocale;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.LocaleResolver;

/**
 * The language a page is written in: what the page chose for its reader (a guest page: the guest's
 * language), else the language the signed-in person chose on their account page, else what the
 * browser asks for (Accept-Language), else English. The person's choice is read from the database
 * once per session and kept there until they change it.
 */
@Component("localeResolver")
class StaffLocaleResolver implements LocaleResolver {

  static final String SESSION_KEY = StaffLocaleResolver.class.getName() + ".CHOICE";

  private final StaffAccountService accounts;

  StaffLocaleResolver(StaffAccountService accounts) {
    this.accounts = accounts;
  }

  @Override
  public Locale resolveLocale(HttpServletRequest request) {
    if (request.getAttribute(PageLocale.ATTRIBUTE) instanceof Locale chosen) {
      return chosen;
    }
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    if (auth != null
        && auth.isAuthenticated()
        && !(auth instanceof AnonymousAuthenticationToken)
        && auth.getPrincipal() instanceof StaffPrincipal) {
      Optional<String> language = choiceOf(request, auth.getName());
      if (language.isPresent()) {
        return PageLocale.of(language.get());
      }
    }
    return PageLocale.fromBrowser(request);
  }

  private Optional<String> choiceOf(HttpServletRequest request, String username) {
    HttpSession session = request.getSession(false);
    if (session != null && session.getAttribute(SESSION_KEY) instanceof Choice c) {
      if (c.username().equals(username)) {
        return Optional.ofNullable(c.language());
      }
    }
    Optional<String> language = accounts.language(username);
    if (session != null) {
      session.setAttribute(SESSION_KEY, new Choice(username, language.orElse(null)));
    }
    return language;
  }

  /** Remembers a new choice for this session (the account page stores it first). */
  static void remember(HttpServletRequest request, String username, String language) {
    HttpSession session = request.getSession(false);
    if (session != null) {
      session.setAttribute(SESSION_KEY, new Choice(username, language));
    }
  }

  @Override
  public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
    request.setAttribute(PageLocale.ATTRIBUTE, locale);
  }

  record Choice(String username, String language) implements java.io.Serializable {}
}
