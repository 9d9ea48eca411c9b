package org.guestjourney.inquiry;

/** Ids shared between {@code bpmn/inquiry.bpmn} and the code. */
public final class InquiryJourney {

  public static final String PROCESS_ID = "inquiry";
  public static final String TASK_PLAN_INQUIRY_ANSWER = "task_plan_inquiry_answer";
  public static final String TASK_SEND_HOLDING_REPLY = "task_send_holding_reply";
  public static final String TASK_ANSWER_INQUIRY = "task_answer_inquiry";

  /** The answer task's {@code taskKind} header: what the code reacts to. */
  public static final String KIND_ANSWER_INQUIRY = "answer-inquiry";

  public static final String BOUNDARY_ANSWER_SLA_BREACHED = "boundary_answer_sla_breached";
  public static final String TASK_SEND_INQUIRY_ANSWER = "task_send_inquiry_answer";
  public static final String END_INQUIRY_ANSWERED = "end_inquiry_answered";
  public static final String HEADER_MESSAGE_STEP = "messageStep";

  private InquiryJourney() {}

  /** When the answer is due, and whether the inquiry came in during working hours. */
  public record AnswerPlan(boolean withinWorkingHours, String answerDueAt) {}
}
