package org.guestjourney.guestrequest;

import java.util.List;
import org.guestjourney.tasklist.StaffTask;
import org.guestjourney.tasklist.TaskDetails;
import org.springframework.stereotype.Component;

/** Shows what the guest asked for on their request's task. */
@Component
class GuestRequestTaskDetails implements TaskDetails {

  private final GuestRequestRepository requests;

  private final org.guestjourney.web.StaffWords words;

  GuestRequestTaskDetails(GuestRequestRepository requests, org.guestjourney.web.StaffWords words) {
    this.requests = requests;
    this.words = words;
  }

  @Override
  public java.util.Optional<Triage> triageFor(StaffTask task) {
    if (task.requestId() == null) {
      return java.util.Optional.empty();
    }
    return requests
        .findById(task.requestId())
        .map(r -> new Triage(r.category(), r.urgency(), r.description()));
  }

  @Override
  public List<Detail> detailsFor(StaffTask task) {
    if (task.requestId() == null) {
      return List.of();
    }
    return requests
        .findById(task.requestId())
        .map(
            r ->
                List.of(
                    new Detail(
                        "Request",
                        words.word(r.category())
                            + (r.urgency() == null ? "" : " · " + words.word(r.urgency()))
                            + (r.team() == null
                                ? ""
                                : " · " + words.say("detail.forteam", words.word(r.team())))),
                    new Detail("The guest asked", r.description())))
        .orElse(List.of());
  }
}
