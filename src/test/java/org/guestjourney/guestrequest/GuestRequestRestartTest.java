package org.guestjourney.guestrequest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;
import org.guestjourney.booking.Booking;
import org.guestjourney.clock.TimeMachine;
import org.guestjourney.property.Property;
import org.guestjourney.support.Staff;
import org.guestjourney.support.StandaloneApp;
import org.guestjourney.support.TestData;
import org.guestjourney.support.TestMailServer;
import org.guestjourney.tasklist.StaffTask;
import org.guestjourney.tasklist.StaffTaskService;
import org.guestjourney.tasklist.StaffTaskState;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The embedded engine keeps its processes across a restart (ADR 0022): a guest request not handled
 * yet keeps its process and its team's task (same task, same deadline), and the task can be done
 * after the restart.
 */
class GuestRequestRestartTest {

  @Test
  void anOpenRequestKeepsItsProcessAndTaskAcrossARestart() throws Exception {
    Path dir = Path.of("target/test-data/restart-request-" + UUID.randomUUID());
    long requestId;
    long oldProcess;
    long oldTask;
    Instant due;

    try (ConfigurableApplicationContext app = StandaloneApp.start(dir, TestMailServer.port())) {
      TestData data = TestData.of(app);
      Property property = data.property("Europe/Rome", "en");
      Booking booking =
          data.bookArrivingIn(property, 4, "restart-" + UUID.randomUUID() + "@example.com");
      GuestRequestService service = app.getBean(GuestRequestService.class);
      GuestRequest request =
          org.guestjourney.support.GuestRequests.started(
              service,
              service.raise(booking.id(), "cleanliness", "Please air the room before we arrive"));
      requestId = request.id();
      oldProcess = request.processInstanceKey();
      StaffTask task =
          new Staff(app.getBean(StaffTaskService.class))
              .awaitOpenTask(oldProcess, GuestRequestJourney.TASK_HANDLE_GUEST_REQUEST);
      oldTask = task.id();
      due = task.dueAt();
      assertThat(app.getBean(TimeMachine.class).now()).isBefore(due);
    }

    try (ConfigurableApplicationContext app = StandaloneApp.start(dir, TestMailServer.port())) {
      StaffTaskService tasks = app.getBean(StaffTaskService.class);
      GuestRequest after = app.getBean(GuestRequestService.class).get(requestId);
      assertThat(after.processInstanceKey()).isEqualTo(oldProcess);
      StaffTask task = tasks.get(oldTask, Staff.MANAGER);
      assertThat(task.state()).isEqualTo(StaffTaskState.OPEN);
      assertThat(task.requestId()).isEqualTo(requestId);
      assertThat(task.candidateGroups()).containsExactly("housekeeping");
      assertThat(task.dueAt()).isEqualTo(due);
      assertThat(after.dueAt()).isEqualTo(due);
    }
  }
}
