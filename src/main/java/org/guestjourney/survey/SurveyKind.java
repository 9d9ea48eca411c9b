package org.guestjourney.survey;

import java.time.Duration;

/** The surveys guests answer, their form, how long a link works and the message an answer sends. */
public enum SurveyKind {
  QUICK("quick-survey", Duration.ofDays(2), "quick-survey-answered"),
  SATISFACTION("satisfaction-survey", Duration.ofDays(14), "satisfaction-survey-answered");

  private final String form;
  private final Duration validFor;
  private final String answeredMessage;

  SurveyKind(String form, Duration validFor, String answeredMessage) {
    this.form = form;
    this.validFor = validFor;
    this.answeredMessage = answeredMessage;
  }

  /** The form in the guest's language: {@code quick-survey.zh-CN}, or the English one. */
  public String formKey(String language) {
    return "en".equals(language) ? form : form + "." + language;
  }

  public Duration validFor() {
    return validFor;
  }

  public String answeredMessage() {
    return answeredMessage;
  }
}
