package org.guestjourney.messaging.rules;

import java.time.Instant;
import java.util.Objects;

/** What a send-time rule decided about a due message. */
public sealed interface SendDecision {

  /** The rule does not stop the message. */
  SendDecision SEND = new Send();

  /** Nothing in this rule stops the message. */
  record Send() implements SendDecision {}

  /**
   * The message goes later: it is kept, planned again at {@code until}, with the reason in words
   * (the journey shows it as held).
   */
  record WaitUntil(Instant until, String reason) implements SendDecision {
    public WaitUntil {
      Objects.requireNonNull(until, "until");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * The message will not go; the reason is recorded. {@code guestUnreachable} when no channel
   * reaches the guest for a service message, which the journey may hand to a person.
   */
  record Skip(String reason, boolean guestUnreachable) implements SendDecision {
    public Skip {
      Objects.requireNonNull(reason, "reason");
    }

    public Skip(String reason) {
      this(reason, false);
    }
  }
}
