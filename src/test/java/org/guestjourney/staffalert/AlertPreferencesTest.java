package org.guestjourney.staffalert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.guestjourney.booking.Booking;
import org.guestjourney.guestrequest.GuestRequestJourney;
import org.guestjourney.guestrequest.GuestRequestService;
import org.guestjourney.property.Property;
import org.guestjourney.security.StaffAccountService;
import org.guestjourney.security.StaffRole;
import org.guestjourney.security.StaffUser;
import org.guestjourney.staffalert.StaffAlertPreferences.Choice;
import org.guestjourney.staffalert.StaffAlertPreferences.Every;
import org.guestjourney.staffalert.StaffAlertPreferences.Schedule;
import org.guestjourney.support.GuestRequests;
import org.guestjourney.support.Mails;
import org.guestjourney.support.PageForms;
import org.guestjourney.support.SignedIn;
import org.guestjourney.support.Staff;
import org.guestjourney.support.TestMailServer;
import org.guestjourney.tasklist.StaffTask;
import org.guestjourney.tasklist.StaffTaskService;
import org.guestjourney.web.FieldViolation;
import org.guestjourney.web.InvalidRequestException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The alerts people choose: a new task for the team, a task given to someone, a deadline that is
 * near, by e-mail (GreenMail, a real SMTP server) and text message (the Twilio SDK against a local
 * imitation of Twilio), each once for the right people, as each person chose; and a digest that
 * collects several alerts into one e-mail at its time, once however many replicas send.
 */
class AlertPreferencesTest extends AlertsIntegrationTest {

  @Autowired GuestRequestService requests;
  @Autowired StaffTaskService taskService;
  @Autowired StaffAccountService accounts;
  @Autowired StaffContacts contacts;
  @Autowired StaffAlertPreferences preferences;
  @Autowired StaffAlerts alerts;
  @Autowired StaffDigests digests;
  @Autowired JdbcClient jdbc;
  @Autowired TestRestTemplate http;

  Property house;

  record Person(String username, String email, String phone, long id, StaffUser user) {}

  @BeforeEach
  void house() {
    house = data.property("Europe/Rome", "en");
  }

  Person person(StaffRole role) {
    String username = "pref-" + UUID.randomUUID().toString().substring(0, 8);
    accounts.create(username, "a-long-password-1234", role, false, Set.of(house.id()), "test");
    String email = username + "@staff.example.com";
    String phone = "+3933" + (10000000 + (int) (Math.random() * 89999999));
    StaffContact c = contacts.save(username, "Staff " + username, email, phone);
    return new Person(
        username, email, phone, c.staffAccountId(), new StaffUser(username, role.groups()));
  }

  StaffTask quietRoomRequest(String words) {
    Booking booking = data.bookInRoom3Today(house);
    var request = GuestRequests.started(requests, requests.raise(booking.id(), "noise", words));
    return new Staff(taskService)
        .awaitOpenTask(request.processInstanceKey(), GuestRequestJourney.TASK_HANDLE_GUEST_REQUEST);
  }

