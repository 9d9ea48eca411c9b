package org.guestjourney.runtime;

/**
 * The embedded engine's directory cannot be used by this start: another running app holds it, or it
 * ran with another database (ADR 0083). Says why and what to do; the start stops with both shown as
 * Spring Boot's start-up failure report, not buried in a stack trace.
 */
final class EngineDirectoryRefused extends IllegalStateException {

  private final String description;
  private final String action;

  EngineDirectoryRefused(String description, String action) {
    super(description + " " + action);
    this.description = description;
    this.action = action;
  }

  String description() {
    return description;
  }

  String action() {
    return action;
  }
}
