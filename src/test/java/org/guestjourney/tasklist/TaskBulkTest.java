package org.guestjourney.tasklist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.guestjourney.booking.Booking;
import org.guestjourney.booking.BookingRequest;
import org.guestjourney.booking.BookingRequest.GuestDetails;
import org.guestjourney.guestrequest.GuestRequestJourney;
import org.guestjourney.guestrequest.GuestRequestService;
import org.guestjourney.property.Property;
import org.guestjourney.security.StaffAccountService;
import org.guestjourney.security.StaffRole;
import org.guestjourney.security.StaffUser;
import org.guestjourney.support.GuestRequests;
import org.guestjourney.support.JourneyIntegrationTest;
import org.guestjourney.support.Staff;
import org.guestjourney.tasklist.TaskBulk.Outcome;
import org.guestjourney.tasklist.TaskBulk.Pick;
import org.guestjourney.tasklist.TaskBulk.Result;
import org.guestjourney.web.ForbiddenException;
import org.guestjourney.web.InvalidRequestException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The rules of acting on several tasks at once (ADR 0066), on real tasks of real guest requests:
 * every task gets its own outcome, a task somebody else took meanwhile is left with them, a refused
 * request changes nothing, and each task changed is in the audit trail like a single action.
 */
class TaskBulkTest extends JourneyIntegrationTest {

  static final String PASSWORD = "a-long-password-1234";

  @Autowired TaskBulk bulk;
  @Autowired StaffTaskService tasks;
  @Autowired GuestRequestService requests;
  @Autowired StaffAccountService accounts;
  @Autowired JdbcClient jdbc;

  Property house;
  Booking booking;

  @BeforeEach
  void aHouseWithAGuest() {
    house = data.property("Europe/Rome", "en");
    LocalDate today = LocalDate.ofInstant(engine.now(), house.timeZone());
    booking =
        data.book(
            new BookingRequest(
                house.id(),
                "BULK-" + UUID.randomUUID(),
                "direct",
                today,
                today.plusDays(3),
                "7",
                2,
                null,
                new GuestDetails("Ada Bulk", data.uniqueEmail(), "+393401234500", "en")));
  }

  @AfterEach
  void signOut() {
    SecurityContextHolder.clearContext();
  }

  String account(StaffRole role) {
    String username = "bulk-" + UUID.randomUUID().toString().substring(0, 8);
    accounts.create(username, PASSWORD, role, false, Set.of(house.id()), "test");
    return username;
  }

