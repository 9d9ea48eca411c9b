package org.guestjourney.journey;

/** Ids shared between {@code bpmn/in-stay.bpmn}, {@code bpmn/post-stay.bpmn} and the code. */
public final class StayJourneys {

  public static final String IN_STAY = "in-stay";
  public static final String POST_STAY = "post-stay";

  public static final String MESSAGE_GUEST_CHECKED_IN = "guest-checked-in";
  public static final String MESSAGE_GUEST_CHECKED_OUT = "guest-checked-out";
  public static final String MESSAGE_SATISFACTION_SURVEY_ANSWERED = "satisfaction-survey-answered";

  // in-stay
  public static final String TASK_SEND_WELCOME = "task_send_welcome";
  public static final String TIMER_MORNING_AFTER_FIRST_NIGHT = "timer_morning_after_first_night";
  public static final String TASK_SEND_QUICK_SURVEY = "task_send_quick_survey";
  public static final String RULE_COURTESY_CHECK_IN = "rule_courtesy_check_in";
  public static final String TASK_SEND_COURTESY_CHECK_IN = "task_send_courtesy_check_in";
  public static final String TIMER_CHECK_OUT_TIME = "timer_check_out_time";
  public static final String END_GUEST_CHECKED_OUT = "end_guest_checked_out";

  // post-stay
  public static final String TASK_SEND_THANK_YOU = "task_send_thank_you";
  public static final String TASK_SEND_SATISFACTION_SURVEY = "task_send_satisfaction_survey";
  public static final String CATCH_SATISFACTION_SURVEY_ANSWERED = "catch_survey_answered";
  public static final String TIMER_SURVEY_REMINDER_DUE = "timer_survey_reminder_due";
  public static final String TASK_SEND_SURVEY_REMINDER = "task_send_survey_reminder";
  public static final String TASK_SEND_REVIEW_REQUEST = "task_send_review_request";
  public static final String TASK_CALL_GUEST_WELCOME = "task_call_guest_welcome";
  public static final String TASK_CALL_GUEST_COURTESY_CHECK_IN =
      "task_call_guest_courtesy_check_in";
  public static final String TASK_CALL_GUEST_THANK_YOU = "task_call_guest_thank_you";

  // both stay journeys: a low survey score opens a complaint (event subprocess)
  public static final String MESSAGE_LOW_SCORE_ANSWERED = "low-score-answered";
  public static final String SUBPROCESS_LOW_SCORE_ANSWERED = "subprocess_low_score_answered";
  public static final String TASK_OPEN_COMPLAINT = "task_open_complaint";

  // in-stay: a settings change arms the stay's waiting moments again
  public static final String MESSAGE_HOUSE_SETTINGS_CHANGED = "house-settings-changed";
  public static final String SUBPROCESS_STAY_MESSAGES = "subprocess_stay_messages";
  public static final String TASK_READ_NEW_SETTINGS = "task_read_new_settings";
  public static final String TASK_PHONE_FOLLOW_UP = "task_phone_follow_up";
  public static final String END_POST_STAY_DONE = "end_post_stay_done";

  private StayJourneys() {}
}