  /** The e-mails of that reason about {@code task} that reached {@code person}. */
  static List<MimeMessage> mails(Person person, StaffTask task, AlertReason reason) {
    return TestMailServer.to(person.email()).stream()
        .filter(
            m -> {
              try {
                return String.valueOf(task.id()).equals(m.getHeader("X-Guest-Journey-Task", null))
                    && reason.name().equals(m.getHeader("X-Guest-Journey-Alert", null));
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            })
        .toList();
  }

  List<Long> waitingItems(Person person) {
    return jdbc.sql(
            "select task_id from staff_digest_item where staff_account_id = ? and digest_id is null")
        .param(person.id())
        .query(Long.class)
        .list();
  }

  static List<MimeMessage> digestsTo(Person person) {
    return TestMailServer.to(person.email()).stream()
        .filter(
            m -> {
              try {
                return m.getHeader("X-Guest-Journey-Digest", null) != null;
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            })
        .toList();
  }

  static List<Map<String, Object>> texts(Person person, StaffTask task) {
    return TWILIO.messagesTo(person.phone()).stream()
        .filter(m -> String.valueOf(m.get("body")).contains("/tasks/" + task.id()))
        .toList();
  }

  void choose(Person person, Choice... choices) {
    preferences.save(person.id(), List.of(choices), StaffAlertPreferences.DEFAULT_SCHEDULE);
  }

  /** Lets the senders run a few more rounds (check-every is 5 s) before counting. */
  static void afterMoreRounds() throws InterruptedException {
    Thread.sleep(Duration.ofSeconds(6));
  }

  @Test
  void aNewTaskReachesItsTeamOnceByEMailOnlyUnlessSomeoneTurnedItOff() throws Exception {
    Person frontDesk = person(StaffRole.FRONT_DESK);
    Person notInterested = person(StaffRole.FRONT_DESK);
    Person housekeeper = person(StaffRole.HOUSEKEEPING);
    choose(notInterested, new Choice(AlertReason.NEW_TASK, false, false, false));

    StaffTask task = quietRoomRequest("Can we have a quieter room?");

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> mails(frontDesk, task, AlertReason.NEW_TASK).size() == 1);
    MimeMessage mail = mails(frontDesk, task, AlertReason.NEW_TASK).getFirst();
    assertThat(mail.getSubject())
        .isEqualTo("New task: Can we have a quieter room? — room 3 — Marco Rossi");
    assertThat(Mails.body(mail))
        .contains("A new task for your team")
        .contains("Europe/Rome")
        .contains("/tasks/" + task.id());

    alerts.raise(task.id(), AlertReason.NEW_TASK); // another replica records the same task
    afterMoreRounds();
    assertThat(mails(frontDesk, task, AlertReason.NEW_TASK)).hasSize(1);
    assertThat(texts(frontDesk, task)).as("new tasks: e-mail only by default").isEmpty();
    assertThat(mails(notInterested, task, AlertReason.NEW_TASK)).as("turned off").isEmpty();
    assertThat(texts(notInterested, task)).isEmpty();
    assertThat(mails(housekeeper, task, AlertReason.NEW_TASK)).as("not this team").isEmpty();
  }

  @Test
  void aTaskGivenToSomeoneReachesThemAsTheyChose() throws Exception {
    Person manager = person(StaffRole.MANAGER);
    Person emailOnly = person(StaffRole.FRONT_DESK);
    Person byDefault = person(StaffRole.FRONT_DESK);
    choose(emailOnly, new Choice(AlertReason.ASSIGNED, true, false, false));
    StaffTask first = quietRoomRequest("The neighbours are loud");
    StaffTask second = quietRoomRequest("Music until 2 am next door");

    taskService.assign(first.id(), manager.user(), emailOnly.user());
    taskService.assign(second.id(), manager.user(), byDefault.user());

    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                mails(emailOnly, first, AlertReason.ASSIGNED).size() == 1
                    && mails(byDefault, second, AlertReason.ASSIGNED).size() == 1
                    && texts(byDefault, second).size() == 1);
    assertThat(mails(emailOnly, first, AlertReason.ASSIGNED).getFirst().getSubject())
        .startsWith("Given to you: The neighbours are loud");
    assertThat(texts(byDefault, second).getFirst().get("body").toString())
        .startsWith("Given to you: Music until 2 am next door");
    afterMoreRounds();
    assertThat(texts(emailOnly, first)).as("e-mail only: no text message").isEmpty();
    assertThat(mails(emailOnly, first, AlertReason.ASSIGNED)).hasSize(1);
    assertThat(texts(byDefault, second)).hasSize(1);
    assertThat(mails(byDefault, first, AlertReason.ASSIGNED)).as("given to someone else").isEmpty();
    assertThat(mails(manager, first, AlertReason.ASSIGNED)).as("the one who gave it").isEmpty();
  }

