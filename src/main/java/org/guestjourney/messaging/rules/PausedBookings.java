package org.guestjourney.messaging.rules;

import java.util.Optional;
import org.guestjourney.messaging.AutomationPauses;

/** Whether staff paused a booking's automatic messages, and who. */
public interface PausedBookings {

  Optional<AutomationPauses.Pause> of(long bookingId);
}
