package org.guestjourney.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.guestjourney.complaint.Complaint;
import org.guestjourney.complaint.ComplaintService;

/** Complaints in tests: their journey starts from the engine outbox, after the complaint. */
public final class Complaints {

  private Complaints() {}

  /** Waits until the complaint's journey has started and returns the complaint with its key. */
  public static Complaint started(ComplaintService complaints, Complaint raised) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> complaints.get(raised.id()), c -> c.processInstanceKey() != null);
  }
}
