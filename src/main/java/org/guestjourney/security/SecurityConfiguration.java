package org.guestjourney.security;

import java.util.ArrayList;
import java.util.List;
import org.guestjourney.runtime.EmbeddedRuntimeEnvironment;
import org.guestjourney.tasklist.StaffUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

  private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);
  static final String GROUP_PREFIX = "GROUP_";

  @Bean
  SecurityFilterChain pages(HttpSecurity http) throws Exception {
    http.authorizeHttpRequests(
            auth ->
                auth
                    // what changes how a house talks to its guests is for managers only
                    .requestMatchers("/api/properties/*/twilio")
                    .hasAuthority(GROUP_PREFIX + StaffUser.MANAGER)
                    .requestMatchers(
                        org.springframework.http.HttpMethod.PUT, "/api/properties/*/settings")
                    .hasAuthority(GROUP_PREFIX + StaffUser.MANAGER)
                    .requestMatchers(
                        "/api/**",
                        "/unsubscribe/**",
                        "/survey/**",
                        "/webhooks/**",
                        "/app.css",
                        "/vendor/**",
                        "/tasklist.js",
                        "/login",
                        "/error",
                        "/actuator/health",
                        "/favicon.ico")
                    .permitAll()
                    .requestMatchers("/kpis/**", "/kpis", "/properties/**")
                    .hasAuthority(GROUP_PREFIX + StaffUser.MANAGER)
                    .anyRequest()
                    .authenticated())
        // the integration API is called by machines, not by browsers with a session
        // machines and mail clients post here without a session: the API, provider webhooks
        // (signed) and one-click unsubscribe (RFC 8058, the link itself is the proof)
        .csrf(csrf -> csrf.ignoringRequestMatchers("/api/**", "/webhooks/**", "/unsubscribe/**"))
        .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/tasks", false).permitAll())
        .httpBasic(Customizer.withDefaults())
        .logout(logout -> logout.logoutSuccessUrl("/login?signed-out"));
    return http.build();
  }

  @Bean
  PasswordEncoder passwordEncoder() {
    return PasswordEncoderFactories.createDelegatingPasswordEncoder();
  }

  @Bean
  InMemoryUserDetailsManager staffAccounts(
      StaffAccountsProperties properties,
      PasswordEncoder encoder,
      @Value("${" + EmbeddedRuntimeEnvironment.EMBEDDED_ENGINE + ":false}") boolean embedded) {
    List<UserDetails> users = new ArrayList<>();
    for (StaffAccountsProperties.Account a : properties.accounts()) {
      users.add(user(a.username(), a.password(), a.groups()));
    }
    if (users.isEmpty() && embedded) {
      log.warn(
          "No staff accounts configured: demo accounts frontdesk/frontdesk, housekeeping/housekeeping"
              + " and manager/manager are active. Configure guest-journey.staff.accounts for real use.");
      users.add(user("frontdesk", encoder.encode("frontdesk"), List.of("front-desk")));
      users.add(user("housekeeping", encoder.encode("housekeeping"), List.of("housekeeping")));
      users.add(
          user(
              "manager",
              encoder.encode("manager"),
              List.of(StaffUser.MANAGER, "front-desk", "housekeeping")));
    } else if (users.isEmpty()) {
      log.warn("No staff accounts configured (guest-journey.staff.accounts): nobody can sign in");
    }
    return new InMemoryUserDetailsManager(users);
  }

  private static UserDetails user(String name, String encodedPassword, List<String> groups) {
    return User.withUsername(name)
        .password(encodedPassword)
        .authorities(groups.stream().map(g -> GROUP_PREFIX + g).toArray(String[]::new))
        .build();
  }
}
