package org.guestjourney.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.guestjourney.complaint.ComplaintRequest;
import org.guestjourney.complaint.ComplaintService;
import org.guestjourney.property.Property;
import org.guestjourney.support.JourneyIntegrationTest;
import org.guestjourney.support.Staff;
import org.guestjourney.survey.SurveyKind;
import org.guestjourney.survey.SurveyService;
import org.guestjourney.tasklist.StaffTask;
import org.guestjourney.tasklist.StaffTaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What guests write becomes classified feedback; staff correct it, a manager adopts suggestions,
 * and a problem that keeps coming back raises one task for the manager.
 */
class FeedbackTest extends JourneyIntegrationTest {

  @Autowired SurveyService surveys;
  @Autowired FeedbackService feedback;
  @Autowired RecurringProblems recurring;
  @Autowired ComplaintService complaints;
  @Autowired StaffTaskService tasks;
  @Autowired JdbcClient jdbc;
  @Autowired org.guestjourney.guest.GuestRepository guests;
  @Autowired TestRestTemplate anonymous;

  /** A stay that ended last week, written straight into the database (no journey needed). */
  long stay(Property property) {
    LocalDate departure = LocalDate.ofInstant(engine.now(), property.timeZone()).minusDays(7);
    long guest = guests.insert("Li Wei", data.uniqueEmail(), null, "en", null, null, engine.now());
    return jdbc.sql(
            """
            insert into booking (property_id, guest_id, external_reference, source_channel, arrival_date,
              departure_date, party_size, status, created_at, updated_at)
            values (?, ?, ?, 'direct', ?, ?, 2, 'CONFIRMED', now(), now()) returning id
            """)
        .params(property.id(), guest, "FB-" + System.nanoTime(), departure.minusDays(2), departure)
        .query(Long.class)
        .single();
  }

  /** The guest answers the satisfaction survey well, and writes {@code comments}. */
  String answer(long booking, String comments) {
    String link = surveys.invite(booking, SurveyKind.SATISFACTION, "en");
    String token = link.substring(link.lastIndexOf('/') + 1);
    answerAgain(token, comments);
    return token;
  }

  void answerAgain(String token, String comments) {
    Map<String, Object> answers = new HashMap<>();
    answers.putAll(
        Map.of("room", "5", "cleanliness", "5", "staff", "5", "value", "4", "recommend", "9"));
    answers.put("comments", comments);
    surveys.answer(token, answers);
  }

  Feedback only(long booking) {
    List<Feedback> all = feedback.forBooking(booking);
    assertThat(all).hasSize(1);
    return all.getFirst();
  }

  @Test
  void aSurveysFreeTextIsKeptAsFeedbackClassifiedByTheRules() {
    Property property = data.property("Asia/Shanghai", "zh-CN", "en");
    long booking = stay(property);

    String token = answer(booking, "建议早餐增加中式选项");

    Feedback f = only(booking);
    assertThat(f.source()).isEqualTo("survey");
    assertThat(f.text()).isEqualTo("建议早餐增加中式选项");
    assertThat(f.type()).isEqualTo("breakfast");
    assertThat(f.urgency()).isEqualTo("priority");
    assertThat(f.suggestion()).isTrue();
    assertThat(f.classifiedBy()).isEqualTo(Feedback.BY_RULES);

    // answering again updates the feedback rather than adding a second one
    answerAgain(token, "The street was very noisy at night");
    Feedback again = only(booking);
    assertThat(again.id()).isEqualTo(f.id());
    assertThat(again.type()).isEqualTo("noise");
    assertThat(again.suggestion()).isFalse();
  }

  @Test
  void aSurveyWithoutWordsLeavesNoFeedback() {
    Property property = data.property("Europe/Rome", "en");
    long booking = stay(property);

    answer(booking, "  ");

    assertThat(feedback.forBooking(booking)).isEmpty();
  }

  @Test
  void aComplaintsWordsAreFeedbackToo() {
    Property property = data.property("Europe/Rome", "en");
    long booking = stay(property);

    complaints.raise(
        new ComplaintRequest(booking, "other", "The air-con was not working all night", "staff"));

    Feedback f = only(booking);
    assertThat(f.source()).isEqualTo("complaint");
    assertThat(f.complaintId()).isNotNull();
    assertThat(f.type()).isEqualTo("facilities");
  }

  @Test
  void anInjectionAttemptIsStoredAsTypedAndShownAsText() {
    Property property = data.property("Europe/Rome", "en");
    long booking = stay(property);
    String attack = "<script>alert('x')</script><img src=x onerror=alert(1)> dirty towels";

    answer(booking, attack);

    assertThat(only(booking).text()).isEqualTo(attack);
    String page =
        org.guestjourney.support.SignedIn.as(anonymous, "frontdesk", "frontdesk")
            .getForObject("/feedback?property=" + property.id(), String.class);
    assertThat(page)
        .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&lt;img src=x")
        .doesNotContain("<script>alert")
        .doesNotContain("<img src=x");
  }

