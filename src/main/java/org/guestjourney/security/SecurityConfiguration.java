package org.guestjourney.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who gets in (ADR 0030): integrations with an API key (bearer token) under {@code /api/**}, staff
 * with a session from the sign-in form everywhere else (and on the API from the pages, with a CSRF
 * token). Only the guests' token links (survey, preferences, unsubscribe) and the signed provider
 * webhooks are open. No HTTP Basic.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

  static final String GROUP_PREFIX = Roles.GROUP_PREFIX;

  private static final RequestMatcher API =
      request -> request.getRequestURI().startsWith(request.getContextPath() + "/api/");

  @Bean
  SecurityFilterChain pages(
      HttpSecurity http,
      ApiKeyService keys,
      StaffAccountService staff,
      LoginThrottle throttle,
      ObjectMapper json)
      throws Exception {
    ProblemResponses problems = new ProblemResponses(json);
    String manager = Roles.MANAGER_AUTHORITY;
    http.authorizeHttpRequests(
            auth ->
                auth
                    // guests' token links, signed webhooks and what the sign-in page needs
                    .requestMatchers(
                        "/unsubscribe/**",
                        "/survey/**",
                        "/webhooks/**",
                        "/app.css",
                        "/vendor/**",
                        "/tasklist.js",
                        "/studio-page.css",
                        "/login",
                        "/error",
                        "/actuator/health",
                        "/favicon.ico")
                    .permitAll()
                    // the time machine (embedded default only) moves everyone's clock: managers
                    .requestMatchers("/api/time/**", "/time/**")
                    .hasAuthority(manager)
                    // what changes how a house talks to its guests is for managers only
                    .requestMatchers("/api/properties/*/twilio")
                    .hasAuthority(manager)
                    .requestMatchers(HttpMethod.PUT, "/api/properties/*/settings")
                    .hasAuthority(manager)
                    .requestMatchers(HttpMethod.PUT, "/api/properties/*/house")
                    .hasAuthority(manager)
                    // keys manage keys only with the explicit ADMIN scope (ADR 0032)
                    .requestMatchers("/api/keys", "/api/keys/**")
                    .hasAnyAuthority(manager, ApiKeyAuthentication.API_ADMIN)
                    // one guest across bookings: merging and its undoing are a manager's (ADR 0062)
                    .requestMatchers(
                        HttpMethod.POST,
                        "/api/guests/*/merge",
                        "/api/guests/merges/**",
                        "/api/guests/suggestions/**")
                    .hasAnyAuthority(manager, ApiKeyAuthentication.API_WRITE)
                    .requestMatchers("/guests/suggestions/**", "/guests/merges/**")
                    .hasAuthority(manager)
                    // a guest's profile (allergies, contacts): not for housekeeping
                    .requestMatchers(
                        HttpMethod.GET,
                        "/api/guests",
                        "/api/guests/**",
                        "/api/guest-segments",
                        "/api/guest-segments/**")
                    .hasAnyAuthority(
                        ApiKeyAuthentication.API_READ, manager, GROUP_PREFIX + Roles.FRONT_DESK)
                    .requestMatchers(HttpMethod.GET, "/api/**")
                    .authenticated()
                    .requestMatchers("/api/**")
                    .hasAnyAuthority(
                        ApiKeyAuthentication.API_WRITE, manager, GROUP_PREFIX + Roles.FRONT_DESK)
                    .requestMatchers(
                        "/kpis/**",
                        "/kpis",
                        "/properties/**",
                        "/access/**",
                        "/access",
                        "/audit",
                        "/audit.csv",
                        "/studio",
                        "/studio/**",
                        "/privacy/**")
                    .hasAuthority(manager)
                    // guests' contacts, conversations and messages: not for housekeeping
                    .requestMatchers(
                        "/",
                        "/bookings/**",
                        "/messages/**",
                        "/feedback/**",
                        "/feedback",
                        "/inbox",
                        "/inbox/**",
                        "/guests",
                        "/guests/**")
                    .hasAnyAuthority(manager, GROUP_PREFIX + Roles.FRONT_DESK)
                    .anyRequest()
                    .authenticated())
        .addFilterAfter(new ApiKeyFilter(keys, problems), SecurityContextHolderFilter.class)
        .addFilterAfter(new StaffSessionCheck(staff), SecurityContextHolderFilter.class)
        .addFilterBefore(new LoginLockFilter(throttle), UsernamePasswordAuthenticationFilter.class)
        // machines post without a session: API calls with a key, provider webhooks (signed) and
        // one-click unsubscribe (RFC 8058, the link itself is the proof). Staff sessions calling
        // the API keep CSRF protection.
        .csrf(
            csrf ->
                csrf.ignoringRequestMatchers(
                    ApiKeyFilter::carriesBearer,
                    // an API call without a session cannot be a forged browser request (staff
                    // only get in through a session): let it reach authentication and get a 401
                    request -> API.matches(request) && request.getRequestedSessionId() == null,
                    request -> path(request).startsWith("/webhooks/"),
                    request -> path(request).startsWith("/unsubscribe/")))
        .exceptionHandling(
            e ->
                e.defaultAuthenticationEntryPointFor(problems.unauthenticated(), API)
                    .defaultAccessDeniedHandlerFor(problems.denied(), API)
                    // pages: the error page in plain words (with one handler only, Spring would
                    // answer every refused page with the API's problem details)
                    .defaultAccessDeniedHandlerFor(
                        new org.springframework.security.web.access.AccessDeniedHandlerImpl(),
                        org.springframework.security.web.util.matcher.AnyRequestMatcher.INSTANCE))
        .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/tasks", false).permitAll())
        .logout(logout -> logout.logoutSuccessUrl("/login?signed-out"));
    return http.build();
  }

  private static String path(HttpServletRequest request) {
    return request.getRequestURI().substring(request.getContextPath().length());
  }

  @Bean
  PasswordEncoder passwordEncoder() {
    return PasswordEncoderFactories.createDelegatingPasswordEncoder();
  }
}
