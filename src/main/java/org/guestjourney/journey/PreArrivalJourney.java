package org.guestjourney.journey;

/** Ids shared between {@code bpmn/pre-arrival.bpmn} and the code. */
public final class PreArrivalJourney {

  public static final String PROCESS_ID = "pre-arrival";

  /**
   * The messages the pre-arrival journey sends; the in-stay and post-stay journeys send the rest.
   */
  static final java.util.Set<org.guestjourney.messaging.MessageStep> STEPS =
      java.util.EnumSet.of(
          org.guestjourney.messaging.MessageStep.BOOKING_CONFIRMATION,
          org.guestjourney.messaging.MessageStep.BOOKING_CHANGED,
          org.guestjourney.messaging.MessageStep.CHECK_IN_GUIDE,
          org.guestjourney.messaging.MessageStep.DAY_BEFORE_REMINDER,
          org.guestjourney.messaging.MessageStep.BOOKING_CANCELLATION);

  public static final String RESOURCE = "bpmn/pre-arrival.bpmn";

  // messages (past tense), correlated on the booking id
  public static final String MESSAGE_BOOKING_MODIFIED = "booking-modified";
  public static final String MESSAGE_BOOKING_CANCELLED = "booking-cancelled";

  /** Thrown by the end event: starts the in-stay journey. */
  public static final String MESSAGE_GUEST_CHECKED_IN = "guest-checked-in";

  // elements that code and tests refer to
  public static final String TASK_PLAN_JOURNEY = "task_plan_journey";
  public static final String TASK_SEND_BOOKING_CONFIRMATION = "task_send_booking_confirmation";
  public static final String TIMER_CHECK_IN_GUIDE_DUE = "timer_check_in_guide_due";
  public static final String TASK_SEND_CHECK_IN_GUIDE = "task_send_check_in_guide";
  public static final String TIMER_DAY_BEFORE_ARRIVAL = "timer_day_before_arrival";
  public static final String TASK_SEND_DAY_BEFORE_REMINDER = "task_send_day_before_reminder";
  public static final String TIMER_ARRIVAL_MORNING = "timer_arrival_morning";
  public static final String TASK_CHECK_ARRIVAL_TIME = "task_check_arrival_time";
  public static final String TASK_CALL_GUEST_FOR_ETA = "task_call_guest_for_eta";
  public static final String TIMER_CHECK_IN_TIME = "timer_check_in_time";
  public static final String BOUNDARY_BOOKING_MODIFIED = "boundary_booking_modified";
  public static final String TASK_REPLAN_JOURNEY = "task_replan_journey";
  public static final String TASK_SEND_BOOKING_CHANGED = "task_send_booking_changed";
  public static final String BOUNDARY_BOOKING_CANCELLED = "boundary_booking_cancelled";
  public static final String TASK_SEND_CANCELLATION = "task_send_cancellation";
  public static final String END_GUEST_ARRIVING = "end_guest_arriving";
  public static final String END_JOURNEY_CANCELLED = "end_journey_cancelled";

  // task header naming the message a send task sends
  public static final String HEADER_MESSAGE_STEP = "messageStep";

  private PreArrivalJourney() {}

  /** What the process carries: the booking id only, plus the moments its timers wait for. */
  public record Variables(long bookingId) {}

  /** The moments the timers wait for, ISO-8601 with the property's UTC offset. */
  public record Moments(
      String checkInGuideAt,
      String dayBeforeReminderAt,
      String arrivalMorningAt,
      String checkInAt) {}

  /** Whether the guest told us (or staff learned) when they will arrive. */
  public record ArrivalTime(boolean arrivalTimeKnown) {}
}
