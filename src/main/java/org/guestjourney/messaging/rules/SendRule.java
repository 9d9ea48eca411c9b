package org.guestjourney.messaging.rules;

/**
 * One rule checked when a message is due. Rules are Spring beans ordered by {@link
 * org.springframework.core.annotation.Order} with the constants below; the first decision that is
 * not {@link SendDecision.Send} wins, so a cheaper or more final rule comes first (a cancelled
 * booking is said before quiet hours).
 */
public interface SendRule {

  int CANCELLED_BOOKING = 100;
  int STALE = 200;
  int PAUSED = 300;
  int STAY_CAP = 400;
  int CHANNEL = 500;
  int QUIET_HOURS = 600;
  int SPACING = 700;
  int DAILY_CAP = 800;

  SendDecision decide(SendContext context);

  /**
   * Whether the rule also holds back the SMS fallback of a WhatsApp message (which otherwise goes
   * at once: it is the same message, late already).
   */
  default boolean appliesToFallbacks() {
    return false;
  }
}
