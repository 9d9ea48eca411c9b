package org.guestjourney.staffalert;

import java.sql.Time;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.guestjourney.web.FieldViolation;
import org.guestjourney.web.InvalidRequestException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What each person wants to hear about, how, and when: per reason, by e-mail and/or text, at once
 * or in their digest; and when their digest goes (every hour, or once a day at a time in the zone
 * of the house they work for). Urgent tasks and missed deadlines always go at once, by at least one
 * channel.
 */
@Service
public class StaffAlertPreferences {

  /** One reason's choice. */
  public record Choice(AlertReason reason, boolean email, boolean sms, boolean digest) {}

  /** When a person's digest goes: every hour on the hour, or every day at {@code at}. */
  public record Schedule(Every every, LocalTime at) {}

  public enum Every {
    HOUR,
    DAY
  }

  /** What a person gets before they choose. */
  static final Map<AlertReason, Choice> DEFAULTS =
      Map.of(
          AlertReason.NEW_TASK, new Choice(AlertReason.NEW_TASK, true, false, false),
          AlertReason.ASSIGNED, new Choice(AlertReason.ASSIGNED, true, true, false),
          AlertReason.DUE_SOON, new Choice(AlertReason.DUE_SOON, true, false, false),
          AlertReason.URGENT, new Choice(AlertReason.URGENT, true, true, false),
          AlertReason.BREACH, new Choice(AlertReason.BREACH, true, true, false));

  static final Schedule DEFAULT_SCHEDULE = new Schedule(Every.DAY, LocalTime.of(8, 0));

  private final JdbcClient jdbc;
  private final TransactionTemplate transaction;
  private final Clock clock;

  StaffAlertPreferences(JdbcClient jdbc, TransactionTemplate transaction, Clock clock) {
    this.jdbc = jdbc;
    this.transaction = transaction;
    this.clock = clock;
  }

  /** The person's choice for every reason (the defaults where they chose nothing). */
  public Map<AlertReason, Choice> of(long staffAccountId) {
    Map<AlertReason, Choice> choices = new EnumMap<>(AlertReason.class);
    for (AlertReason r : AlertReason.values()) {
      choices.put(r, DEFAULTS.get(r));
    }
    jdbc.sql(
            "select reason, email, sms, digest from staff_alert_preference where staff_account_id = ?")
        .param(staffAccountId)
        .query(
            (rs, n) ->
                new Choice(
                    AlertReason.valueOf(rs.getString("reason")),
                    rs.getBoolean("email"),
                    rs.getBoolean("sms"),
                    rs.getBoolean("digest")))
        .list()
        .forEach(c -> choices.put(c.reason(), c));
    return choices;
  }

  public Choice of(long staffAccountId, AlertReason reason) {
    return of(staffAccountId).get(reason);
  }

  public Schedule scheduleOf(long staffAccountId) {
    return jdbc.sql("select every, at_time from staff_digest_schedule where staff_account_id = ?")
        .param(staffAccountId)
        .query(
            (rs, n) ->
                new Schedule(
                    Every.valueOf(rs.getString("every")), rs.getTime("at_time").toLocalTime()))
        .optional()
        .orElse(DEFAULT_SCHEDULE);
  }

  /**
   * The zone the person's digest times are in: that of the (first) house they work for; UTC when
   * they work for none.
   */
  public ZoneId zoneOf(long staffAccountId) {
    return jdbc.sql(
            """
            select p.time_zone from property p, staff_account s
             where s.id = ? and (s.all_properties or exists (select 1 from staff_account_property a
                     where a.staff_account_id = s.id and a.property_id = p.id))
             order by p.id limit 1
            """)
        .param(staffAccountId)
        .query((rs, n) -> ZoneId.of(rs.getString("time_zone")))
        .optional()
        .orElse(ZoneOffset.UTC);
  }

  /**
   * Saves the person's choices and digest schedule; nothing is saved when one is wrong (each named
   * by its field: {@code urgent.channel}, {@code new_task.when}, {@code digestAt}).
   */
  public void save(long staffAccountId, List<Choice> choices, Schedule schedule) {
    List<FieldViolation> wrong = new ArrayList<>();
    for (Choice c : choices) {
      String field = c.reason().name().toLowerCase(java.util.Locale.ROOT);
      if (c.digest() && !c.reason().digestible()) {
        wrong.add(new FieldViolation(field + ".when", "always goes at once, never in a digest"));
      }
      if (!c.email() && !c.sms() && !c.reason().digestible()) {
        wrong.add(
            new FieldViolation(field + ".channel", "choose e-mail, text message or both for this"));
      }
    }
    if (schedule == null || schedule.every() == null || schedule.at() == null) {
      wrong.add(new FieldViolation("digestAt", "choose every hour, or once a day at a time"));
    }
    if (!wrong.isEmpty()) {
      throw new InvalidRequestException(wrong);
    }
    transaction.executeWithoutResult(
        status -> {
          for (Choice c : choices) {
            jdbc.sql(
                    """
                    insert into staff_alert_preference (staff_account_id, reason, email, sms, digest)
                    values (?, ?, ?, ?, ?)
                    on conflict (staff_account_id, reason) do update set email = excluded.email,
                      sms = excluded.sms, digest = excluded.digest
                    """)
                .params(staffAccountId, c.reason().name(), c.email(), c.sms(), c.digest())
                .update();
          }
          jdbc.sql(
                  """
                  insert into staff_digest_schedule (staff_account_id, every, at_time, updated_at)
                  values (?, ?, ?, ?)
                  on conflict (staff_account_id) do update set every = excluded.every,
                    at_time = excluded.at_time, updated_at = excluded.updated_at
                  """)
              .params(
                  staffAccountId,
                  schedule.every().name(),
                  Time.valueOf(schedule.at().withSecond(0).withNano(0)),
                  Timestamp.from(clock.instant()))
              .update();
        });
  }
}
