package org.guestjourney.staffalert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.guestjourney.booking.Booking;
import org.guestjourney.guestrequest.GuestRequest;
import org.guestjourney.guestrequest.GuestRequestJourney;
import org.guestjourney.guestrequest.GuestRequestService;
import org.guestjourney.property.Property;
import org.guestjourney.security.StaffAccountService;
import org.guestjourney.security.StaffRole;
import org.guestjourney.support.JourneyIntegrationTest;
import org.guestjourney.support.Mails;
import org.guestjourney.support.Staff;
import org.guestjourney.support.TestMailServer;
import org.guestjourney.tasklist.StaffTask;
import org.guestjourney.tasklist.StaffTaskService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Nothing urgent waits for someone to look: urgent and overdue tasks reach the task's team and the
 * manager on duty of the property by e-mail (the other reasons: {@link AlertPreferencesTest})
 * (GreenMail, a real SMTP server), once per task and reason however many replicas notice, and
 * nobody of another property hears of them.
 */
class StaffAlertsTest extends JourneyIntegrationTest {

  @Autowired GuestRequestService requests;
  @Autowired StaffTaskService taskService;
  @Autowired StaffAccountService accounts;
  @Autowired StaffContacts contacts;
  @Autowired StaffAlerts alerts;
  @Autowired JdbcClient jdbc;

  Property house;
  Property otherHouse;
  Person housekeeper;
  Person frontDesk;
  Person managerOnDuty;
  Person managerOffDuty;
  Person otherHousekeeper;
  Person otherFrontDesk;

  record Person(String username, String email) {}

  @BeforeEach
  void staff() {
    house = data.property("Europe/Rome", "en");
    otherHouse = data.property("Europe/Rome", "en");
    housekeeper = person(StaffRole.HOUSEKEEPING, house);
    frontDesk = person(StaffRole.FRONT_DESK, house);
    managerOnDuty = person(StaffRole.MANAGER, house);
    managerOffDuty = person(StaffRole.MANAGER, house);
    otherHousekeeper = person(StaffRole.HOUSEKEEPING, otherHouse);
    otherFrontDesk = person(StaffRole.FRONT_DESK, otherHouse);
    contacts.takeDuty(managerOnDuty.username(), house.id());
  }

  Person person(StaffRole role, Property property) {
    String username = "alert-" + UUID.randomUUID().toString().substring(0, 8);
    accounts.create(username, "a-long-password-1234", role, false, Set.of(property.id()), "test");
    String email = username + "@staff.example.com";
    contacts.save(username, "Staff " + username, email, null);
    return new Person(username, email);
  }

  Booking marcoInRoom3() {
    return data.bookInRoom3Today(house);
  }

  /** The urgent and overdue alerts about {@code task} that reached {@code person}. */
  static List<MimeMessage> alertsAbout(StaffTask task, Person person) {
    return TestMailServer.to(person.email()).stream()
        .filter(
            m -> {
              try {
                return String.valueOf(task.id()).equals(m.getHeader("X-Guest-Journey-Task", null))
                    && List.of("URGENT", "BREACH")
                        .contains(m.getHeader("X-Guest-Journey-Alert", null));
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            })
        .toList();
  }

  @Test
  void aSmellOfGasAlertsHousekeepingAndTheManagerOnDutyAtOnceAndNobodyElse() throws Exception {
    Booking booking = marcoInRoom3();

    GuestRequest request =
        org.guestjourney.support.GuestRequests.started(
            requests, requests.raise(booking.id(), "safety", "It smells of gas. Please come"));
    StaffTask handle =
        new Staff(taskService)
            .awaitOpenTask(
                request.processInstanceKey(), GuestRequestJourney.TASK_HANDLE_GUEST_REQUEST);

    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                alertsAbout(handle, housekeeper).size() == 1
                    && alertsAbout(handle, managerOnDuty).size() == 1);
    MimeMessage mail = alertsAbout(handle, housekeeper).getFirst();
    assertThat(mail.getSubject()).isEqualTo("Urgent: It smells of gas — room 3 — Marco Rossi");
    assertThat(Mails.body(mail))
        .contains("An urgent task needs someone now")
        .contains("“It smells of gas. Please come”")
        .contains("Europe/Rome")
        .contains("/tasks/" + handle.id());

    // give the senders a few more rounds: still exactly one each, and nothing to the others
    Thread.sleep(Duration.ofSeconds(6));
    assertThat(alertsAbout(handle, housekeeper)).hasSize(1);
    assertThat(alertsAbout(handle, managerOnDuty)).hasSize(1);
    assertThat(alertsAbout(handle, managerOffDuty)).as("not on duty").isEmpty();
    assertThat(alertsAbout(handle, frontDesk)).as("not this team").isEmpty();
    assertThat(alertsAbout(handle, otherHousekeeper)).as("another house").isEmpty();
    assertThat(alertsAbout(handle, otherFrontDesk)).as("another house").isEmpty();
  }

