package org.guestjourney.survey;

import java.time.Duration;

/** The surveys guests answer, their form, how long a link works and the message an answer sends. */
public enum SurveyKind {
  QUICK("quick-survey", Duration.ofDays(2), "quick-survey-answered", "fixToday"),
  SATISFACTION(
      "satisfaction-survey", Duration.ofDays(14), "satisfaction-survey-answered", "comments");

  private final String form;
  private final Duration validFor;
  private final String answeredMessage;
  private final String freeTextField;

  SurveyKind(String form, Duration validFor, String answeredMessage, String freeTextField) {
    this.form = form;
    this.validFor = validFor;
    this.answeredMessage = answeredMessage;
    this.freeTextField = freeTextField;
  }

  /** The form's field where the guest writes in their own words. */
  public String freeTextField() {
    return freeTextField;
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
