package org.guestjourney.journey;

/** Ids shared between {@code bpmn/pre-arrival.bpmn} and the code. */
public final class PreArrivalJourney {

  public static final String PROCESS_ID = "pre-arrival";

  public static final String RESOURCE = "bpmn/pre-arrival.bpmn";

  // messages (past tense), correlated on the booking id
  /** Starts the journey (message start event); the message id makes a repeated start one. */
  public static final String MESSAGE_BOOKING_CONFIRMED = "booking-confirmed";

  public static final String MESSAGE_BOOKING_MODIFIED = "booking-modified";
  public static final String MESSAGE_BOOKING_CANCELLED = "booking-cancelled";

  /** A manager changed the house's journey settings: the waiting moments are armed again. */
  public static final String MESSAGE_HOUSE_SETTINGS_CHANGED = "house-settings-changed";

  /** Thrown by the end event: starts the in-stay journey. */
  public static final String MESSAGE_GUEST_CHECKED_IN = "guest-checked-in";

  // elements that code and tests refer to
  public static final String TASK_LOAD_FACTS = "task_load_facts";
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
  public static final String TASK_RELOAD_FACTS = "task_reload_facts";
  public static final String TASK_SEND_BOOKING_CHANGED = "task_send_booking_changed";
  public static final String BOUNDARY_BOOKING_CANCELLED = "boundary_booking_cancelled";
  public static final String TASK_SEND_CANCELLATION = "task_send_cancellation";
  public static final String END_GUEST_ARRIVING = "end_guest_arriving";
  public static final String END_JOURNEY_CANCELLED = "end_journey_cancelled";
  public static final String TASK_CALL_GUEST_BOOKING_CONFIRMATION =
      "task_call_guest_booking_confirmation";
  public static final String TASK_CALL_GUEST_CHECK_IN_GUIDE = "task_call_guest_check_in_guide";
  public static final String TASK_CALL_GUEST_DAY_BEFORE_REMINDER =
      "task_call_guest_day_before_reminder";
  public static final String TASK_CALL_GUEST_BOOKING_CHANGED = "task_call_guest_booking_changed";
  public static final String TASK_CALL_GUEST_CANCELLATION = "task_call_guest_cancellation";
  public static final String BOUNDARY_HOUSE_SETTINGS_CHANGED = "boundary_house_settings_changed";
  public static final String TASK_READ_NEW_SETTINGS = "task_read_new_settings";

  // task header naming the message a send task sends
  public static final String HEADER_MESSAGE_STEP = "messageStep";

  private PreArrivalJourney() {}

  /** What the process is started with: the booking id; it reads the rest ({@link StayFacts}). */
  public record Variables(long bookingId) {}

  /** Whether the guest told us (or staff learned) when they will arrive. */
  public record ArrivalTime(boolean arrivalTimeKnown) {}
}
