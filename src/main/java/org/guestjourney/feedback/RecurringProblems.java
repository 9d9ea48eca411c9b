package org.guestjourney.feedback;

import static org.guestjourney.persistence.JdbcTime.instant;
import static org.guestjourney.persistence.JdbcTime.ts;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.guestjourney.tasklist.StaffTaskCompleted;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Raises a task for the manager when one type of problem keeps coming back at a property. How often
 * counts comes from the {@code recurring-problem-thresholds} DMN table, per type:
 *
 * <ul>
 *   <li><b>consecutive stays</b>: the last N stays of the property that left feedback (in the order
 *       their first feedback arrived) each had feedback of that type; stays without feedback say
 *       nothing and do not break the run;
 *   <li><b>within a period</b>: feedback of that type came from N different stays within the period
 *       (counted back from now).
 * </ul>
 *
 * An alert covers the feedback it counted: the next alert of the same property and type counts only
 * newer feedback, so one run of problems raises one alert (a run that goes on raises the next alert
 * after another N).
 */
@Service
public class RecurringProblems {

  static final String RULE_CONSECUTIVE = "consecutive-stays";
  static final String RULE_WITHIN_PERIOD = "within-period";

  private static final Logger log = LoggerFactory.getLogger(RecurringProblems.class);

  /** What the DMN table says about a type; 0 switches a rule off. */
  record Thresholds(Integer consecutiveStays, Integer timesWithinPeriod, String period) {}

  private final JdbcClient jdbc;
  private final FeedbackEngine engine;
  private final TransactionTemplate tx;
  private final ObjectMapper json;
  private final Clock clock;

  RecurringProblems(
      JdbcClient jdbc,
      FeedbackEngine engine,
      TransactionTemplate tx,
      ObjectMapper json,
      Clock clock) {
    this.jdbc = jdbc;
    this.engine = engine;
    this.tx = tx;
    this.json = json;
    this.clock = clock;
  }

  /** Checks the property's feedback of that type and raises an alert when a rule is met. */
  public Optional<RecurringProblemAlert> check(long propertyId, String type) {
    if (type == null) {
      return Optional.empty();
    }
    Thresholds t = thresholds(type);
    Optional<Long> raised =
        tx.execute(
            status -> {
              // one check per property at a time: two answers arriving together raise one alert
              jdbc.sql("select id from property where id = ? for update")
                  .param(propertyId)
                  .query(Long.class)
                  .single();
              long covered = coveredUntil(propertyId, type);
              int n = t.consecutiveStays() == null ? 0 : t.consecutiveStays();
              if (n > 0 && consecutive(propertyId, type, covered, n)) {
                return Optional.of(insert(propertyId, type, RULE_CONSECUTIVE, n, null, covered));
              }
              int times = t.timesWithinPeriod() == null ? 0 : t.timesWithinPeriod();
              if (times > 0 && t.period() != null) {
                Instant since = clock.instant().minus(Duration.parse(t.period()));
                int stays =
                    jdbc.sql(
                            """
                            select count(distinct f.booking_id) from feedback f join booking b on b.id = f.booking_id
                             where b.property_id = ? and f.type = ? and f.id > ? and f.created_at >= ?
                            """)
                        .params(propertyId, type, covered, ts(since))
                        .query(Integer.class)
                        .single();
                if (stays >= times) {
                  return Optional.of(
                      insert(propertyId, type, RULE_WITHIN_PERIOD, times, t.period(), covered));
                }
              }
              return Optional.<Long>empty();
            });
    if (raised == null || raised.isEmpty()) {
      return Optional.empty();
    }
    startJourney(raised.get());
    return find(raised.get());
  }

  /** The last n stays that left feedback each have new feedback of the type. */
  private boolean consecutive(long propertyId, String type, long covered, int n) {
    List<Boolean> lastStays =
        jdbc.sql(
                """
                select bool_or(f.type = :t and f.id > :covered) from feedback f join booking b on b.id = f.booking_id
                 where b.property_id = :p
                 group by f.booking_id order by min(f.id) desc limit :n
                """)
            .param("t", type)
            .param("covered", covered)
            .param("p", propertyId)
            .param("n", n)
            .query(Boolean.class)
            .list();
    return lastStays.size() == n && lastStays.stream().allMatch(Boolean.TRUE::equals);
  }