  @Test
  void staffCorrectAClassAndTheRulesLeaveItAlone() {
    Property property = data.property("Europe/Rome", "en");
    long booking = stay(property);
    String token = answer(booking, "Our host forgot to leave the keys");
    Feedback f = only(booking);
    assertThat(f.type()).isEqualTo("staff");

    ResponseEntity<String> response =
        submitPageForm(
            "frontdesk",
            "/feedback?property=" + property.id(),
            "/feedback/" + f.id() + "/class",
            Map.of("type", "facilities", "urgency", "urgent"));

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.FOUND);
    Feedback corrected = feedback.get(f.id());
    assertThat(corrected.type()).isEqualTo("facilities");
    assertThat(corrected.urgency()).isEqualTo("urgent");
    assertThat(corrected.classifiedBy()).isEqualTo("frontdesk");
    assertThat(corrected.correctedAt()).isNotNull();

    answerAgain(token, "Our host forgot to leave the keys, and the breakfast was cold");
    Feedback later = feedback.get(f.id());
    assertThat(later.text()).endsWith("the breakfast was cold");
    assertThat(later.type()).isEqualTo("facilities");
    assertThat(later.classifiedBy()).isEqualTo("frontdesk");
  }

  @Test
  void aManagerAdoptsASuggestionFrontDeskMayNot() {
    Property property = data.property("Europe/Rome", "en");
    long booking = stay(property);
    answer(booking, "It would be nice to have a kettle in the room");
    Feedback f = only(booking);
    assertThat(f.suggestion()).isTrue();
    String page = "/feedback?property=" + property.id();

    assertThat(
            submitPageForm("frontdesk", page, "/feedback/" + f.id() + "/adopt", Map.of())
                .getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(feedback.get(f.id()).adoptedAt()).isNull();

    assertThat(
            submitPageForm("manager", page, "/feedback/" + f.id() + "/adopt", Map.of())
                .getStatusCode())
        .isEqualTo(HttpStatus.FOUND);
    assertThat(feedback.get(f.id()).adoptedBy()).isEqualTo("manager");
  }

  @Test
  void theSameProblemInThreeStaysInARowRaisesOneTaskForTheManager() {
    Property property = data.property("Europe/Rome", "en");
    answer(stay(property), "Noisy street, we could hear every car");
    answer(stay(property), "Lovely breakfast");
    answer(stay(property), "The room was noisy");
    answer(stay(property), "Thin walls, loud neighbours");
    assertThat(recurring.ofProperty(property.id())).isEmpty();

    answer(stay(property), "Too much noise from the bar downstairs");

    List<RecurringProblemAlert> alerts = recurring.ofProperty(property.id());
    assertThat(alerts).hasSize(1);
    RecurringProblemAlert alert = alerts.getFirst();
    assertThat(alert.type()).isEqualTo("noise");
    assertThat(alert.rule()).isEqualTo(RecurringProblems.RULE_CONSECUTIVE);
    assertThat(alert.feedbackIds().split(",")).hasSize(4);
    StaffTask task =
        new Staff(tasks)
            .awaitOpenTask(
                alert.processInstanceKey(),
                RecurringProblemJourney.TASK_LOOK_INTO_RECURRING_PROBLEM);
    assertThat(task.candidateGroups()).containsExactly("manager");
    String taskPage =
        org.guestjourney.support.SignedIn.as(anonymous, "manager", "manager")
            .getForObject("/tasks/" + task.id(), String.class);
    assertThat(taskPage).contains("Thin walls, loud neighbours").contains("3 stays in a row");

    // the run goes on: no second alert for the same run ...
    answer(stay(property), "Noisy at night");
    assertThat(recurring.ofProperty(property.id())).hasSize(1);

    // ... and the manager's answer is kept
    new Staff(tasks).complete(task, Staff.MANAGER, Map.of("actionTaken", "Double glazing"));
    assertThat(recurring.find(alert.id()).orElseThrow().actionTaken()).isEqualTo("Double glazing");
  }

  @Test
  void fourStaysWithinAMonthRaiseAnAlertEvenWithoutARun() {
    Property property = data.property("Europe/Rome", "en");
    answer(stay(property), "Dirty bathroom");
    answer(stay(property), "There was dust under the bed");
    answer(stay(property), "We loved the breakfast");
    answer(stay(property), "Stains on the sheets");
    assertThat(recurring.ofProperty(property.id())).isEmpty();

    answer(stay(property), "房间不干净");

    List<RecurringProblemAlert> alerts = recurring.ofProperty(property.id());
    assertThat(alerts)
        .singleElement()
        .extracting(RecurringProblemAlert::rule)
        .isEqualTo(RecurringProblems.RULE_WITHIN_PERIOD);
    assertThat(alerts.getFirst().type()).isEqualTo("cleanliness");
  }

  /**
   * Posts a form as the browser does: the session and CSRF token the page gave, as {@code user}.
   */
  ResponseEntity<String> submitPageForm(
      String user, String page, String action, Map<String, String> fields) {
    TestRestTemplate http = org.guestjourney.support.SignedIn.as(anonymous, user, user);
    return org.guestjourney.support.PageForms.submit(http, page, action, fields);
  }
}
