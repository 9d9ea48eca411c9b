package org.guestjourney.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.guestjourney.complaint.ComplaintJourney.END_COMPLAINT_CLOSED;
import static org.guestjourney.complaint.ComplaintJourney.TASK_CALL_BACK_GUEST;
import static org.guestjourney.complaint.ComplaintJourney.TASK_CONTACT_GUEST;

import java.time.LocalDate;
import java.util.Map;
import org.guestjourney.booking.Booking;
import org.guestjourney.complaint.Complaint;
import org.guestjourney.complaint.ComplaintRequest;
import org.guestjourney.complaint.ComplaintService;
import org.guestjourney.property.Property;
import org.guestjourney.support.JourneyIntegrationTest;
import org.guestjourney.support.Staff;
import org.guestjourney.tasklist.StaffTaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** What staff type into a task stays in PostgreSQL; the journey carries ids, ticks and choices. */
class ProcessVariablesTest extends JourneyIntegrationTest {

  @Autowired ComplaintService complaints;
  @Autowired StaffTaskService taskService;

  @Test
  void aComplaintJourneyCarriesNoContactDataNorAnythingTyped() {
    Staff staff = new Staff(taskService);
    Property property = data.property("Europe/Rome", "en");
    String email = data.uniqueEmail();
    Booking booking =
        data.book(
            data.request(
                property, LocalDate.ofInstant(engine.now(), property.timeZone()), 3, email, "en"));
    Complaint complaint =
        org.guestjourney.support.Complaints.started(
            complaints,
            complaints.raise(
                new ComplaintRequest(
                    booking.id(), "breakfast", "Cold coffee at breakfast", "guest")));
    long journey = complaint.processInstanceKey();

    staff.complete(
        staff.awaitOpenTask(journey, TASK_CONTACT_GUEST),
        Staff.FRONT_DESK,
        Map.of("contacted", true, "solution", "Plumber Rossi came at 9", "compensation", "none"));
    staff.complete(
        staff.awaitOpenTask(journey, TASK_CALL_BACK_GUEST),
        Staff.FRONT_DESK,
        Map.of("guestReached", true, "guestSatisfied", "yes", "callNotes", "Mrs Test is happy"));
    engine.awaitInstance(journey, i -> i.isCompleted().hasPassedElement(END_COMPLAINT_CLOSED));

    assertThat(complaints.get(complaint.id()).solution()).isEqualTo("Plumber Rossi came at 9");
    assertThat(engine.allVariables())
        .isNotEmpty()
        .anyMatch(v -> v.startsWith("guestSatisfied="))
        .noneMatch(v -> v.contains(email))
        .noneMatch(v -> v.contains("Anna Test"))
        .noneMatch(v -> v.contains("Cold coffee"))
        .noneMatch(v -> v.contains("Plumber Rossi"))
        .noneMatch(v -> v.contains("Mrs Test"));
  }
}
