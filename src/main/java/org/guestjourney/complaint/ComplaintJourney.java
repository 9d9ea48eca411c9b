package org.guestjourney.complaint;

/**
 * Ids shared between {@code bpmn/complaint.bpmn}, {@code complaint-classification.dmn} and the
 * code. The code reacts to the task kinds ({@code KIND_*}, the user tasks' {@code taskKind}
 * headers); the element ids are here for tests that watch where an instance stands.
 */
public final class ComplaintJourney {

  public static final String PROCESS_ID = "complaint";
  public static final String DECISION_CLASSIFICATION = "complaint-classification";

  /**
   * Starts the journey (message start event), correlation key the complaint id, message id {@code
   * complaint-raised/<id>}: a start sent twice is one message and one journey.
   */
  public static final String MESSAGE_COMPLAINT_RAISED = "complaint-raised";

  /**
   * Resolving the complaint with the guest: the urgent call now, or the priority contact (both fill
   * in the {@code resolve-complaint} form; the kind is the form key so that instances of models of
   * before task kinds count too).
   */
  public static final String KIND_RESOLVE_COMPLAINT = "resolve-complaint";

  public static final String KIND_EVALUATE_NEED = "evaluate-need";
  public static final String KIND_APPROVE_COMPENSATION = "approve-compensation";
  public static final String KIND_PROPOSE_ALTERNATIVE = "propose-alternative";
  public static final String KIND_CALL_BACK = "call-back";
  public static final String KIND_MANAGER_FOLLOW_UP = "manager-follow-up";

  public static final String RULE_CLASSIFY_COMPLAINT = "rule_classify_complaint";
  public static final String GATEWAY_URGENCY = "gateway_urgency";
  public static final String TASK_CALL_GUEST_NOW = "task_call_guest_now";
  public static final String BOUNDARY_CALL_NOW_OVERDUE = "boundary_call_now_overdue";
  public static final String TASK_EVALUATE_NEED = "task_evaluate_need";
  public static final String BOUNDARY_APPROVAL_OVERDUE = "boundary_approval_overdue";
  public static final String TASK_PROPOSE_ALTERNATIVE = "task_propose_alternative";
  public static final String TASK_MANAGER_FOLLOW_UP = "task_manager_follow_up";
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
      String approveWithin,
      String callBackWithin,
      String scope) {}

  /** The SLA moments the process waits for, ISO-8601. */
  public record Deadlines(
      String acknowledgeDueAt, String resolveDueAt, String callBackDueAt, String urgency) {}
}
