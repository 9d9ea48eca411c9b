package org.guestjourney.feedback;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.guestjourney.property.PropertyRepository;
import org.guestjourney.tasklist.StaffTask;
import org.guestjourney.tasklist.TaskDetails;
import org.springframework.stereotype.Component;

/** Shows the manager what keeps coming back, and what guests wrote, on the alert's task. */
@Component
class RecurringProblemTaskDetails implements TaskDetails {

  private final RecurringProblems alerts;
  private final FeedbackRepository feedback;
  private final PropertyRepository properties;

  RecurringProblemTaskDetails(
      RecurringProblems alerts, FeedbackRepository feedback, PropertyRepository properties) {
    this.alerts = alerts;
    this.feedback = feedback;
    this.properties = properties;
  }

  @Override
  public List<Detail> detailsFor(StaffTask task) {
    if (!RecurringProblemJourney.PROCESS_ID.equals(task.processId())) {
      return List.of();
    }
    return alerts
        .ofProcessInstance(task.processInstanceKey())
        .map(
            a -> {
              List<Detail> d = new ArrayList<>();
              d.add(new Detail("Recurring problem", a.type()));
              d.add(new Detail("Why now", a.ruleInWords()));
              List<Long> ids =
                  Arrays.stream(a.feedbackIds().split(",")).map(Long::valueOf).toList();
              for (Feedback f : feedback.findByIds(ids)) {
                d.add(new Detail("A guest wrote", f.text()));
              }
              return d;
            })
        .orElse(List.of());
  }

  @Override
  public Optional<String> whoFor(StaffTask task) {
    if (!RecurringProblemJourney.PROCESS_ID.equals(task.processId())) {
      return Optional.empty();
    }
    return alerts
        .ofProcessInstance(task.processInstanceKey())
        .flatMap(a -> properties.findById(a.propertyId()))
        .map(p -> p.name());
  }
}