  /** Acts as the signed-in {@code username} (their groups and houses). */
  <T> T as(String username, Supplier<T> action) {
    UserDetails user = accounts.loadUserByUsername(username);
    Authentication auth =
        UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities());
    SecurityContextHolder.getContext().setAuthentication(auth);
    try {
      return action.get();
    } finally {
      SecurityContextHolder.clearContext();
    }
  }

  TaskBulk.Report apply(String username, String action, List<Pick> picks, String assignee) {
    return as(
        username,
        () ->
            bulk.apply(
                SecurityContextHolder.getContext().getAuthentication(), action, picks, assignee));
  }

  StaffTask request(String type, String text) {
    return new Staff(tasks)
        .awaitOpenTask(
            GuestRequests.started(requests, requests.raise(booking.id(), type, text))
                .processInstanceKey(),
            GuestRequestJourney.TASK_HANDLE_GUEST_REQUEST);
  }

  StaffTask reload(StaffTask task) {
    return tasks.get(task.id(), Staff.MANAGER);
  }

  List<Map<String, Object>> auditOf(StaffTask task) {
    return jdbc.sql(
            "select actor, action, what, subject, subject_id, property_id, status from audit_event"
                + " where subject = 'task' and subject_id = ? order by id")
        .param(task.id())
        .query()
        .listOfRows();
  }

  Outcome outcomeOf(TaskBulk.Report report, StaffTask task) {
    return report.results().stream()
        .filter(r -> r.taskId() == task.id())
        .map(Result::outcome)
        .findFirst()
        .orElseThrow();
  }

  @Test
  void aManagerAssignsSeveralTasksAndEveryTaskSaysWhatHappened() {
    String manager = account(StaffRole.MANAGER);
    String anna = account(StaffRole.HOUSEKEEPING);
    String marco = account(StaffRole.HOUSEKEEPING);
    StaffTask towels = request("amenities", "Two more towels, please");
    StaffTask cot = request("amenities", "A cot for the baby");
    StaffTask pillows = request("amenities", "Softer pillows");
    StaffTask kettle = request("amenities", "A kettle in the room");
    StaffTask water = request("amenities", "Still water");
    // the page showed all five with nobody; then, before the manager pressed "Assign them":
    tasks.claim(cot.id(), new StaffUser(marco, StaffRole.HOUSEKEEPING.groups()));
    new Staff(tasks)
        .complete(
            pillows,
            new StaffUser(marco, StaffRole.HOUSEKEEPING.groups()),
            Map.of("actionTaken", "Brought two", "solved", true));
    tasks.assign(
        kettle.id(),
        Staff.MANAGER,
        new StaffUser(anna, StaffRole.HOUSEKEEPING.groups())); // anna has it already

    TaskBulk.Report report =
        apply(
            manager,
            "assign",
            List.of(
                new Pick(towels.id(), null),
                new Pick(cot.id(), null),
                new Pick(pillows.id(), null),
                new Pick(kettle.id(), null),
                new Pick(water.id(), "")),
            anna);

    assertThat(report.results()).hasSize(5);
    assertThat(outcomeOf(report, towels)).isEqualTo(Outcome.ASSIGNED);
    assertThat(outcomeOf(report, water)).isEqualTo(Outcome.ASSIGNED);
    assertThat(outcomeOf(report, cot)).isEqualTo(Outcome.TAKEN);
    assertThat(outcomeOf(report, pillows)).isEqualTo(Outcome.DONE);
    assertThat(outcomeOf(report, kettle)).isEqualTo(Outcome.ALREADY_THEIRS);
    assertThat(report.applied()).isEqualTo(2);
    assertThat(report.counts())
        .contains(
            new TaskBulk.Count(Outcome.ASSIGNED, anna, 2),
            new TaskBulk.Count(Outcome.TAKEN, marco, 1),
            new TaskBulk.Count(Outcome.DONE, marco, 1));
    assertThat(report.results())
        .filteredOn(r -> r.taskId() == towels.id())
        .singleElement()
        .satisfies(r -> assertThat(r.title()).contains("Two more towels").contains("Ada Bulk"));

    // what the report says is what the tasks are: nothing taken from marco
    assertThat(reload(towels).assignee()).isEqualTo(anna);
    assertThat(reload(water).assignee()).isEqualTo(anna);
    assertThat(reload(cot).assignee()).isEqualTo(marco);
    assertThat(reload(pillows).state()).isEqualTo(StaffTaskState.COMPLETED);
    assertThat(reload(pillows).completedBy()).isEqualTo(marco);

    // audited task by task, like the single actions
    assertThat(auditOf(towels))
        .singleElement()
        .satisfies(
            row ->
                assertThat(row)
                    .containsEntry("actor", manager)
                    .containsEntry("action", "CHANGE")
                    .containsEntry("what", "POST /tasks/" + towels.id() + "/assign (bulk)")
                    .containsEntry("property_id", house.id())
                    .containsEntry("status", 200));
    assertThat(auditOf(cot))
        .singleElement()
        .satisfies(r -> assertThat(r).containsEntry("status", 409));
  }

  @Test
  void aTaskWhosePersonChangedSinceThePageShowedItIsNotReassignedOrReleased() {
    String manager = account(StaffRole.MANAGER);
    String anna = account(StaffRole.HOUSEKEEPING);
    String marco = account(StaffRole.HOUSEKEEPING);
    String lia = account(StaffRole.HOUSEKEEPING);
    StaffTask towels = request("amenities", "Two more towels");
    StaffTask cot = request("amenities", "A cot");
    StaffUser marcoUser = new StaffUser(marco, StaffRole.HOUSEKEEPING.groups());
    tasks.claim(towels.id(), marcoUser);
    tasks.claim(cot.id(), new StaffUser(lia, StaffRole.HOUSEKEEPING.groups()));

    // the page showed both with marco; lia took the cot from the pool meanwhile (shown as marco)
    TaskBulk.Report moved =
        apply(
            manager,
            "assign",
            List.of(new Pick(towels.id(), marco), new Pick(cot.id(), marco)),
            anna);
    assertThat(outcomeOf(moved, towels)).isEqualTo(Outcome.ASSIGNED);
    assertThat(outcomeOf(moved, cot)).isEqualTo(Outcome.TAKEN);
    assertThat(reload(towels).assignee()).isEqualTo(anna);
    assertThat(reload(cot).assignee()).isEqualTo(lia);

    // releasing: the one shown with anna is released, the one shown with marco (now lia's) is not
    TaskBulk.Report released =
        apply(
            manager,
            "release",
            List.of(new Pick(towels.id(), anna), new Pick(cot.id(), marco)),
            null);
    assertThat(outcomeOf(released, towels)).isEqualTo(Outcome.RELEASED);
    assertThat(outcomeOf(released, cot)).isEqualTo(Outcome.TAKEN);
    assertThat(reload(towels).assignee()).isNull();
    assertThat(reload(cot).assignee()).isEqualTo(lia);
  }

  @Test
  void theFrontDeskTakesSeveralForThemselvesButGivesNoneToOthers() {
    String frontDesk = account(StaffRole.FRONT_DESK);
    String colleague = account(StaffRole.FRONT_DESK);
    StaffTask parking = request("information", "Where can we park?");
    StaffTask wifi = request("information", "What is the wifi password?");
    StaffTask towels = request("amenities", "Towels"); // housekeeping's: not theirs to see
    tasks.claim(wifi.id(), new StaffUser(colleague, StaffRole.FRONT_DESK.groups()));

    TaskBulk.Report report =
        apply(
            frontDesk,
            "claim",
            List.of(
                new Pick(parking.id(), null),
                new Pick(wifi.id(), null),
                new Pick(towels.id(), null)),
            null);
    assertThat(outcomeOf(report, parking)).isEqualTo(Outcome.CLAIMED);
    assertThat(outcomeOf(report, wifi)).isEqualTo(Outcome.TAKEN);
    assertThat(outcomeOf(report, towels)).isEqualTo(Outcome.NOT_FOUND);
    assertThat(reload(parking).assignee()).isEqualTo(frontDesk);
    assertThat(reload(wifi).assignee()).isEqualTo(colleague);
    assertThat(reload(towels).assignee()).isNull();
    assertThat(auditOf(towels)).as("nothing is written about a task they cannot see").isEmpty();

    // their own they may release, a colleague's not
    TaskBulk.Report released =
        apply(
            frontDesk,
            "release",
            List.of(new Pick(parking.id(), frontDesk), new Pick(wifi.id(), colleague)),
            null);
    assertThat(outcomeOf(released, parking)).isEqualTo(Outcome.RELEASED);
    assertThat(outcomeOf(released, wifi)).isEqualTo(Outcome.NOT_YOURS);
    assertThat(reload(wifi).assignee()).isEqualTo(colleague);

    assertThatThrownBy(
            () -> apply(frontDesk, "assign", List.of(new Pick(parking.id(), null)), colleague))
        .isInstanceOf(ForbiddenException.class);
    assertThat(reload(parking).assignee()).isNull();
  }

  @Test
  void housekeepingIsRefusedAndNothingChanges() {
    String housekeeper = account(StaffRole.HOUSEKEEPING);
    StaffTask towels = request("amenities", "Towels for two");
    StaffTask cot = request("amenities", "A cot, please");

    assertThatThrownBy(
            () ->
                apply(
                    housekeeper,
                    "claim",
                    List.of(new Pick(towels.id(), null), new Pick(cot.id(), null)),
                    null))
        .isInstanceOf(ForbiddenException.class);
    assertThat(reload(towels).assignee()).isNull();
    assertThat(reload(cot).assignee()).isNull();
    assertThat(auditOf(towels)).isEmpty();
    assertThat(auditOf(cot)).isEmpty();
  }

  @Test
  void anIncompleteRequestNamesWhatIsMissingAndChangesNothing() {
    String manager = account(StaffRole.MANAGER);
    String anna = account(StaffRole.HOUSEKEEPING);
    StaffTask towels = request("amenities", "Towels");
    List<Pick> one = List.of(new Pick(towels.id(), null));

    assertThatThrownBy(() -> apply(manager, "assign", one, " "))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e -> assertThat(e.violations().getFirst().field()).isEqualTo("assignee"));
    assertThatThrownBy(() -> apply(manager, "assign", one, "nobody-" + UUID.randomUUID()))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e -> assertThat(e.violations().getFirst().field()).isEqualTo("assignee"));
    assertThatThrownBy(() -> apply(manager, "delete", one, anna))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e -> assertThat(e.violations().getFirst().field()).isEqualTo("action"));
    assertThatThrownBy(() -> apply(manager, "claim", List.of(), null))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e -> assertThat(e.violations().getFirst().field()).isEqualTo("tasks"));
    assertThat(reload(towels).assignee()).isNull();
    assertThat(auditOf(towels)).isEmpty();
  }

  @Test
  void aPersonOfAnotherTeamIsNotGivenTheTeamsTasks() {
    String manager = account(StaffRole.MANAGER);
    String frontDesk = account(StaffRole.FRONT_DESK);
    StaffTask towels = request("amenities", "Towels");
    StaffTask parking = request("information", "Parking?");

    TaskBulk.Report report =
        apply(
            manager,
            "assign",
            List.of(new Pick(towels.id(), null), new Pick(parking.id(), null)),
            frontDesk);
    assertThat(outcomeOf(report, towels)).isEqualTo(Outcome.NOT_FOR_THEM);
    assertThat(outcomeOf(report, parking)).isEqualTo(Outcome.ASSIGNED);
    assertThat(reload(towels).assignee()).isNull();
    assertThat(reload(parking).assignee()).isEqualTo(frontDesk);
  }
}