  private long coveredUntil(long propertyId, String type) {
    return jdbc.sql(
            "select coalesce(max(covered_until_feedback_id), 0) from recurring_problem_alert where property_id = ? and type = ?")
        .params(propertyId, type)
        .query(Long.class)
        .single();
  }

  private long insert(
      long propertyId, String type, String rule, int threshold, String period, long covered) {
    List<Long> ids =
        jdbc.sql(
                """
                select f.id from feedback f join booking b on b.id = f.booking_id
                 where b.property_id = ? and f.type = ? and f.id > ? order by f.id
                """)
            .params(propertyId, type, covered)
            .query(Long.class)
            .list();
    long id =
        jdbc.sql(
                """
                insert into recurring_problem_alert (property_id, type, rule, threshold, period, feedback_ids,
                  covered_until_feedback_id, raised_at)
                values (?, ?, ?, ?, ?, ?, ?, ?) returning id
                """)
            .params(
                propertyId,
                type,
                rule,
                threshold,
                period,
                ids.stream().map(String::valueOf).collect(Collectors.joining(",")),
                ids.getLast(),
                ts(clock.instant()))
            .query(Long.class)
            .single();
    log.info(
        "Recurring {} problem at property {} ({} {}): alert {}",
        type,
        propertyId,
        threshold,
        rule,
        id);
    return id;
  }

  /** Starts the manager's task for the alert. */
  void startJourney(long alertId) {
    long key = engine.startRecurringProblem(alertId);
    jdbc.sql("update recurring_problem_alert set process_instance_key = ? where id = ?")
        .params(key, alertId)
        .update();
  }

  /** The manager completed the task: keep what they will do about it. */
  @EventListener
  void taskCompleted(StaffTaskCompleted completed) {
    if (!RecurringProblemJourney.KIND_RECURRING_PROBLEM.equals(completed.task().taskKind())) {
      return;
    }
    Object action = completed.values().get("actionTaken");
    jdbc.sql(
            """
            update recurring_problem_alert set handled_by = ?, handled_at = ?, action_taken = ?
             where process_instance_key = ?
            """)
        .params(
            completed.completedBy(),
            ts(clock.instant()),
            action == null ? null : action.toString(),
            completed.task().processInstanceKey())
        .update();
  }

  Thresholds thresholds(String type) {
    String output =
        engine.evaluate(RecurringProblemJourney.DECISION_THRESHOLDS, Map.of("type", type));
    try {
      return json.readValue(output, Thresholds.class);
    } catch (Exception e) {
      throw new IllegalStateException("Unexpected output of the thresholds table: " + output, e);
    }
  }

  public Optional<RecurringProblemAlert> find(long id) {
    return jdbc.sql("select * from recurring_problem_alert where id = ?")
        .param(id)
        .query(this::map)
        .optional();
  }

  public Optional<RecurringProblemAlert> ofProcessInstance(long key) {
    return jdbc.sql("select * from recurring_problem_alert where process_instance_key = ?")
        .param(key)
        .query(this::map)
        .optional();
  }

  public List<RecurringProblemAlert> open() {
    return jdbc.sql("select * from recurring_problem_alert where handled_at is null order by id")
        .query(this::map)
        .list();
  }

  public List<RecurringProblemAlert> ofProperty(long propertyId) {
    return jdbc.sql("select * from recurring_problem_alert where property_id = ? order by id")
        .param(propertyId)
        .query(this::map)
        .list();
  }

  private RecurringProblemAlert map(ResultSet rs, int n) throws SQLException {
    return new RecurringProblemAlert(
        rs.getLong("id"),
        rs.getLong("property_id"),
        rs.getString("type"),
        rs.getString("rule"),
        rs.getInt("threshold"),
        rs.getString("period"),
        rs.getString("feedback_ids"),
        rs.getLong("covered_until_feedback_id"),
        rs.getObject("process_instance_key", Long.class),
        instant(rs, "raised_at"),
        rs.getString("handled_by"),
        instant(rs, "handled_at"),
        rs.getString("action_taken"));
  }
}
