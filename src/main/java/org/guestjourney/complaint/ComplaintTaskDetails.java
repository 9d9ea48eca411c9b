package org.guestjourney.complaint;

import java.util.ArrayList;
import java.util.List;
import org.guestjourney.tasklist.StaffTask;
import org.guestjourney.tasklist.TaskDetails;
import org.springframework.stereotype.Component;

/** Shows the complaint, and what was proposed so far, on its tasks. */
@Component
class ComplaintTaskDetails implements TaskDetails {

  private final ComplaintRepository complaints;

  private final org.guestjourney.web.StaffWords words;

  ComplaintTaskDetails(ComplaintRepository complaints, org.guestjourney.web.StaffWords words) {
    this.complaints = complaints;
    this.words = words;
  }

  @Override
  public java.util.Optional<Triage> triageFor(StaffTask task) {
    if (task.complaintId() == null) {
      return java.util.Optional.empty();
    }
    return complaints
        .findById(task.complaintId())
        .map(c -> new Triage(c.category() + " complaint", c.urgency(), c.description()));
  }

  @Override
  public List<Detail> detailsFor(StaffTask task) {
    if (task.complaintId() == null) {
      return List.of();
    }
    return complaints
        .findById(task.complaintId())
        .map(
            c -> {
              List<Detail> d = new ArrayList<>();
              d.add(
                  new Detail(
                      "Complaint",
                      words.word(c.category())
                          + (c.urgency() == null ? "" : " · " + words.word(c.urgency()))));
              d.add(new Detail("What happened", c.description()));
              if (c.solution() != null) {
                d.add(new Detail("Proposed solution", c.solution()));
              }
              if (c.compensation() != null && !"none".equals(c.compensation())) {
                d.add(
                    new Detail(
                        "Proposed compensation",
                        words.word(c.compensation())
                            + (c.compensationDetail() == null
                                ? ""
                                : ": " + c.compensationDetail())));
              }
              if (c.compensationApproved() != null) {
                d.add(
                    new Detail(
                        "Compensation",
                        words.say(
                            c.compensationApproved()
                                ? "detail.compensation.approved"
                                : "detail.compensation.rejected")));
              }
              if (c.managerNote() != null && !c.managerNote().isBlank()) {
                d.add(new Detail("Manager's note", c.managerNote()));
              }
              if (c.alternativeNote() != null) {
                d.add(new Detail("Told the guest", c.alternativeNote()));
              }
              if ("no".equals(c.guestSatisfied()) && c.callNotes() != null) {
                d.add(new Detail("On the call-back", c.callNotes()));
              }
              return d;
            })
        .orElse(List.of());
  }
}
