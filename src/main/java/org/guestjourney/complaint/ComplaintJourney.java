package org.guestjourney.complaint;

/**
 * Ids shared between {@code bpmn/complaint.bpmn}, {@code complaint-classification.dmn} and the
 * code.
 */
public final class ComplaintJourney {

  public static final String PROCESS_ID = "complaint";
  public static final String DECISION_CLASSIFICATION = "complaint-classification";

  public static final String RULE_CLASSIFY_COMPLAINT = "rule_classify_complaint";
  public static final String TASK_OPEN_COMPLAINT_CASE = "task_open_complaint_case";
  public static final String TASK_CONTACT_GUEST = "task_contact_guest";
  public static final String BOUNDARY_ACKNOWLEDGE_SLA_BREACHED =
      "boundary_acknowledge_sla_breached";
  public static final String BOUNDARY_RESOLVE_SLA_BREACHED = "boundary_resolve_sla_breached";
  public static final String TASK_APPROVE_COMPENSATION = "task_approve_compensation";
  public static final String TASK_SEND_COMPENSATION_OFFER = "task_send_compensation_offer";
  public static final String TASK_CALL_BACK_GUEST = "task_call_back_guest";
  public static final String TASK_RECORD_OUTCOME = "task_record_outcome";
  public static final String END_COMPLAINT_CLOSED = "end_complaint_closed";

  public static final String HEADER_MESSAGE_STEP = "messageStep";

  private ComplaintJourney() {}

  /** What the DMN table decides about a complaint. */
  public record Classification(
      String urgency,
      String acknowledgeWithin,
      String resolveWithin,
      String callBackWithin,
      String scope) {}

  /** The SLA moments the process waits for, ISO-8601. */
  public record Deadlines(
      String acknowledgeDueAt, String resolveDueAt, String callBackDueAt, String urgency) {}
}
