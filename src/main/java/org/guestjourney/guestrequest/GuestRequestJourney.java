package org.guestjourney.guestrequest;

/**
 * Ids shared between {@code bpmn/guest-request.bpmn}, {@code guest-request-sla.dmn} and the code.
 * The code reacts to the task kinds ({@code KIND_*}, the user tasks' {@code taskKind} headers); the
 * element ids are here for tests that watch where an instance stands.
 */
public final class GuestRequestJourney {

  public static final String PROCESS_ID = "guest-request";
  public static final String DECISION_SLA = "guest-request-sla";

  /**
   * Starts the process (message start event), correlation key the request id, message id {@code
   * guest-request-made/<id>}: a start sent twice is one message and one process.
   */
  public static final String MESSAGE_GUEST_REQUEST_MADE = "guest-request-made";

  public static final String KIND_HANDLE_GUEST_REQUEST = "handle-guest-request";
  public static final String KIND_CHECK_SAFETY = "check-safety";

  public static final String TASK_OPEN_GUEST_REQUEST = "task_open_guest_request";
  public static final String TASK_HANDLE_GUEST_REQUEST = "task_handle_guest_request";
  public static final String TASK_CHECK_SAFETY = "task_check_safety";
  public static final String BOUNDARY_REQUEST_SLA_BREACHED = "boundary_request_sla_breached";
  public static final String TASK_SEND_REQUEST_PROGRESS = "task_send_request_progress";
  public static final String END_REQUEST_SOLVED = "end_request_solved";
  public static final String END_REQUEST_IN_PROGRESS = "end_request_in_progress";

  private GuestRequestJourney() {}
}
