package org.guestjourney.messaging.rules;

import org.guestjourney.booking.BookingStatus;
import org.guestjourney.messaging.MessageStep;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** A cancelled booking gets only the cancellation acknowledgement. */
@Component
@Order(SendRule.CANCELLED_BOOKING)
public class CancelledBookingRule implements SendRule {

  @Override
  public SendDecision decide(SendContext c) {
    if (c.booking() != null
        && c.booking().status() == BookingStatus.CANCELLED
        && !MessageStep.BOOKING_CANCELLATION.equals(c.step())) {
      return new SendDecision.Skip("The booking was cancelled before this message was due");
    }
    return SendDecision.SEND;
  }

  @Override
  public boolean appliesToFallbacks() {
    return true;
  }
}