  @Test
  void aNearDeadlineReachesWhoeverHasTheTaskOnceEvenWhenEveryReplicaNoticesIt() throws Exception {
    Person manager = person(StaffRole.MANAGER);
    Person holder = person(StaffRole.FRONT_DESK);
    Person colleague = person(StaffRole.FRONT_DESK);
    StaffTask task = quietRoomRequest("Can we change rooms tonight?");
    taskService.assign(task.id(), manager.user(), holder.user());

    // 60 minutes to the deadline: after 50 of them (more than 80 %) it is near
    engine.move(Duration.ofMinutes(50));
    ExecutorService replicas = Executors.newFixedThreadPool(3);
    try {
      List<Callable<Void>> sweeps = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        sweeps.add(
            () -> {
              alerts.sweep();
              return null;
            });
      }
      for (Future<Void> done : replicas.invokeAll(sweeps)) {
        done.get();
      }
    } finally {
      replicas.shutdown();
    }

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> mails(holder, task, AlertReason.DUE_SOON).size() == 1);
    MimeMessage mail = mails(holder, task, AlertReason.DUE_SOON).getFirst();
    assertThat(mail.getSubject()).startsWith("Due soon: Can we change rooms tonight?");
    assertThat(Mails.body(mail)).contains("Due in ").contains("Europe/Rome");
    afterMoreRounds();
    assertThat(mails(holder, task, AlertReason.DUE_SOON)).hasSize(1);
    assertThat(
            texts(holder, task).stream()
                .filter(t -> t.get("body").toString().startsWith("Due soon")))
        .as("near deadlines: e-mail only by default")
        .isEmpty();
    assertThat(mails(colleague, task, AlertReason.DUE_SOON)).as("someone has it").isEmpty();
    assertThat(mails(manager, task, AlertReason.DUE_SOON)).isEmpty();
  }

  @Test
  void aDigestCollectsSeveralAlertsIntoOneEMailAtItsTimeOnceAcrossReplicas() throws Exception {
    Person person = person(StaffRole.FRONT_DESK);
    accounts.chooseLanguage(person.username(), "zh-CN");
    // once a day, at a time 20 minutes from now in the house's zone
    LocalTime at =
        engine
            .now()
            .atZone(house.timeZone())
            .toLocalTime()
            .plusMinutes(20)
            .withSecond(0)
            .withNano(0);
    preferences.save(
        person.id(),
        List.of(new Choice(AlertReason.NEW_TASK, true, true, true)),
        new Schedule(Every.DAY, at));
    StaffTask towels = quietRoomRequest("Could we have more towels, please?");
    StaffTask pillows = quietRoomRequest("Two more pillows for room 3");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> waitingItems(person).containsAll(List.of(towels.id(), pillows.id())));
    afterMoreRounds();
    assertThat(mails(person, towels, AlertReason.NEW_TASK)).as("kept for the digest").isEmpty();
    assertThat(texts(person, towels)).as("kept for the digest").isEmpty();
    assertThat(digestsTo(person)).as("not its time yet").isEmpty();

    // the pillows are brought before the digest goes
    new Staff(taskService)
        .complete(pillows, Staff.FRONT_DESK, Map.of("actionTaken", "Brought two", "solved", true));

    // its time comes; three replicas put digests together and send at the same moment
    engine.move(Duration.ofMinutes(25));
    ExecutorService replicas = Executors.newFixedThreadPool(3);
    try {
      List<Callable<Void>> senders = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        senders.add(
            () -> {
              digests.run();
              return null;
            });
      }
      for (Future<Void> done : replicas.invokeAll(senders)) {
        done.get();
      }
    } finally {
      replicas.shutdown();
    }

    await().atMost(Duration.ofSeconds(30)).until(() -> digestsTo(person).size() == 1);
    MimeMessage digest = digestsTo(person).getFirst();
    // the two requests, and whatever else the bookings' journeys gave the team meanwhile
    long items =
        jdbc.sql(
                "select count(*) from staff_digest_item i join staff_digest d on d.id = i.digest_id"
                    + " where d.staff_account_id = ?")
            .param(person.id())
            .query(Long.class)
            .single();
    assertThat(items).isGreaterThanOrEqualTo(2);
    assertThat(digest.getSubject()).isEqualTo("您的任务汇总：" + items + " 项");
    assertThat(Mails.body(digest))
        .contains("团队的新任务")
        .contains("Could we have more towels, please? — room 3 — Marco Rossi")
        .contains("Two more pillows for room 3")
        .contains("/tasks/" + towels.id())
        .contains("/tasks/" + pillows.id())
        .contains("还剩 ")
        .contains("已完成。");
    afterMoreRounds();
    assertThat(digestsTo(person)).hasSize(1);
    assertThat(
            jdbc.sql("select count(*) from staff_digest where staff_account_id = ?")
                .param(person.id())
                .query(Long.class)
                .single())
        .isEqualTo(1);
  }

  @Test
  void aDigestWhoseReplicaDiedBeforeSendingIsSentByAnotherOnceItsLeaseEnds() throws Exception {
    Person person = person(StaffRole.FRONT_DESK);
    LocalTime at =
        engine
            .now()
            .atZone(house.timeZone())
            .toLocalTime()
            .plusMinutes(20)
            .withSecond(0)
            .withNano(0);
    preferences.save(
        person.id(),
        List.of(new Choice(AlertReason.NEW_TASK, true, false, true)),
        new Schedule(Every.DAY, at));
    StaffTask late = quietRoomRequest("The kettle does not work");
    await().atMost(Duration.ofSeconds(30)).until(() -> waitingItems(person).contains(late.id()));

    // a replica claims the digest of that moment and takes it for sending, then dies
    Instant moment =
        StaffDigests.lastMoment(
            new Schedule(Every.DAY, at),
            house.timeZone(),
            engine.now().plus(Duration.ofMinutes(21)));
    Long digest = digests.claim(person.id(), moment);
    assertThat(digest).isNotNull();
    assertThat(digests.claimDue(100)).extracting(StaffDigests.Claimed::id).contains(digest);
    afterMoreRounds();
    assertThat(digestsTo(person)).as("held by the replica that died").isEmpty();

    // its time comes and the lease ends: another replica sends it, once
    engine.move(Duration.ofMinutes(25));
    await().atMost(Duration.ofSeconds(30)).until(() -> digestsTo(person).size() == 1);
    assertThat(Mails.body(digestsTo(person).getFirst())).contains("The kettle does not work");
    afterMoreRounds();
    assertThat(digestsTo(person)).hasSize(1);
    assertThat(
            jdbc.sql("select state || '/' || attempts from staff_digest where id = ?")
                .param(digest)
                .query(String.class)
                .single())
        .isEqualTo("SENT/2");
  }

  @Test
  void theAlertsPageSavesChoicesAndRefusesAnUrgentAlertWithNoWayToArrive() {
    Person person = person(StaffRole.FRONT_DESK);
    TestRestTemplate me = SignedIn.as(http, person.username(), "a-long-password-1234");
    Map<String, String> form = new java.util.HashMap<>();
    form.put("new_task.email", "true");
    form.put("new_task.when", "digest");
    form.put("assigned.sms", "true");
    form.put("assigned.when", "now");
    form.put("due_soon.when", "now");
    form.put("urgent.sms", "true");
    form.put("breach.email", "true");
    form.put("digestEvery", "DAY");
    form.put("digestAt", "18:30");

    String page =
        PageForms.submitAndShow(me, "/account/alerts", "/account/alerts/preferences", form);
    assertThat(page).contains("Saved. Alerts reach you as you chose.");
    assertThat(preferences.of(person.id()))
        .containsEntry(AlertReason.NEW_TASK, new Choice(AlertReason.NEW_TASK, true, false, true))
        .containsEntry(AlertReason.ASSIGNED, new Choice(AlertReason.ASSIGNED, false, true, false))
        .containsEntry(AlertReason.DUE_SOON, new Choice(AlertReason.DUE_SOON, false, false, false))
        .containsEntry(AlertReason.URGENT, new Choice(AlertReason.URGENT, false, true, false))
        .containsEntry(AlertReason.BREACH, new Choice(AlertReason.BREACH, true, false, false));
    assertThat(preferences.scheduleOf(person.id()))
        .isEqualTo(new Schedule(Every.DAY, LocalTime.of(18, 30)));
    assertThat(page).contains("Time of day (Europe/Rome)").contains("value=\"18:30\"");

    // urgent tasks with neither e-mail nor text: refused, and nothing of the form is stored
    form.remove("urgent.sms");
    form.put("new_task.when", "now");
    page = PageForms.submitAndShow(me, "/account/alerts", "/account/alerts/preferences", form);
    assertThat(page)
        .contains(
            "“An urgent task” always reaches you at once: choose e-mail, text message or both.");
    assertThat(preferences.of(person.id(), AlertReason.NEW_TASK).digest()).isTrue();
    assertThat(preferences.of(person.id(), AlertReason.URGENT).sms()).isTrue();
  }

  @Test
  void urgentTasksAndMissedDeadlinesCannotBeTurnedOffOrDigested() {
    Person person = person(StaffRole.FRONT_DESK);

    assertThatThrownBy(
            () ->
                preferences.save(
                    person.id(),
                    List.of(
                        new Choice(AlertReason.NEW_TASK, false, false, false),
                        new Choice(AlertReason.URGENT, false, false, false),
                        new Choice(AlertReason.BREACH, true, false, true)),
                    StaffAlertPreferences.DEFAULT_SCHEDULE))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e ->
                assertThat(e.violations())
                    .extracting(FieldViolation::field)
                    .containsExactlyInAnyOrder("urgent.channel", "breach.when"));
    assertThat(preferences.of(person.id(), AlertReason.NEW_TASK))
        .as("nothing stored")
        .isEqualTo(StaffAlertPreferences.DEFAULTS.get(AlertReason.NEW_TASK));
  }
}