  @Test
  void aBreachedTaskAlertsItsTeamAndTheManagerOnDutyOnceEvenWhenEveryReplicaNoticesIt()
      throws Exception {
    Booking booking = marcoInRoom3();
    GuestRequest request =
        org.guestjourney.support.GuestRequests.started(
            requests, requests.raise(booking.id(), "noise", "Can we have a quiet room?"));
    StaffTask handle =
        new Staff(taskService)
            .awaitOpenTask(
                request.processInstanceKey(), GuestRequestJourney.TASK_HANDLE_GUEST_REQUEST);
    assertThat(handle.candidateGroups()).containsExactly("front-desk");
    Thread.sleep(Duration.ofSeconds(1));
    assertThat(alertsAbout(handle, frontDesk))
        .as("not urgent: no alert before the deadline")
        .isEmpty();

    engine.move(Duration.ofMinutes(61));

    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                alertsAbout(handle, frontDesk).size() == 1
                    && alertsAbout(handle, managerOnDuty).size() == 1);
    assertThat(alertsAbout(handle, frontDesk).getFirst().getSubject())
        .isEqualTo("Overdue: Can we have a quiet room? — room 3 — Marco Rossi");

    // three more replicas notice the same breach at once: the database claim lets none through
    ExecutorService replicas = Executors.newFixedThreadPool(3);
    try {
      List<Callable<Integer>> raises = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        raises.add(() -> alerts.raise(handle.id(), AlertReason.BREACH));
      }
      for (Future<Integer> queued : replicas.invokeAll(raises)) {
        assertThat(queued.get()).isZero();
      }
    } finally {
      replicas.shutdown();
    }
    alerts.sweep();
    Thread.sleep(Duration.ofSeconds(6));

    assertThat(alertsAbout(handle, frontDesk)).hasSize(1);
    assertThat(alertsAbout(handle, managerOnDuty)).hasSize(1);
    assertThat(alertsAbout(handle, managerOffDuty)).as("not on duty").isEmpty();
    assertThat(alertsAbout(handle, housekeeper)).as("not this team").isEmpty();
    assertThat(alertsAbout(handle, otherFrontDesk)).as("another house").isEmpty();
    assertThat(
            jdbc.sql(
                    "select count(*) from staff_notification where task_id = ? and reason = 'BREACH'"
                        + " and state = 'SENT'")
                .param(handle.id())
                .query(Long.class)
                .single())
        .isEqualTo(2);
  }

  @Test
  void withoutAManagerOnDutyEveryManagerOfTheHouseIsAlerted() {
    jdbc.sql("delete from manager_on_duty where property_id = ?").param(house.id()).update();
    Booking booking = marcoInRoom3();
    GuestRequest request =
        org.guestjourney.support.GuestRequests.started(
            requests, requests.raise(booking.id(), "safety", "Smoke from the socket"));
    StaffTask handle =
        new Staff(taskService)
            .awaitOpenTask(
                request.processInstanceKey(), GuestRequestJourney.TASK_HANDLE_GUEST_REQUEST);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                alertsAbout(handle, managerOnDuty).size() == 1
                    && alertsAbout(handle, managerOffDuty).size() == 1
                    && alertsAbout(handle, housekeeper).size() == 1);
    assertThat(alertsAbout(handle, otherHousekeeper)).isEmpty();
  }
}
