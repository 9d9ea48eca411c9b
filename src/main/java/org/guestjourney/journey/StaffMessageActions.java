package org.guestjourney.journey;

import java.time.Clock;
import java.util.Set;
import org.guestjourney.messaging.AutomationPauses;
import org.guestjourney.messaging.GuestMessageRequest;
import org.guestjourney.messaging.MessageDelivery;
import org.guestjourney.messaging.MessageStep;
import org.guestjourney.messaging.MessagingService;
import org.guestjourney.messaging.SendFailedException;
import org.guestjourney.web.ConflictException;
import org.guestjourney.web.NotFoundException;
import org.guestjourney.web.Violations;
import org.springframework.stereotype.Service;

/**
 * What staff may do to a guest's automatic messages: pause and resume them, rewrite a scheduled
 * message, or send it now. The journey keeps running: a message sent early is not sent again when
 * its timer comes, and a paused message is skipped with the name of who paused.
 */
@Service
public class StaffMessageActions {

  /** Longest text staff may write: ten SMS segments, as Twilio concatenates them. */
  public static final int MAX_TEXT = 1600;

  /** Steps that answer something else (a request, a reply): they go with it, not on their own. */
  private static final Set<MessageStep> NOT_ON_THEIR_OWN =
      Set.of(
          MessageStep.REQUEST_PROGRESS,
          MessageStep.STAFF_REPLY,
          MessageStep.COMPENSATION_OFFER,
          MessageStep.INQUIRY_HOLDING_REPLY,
          MessageStep.INQUIRY_ANSWER);

  private final MessagingService messaging;
  private final AutomationPauses pauses;
  private final JourneySteps steps;
  private final Clock clock;

  StaffMessageActions(
      MessagingService messaging, AutomationPauses pauses, JourneySteps steps, Clock clock) {
    this.messaging = messaging;
    this.pauses = pauses;
    this.steps = steps;
    this.clock = clock;
  }

  public void pause(long bookingId, String by, String note) {
    new Violations().maxLength(note, 500, "note").throwIfAny();
    pauses.pause(bookingId, by, note, clock.instant());
  }

  public void resume(long bookingId) {
    pauses.resume(bookingId);
  }

  /** Rewrites a message that has not gone out. */
  public void edit(long deliveryId, String subject, String text, String by) {
    MessageDelivery d = open(deliveryId);
    Violations v = new Violations();
    if (v.required(text == null || text.isBlank() ? null : text, "text")) {
      v.maxLength(text.strip(), MAX_TEXT, "text");
    }
    v.maxLength(subject, 200, "subject").throwIfAny();
    if (!messaging.edit(d.id(), subject, text, by)) {
      throw new ConflictException("The message went out meanwhile; its text is as it was sent");
    }
  }

  /**
   * Sends a scheduled message now, by the same rules as the journey except quiet hours, spacing and
   * the daily cap (the staff member decided). Returns the message afterwards; when the channel
   * failed, it is kept for the journey's own retry and the failure is in its history.
   */
  public MessageDelivery sendNow(long deliveryId, String by) {
    MessageDelivery d = open(deliveryId);
    if (NOT_ON_THEIR_OWN.contains(d.step())) {
      throw new ConflictException(
          d.step().label() + " goes with the task or reply it belongs to, not on its own");
    }
    GuestMessageRequest request =
        steps
            .requestFor(d)
            .orElseThrow(
                () ->
                    new ConflictException(
                        "No journey step sends " + d.step().label() + " any more"));
    if (!request.idempotencyKey().equals(d.idempotencyKey())) {
      throw new ConflictException("This message belongs to an earlier plan of the stay");
    }
    messaging.bringForward(d.id(), by);
    try {
      messaging.send(request.requestedBy(by));
    } catch (SendFailedException e) {
      // recorded on the message; the journey's timer tries again at the planned moment
    }
    return messaging.find(d.id()).orElseThrow();
  }

  private MessageDelivery open(long deliveryId) {
    MessageDelivery d =
        messaging
            .find(deliveryId)
            .filter(m -> m.bookingId() != null)
            .orElseThrow(() -> new NotFoundException("No booking message " + deliveryId));
    if (!d.isOpen()) {
      throw new ConflictException(
          "The message is " + d.state().name().toLowerCase() + "; it can no longer be changed");
    }
    return d;
  }
}
