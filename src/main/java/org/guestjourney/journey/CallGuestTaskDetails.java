package org.guestjourney.journey;

import java.util.Comparator;
import java.util.List;
import org.guestjourney.messaging.MessageDelivery;
import org.guestjourney.messaging.MessagingService;
import org.guestjourney.tasklist.StaffTask;
import org.guestjourney.tasklist.TaskDetails;
import org.springframework.stereotype.Component;

/**
 * Says on a "call the guest" task (kind {@value #TASK_KIND}) which message did not reach the guest
 * and why: the booking's latest message that failed for good by the time the task was created.
 */
@Component
class CallGuestTaskDetails implements TaskDetails {

  /** Task kind of the "call the guest" tasks a failed service message leads to. */
  static final String TASK_KIND = "call-guest";

  private final MessagingService messaging;

  private final org.guestjourney.web.StaffWords words;

  CallGuestTaskDetails(MessagingService messaging, org.guestjourney.web.StaffWords words) {
    this.messaging = messaging;
    this.words = words;
  }

  @Override
  public List<Detail> detailsFor(StaffTask task) {
    if (!TASK_KIND.equals(task.taskKind()) || task.bookingId() == null) {
      return List.of();
    }
    return messaging.forBooking(task.bookingId()).stream()
        .filter(MessageDelivery::failedForGood)
        .filter(d -> task.createdAt() == null || !d.updatedAt().isAfter(task.createdAt()))
        .max(Comparator.comparing(MessageDelivery::updatedAt))
        .map(
            d ->
                List.of(
                    new Detail("What did not reach the guest", words.label(d.step().label())),
                    new Detail(
                        "Why",
                        d.reason() == null
                            ? words.say("detail.notrecorded")
                            : words.recorded(d.reason()))))
        .orElse(List.of());
  }
}
