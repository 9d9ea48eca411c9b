package org.guestjourney.inquiry;

import java.util.List;
import org.guestjourney.tasklist.StaffTask;
import org.guestjourney.tasklist.TaskDetails;
import org.springframework.stereotype.Component;

/** Shows who asked what on the "answer inquiry" task. */
@Component
class InquiryTaskDetails implements TaskDetails {

  private final InquiryRepository inquiries;

  private final org.guestjourney.web.StaffWords words;

  InquiryTaskDetails(InquiryRepository inquiries, org.guestjourney.web.StaffWords words) {
    this.inquiries = inquiries;
    this.words = words;
  }

  @Override
  public java.util.Optional<String> whoFor(StaffTask task) {
    if (!InquiryJourney.PROCESS_ID.equals(task.processId())) {
      return java.util.Optional.empty();
    }
    return inquiries
        .findByProcessInstance(task.processInstanceKey())
        .map(i -> words.say("card.who.inquiry", i.fullName()));
  }

  @Override
  public java.util.Optional<Triage> triageFor(StaffTask task) {
    if (!InquiryJourney.PROCESS_ID.equals(task.processId())) {
      return java.util.Optional.empty();
    }
    return inquiries
        .findByProcessInstance(task.processInstanceKey())
        .map(i -> new Triage("inquiry", null, i.message()));
  }

  @Override
  public List<Detail> detailsFor(StaffTask task) {
    if (!InquiryJourney.PROCESS_ID.equals(task.processId())) {
      return List.of();
    }
    return inquiries
        .findByProcessInstance(task.processInstanceKey())
        .map(
            i ->
                List.of(
                    new Detail(
                        "From",
                        i.fullName()
                            + " <"
                            + i.email()
                            + ">"
                            + (i.phone() == null ? "" : " · " + i.phone())),
                    new Detail("Language", i.preferredLanguage()),
                    new Detail("Question", i.message()),
                    new Detail(
                        "Booked since",
                        i.bookingId() == null
                            ? words.say("detail.booked.notyet")
                            : words.say("detail.booked.yes", String.valueOf(i.bookingId())))))
        .orElse(List.of());
  }
}
