package org.guestjourney.messaging;

import java.time.Instant;

/**
 * Another attempt holds the message for sending until its lease ends: a replica sending it, or a
 * run killed while sending it, whose job came back when this run started. Tried again when the
 * lease ends, without using up an attempt, and not a hold (the journey does not wait on it).
 */
public class SendInProgress extends SendFailedException {

  public SendInProgress(String message, Instant leaseEnds) {
    super(message, null, leaseEnds);
  }
}
