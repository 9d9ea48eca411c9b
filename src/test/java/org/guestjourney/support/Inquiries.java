package org.guestjourney.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.guestjourney.inquiry.Inquiry;
import org.guestjourney.inquiry.InquiryService;

/** Inquiries in tests: their journey starts from the engine outbox, after the inquiry is stored. */
public final class Inquiries {

  private Inquiries() {}

  /** Waits until the inquiry's journey has started and returns the inquiry with its key. */
  public static Inquiry started(InquiryService inquiries, Inquiry received) {
    return await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> inquiries.get(received.id()), i -> i.processInstanceKey() != null);
  }
}
