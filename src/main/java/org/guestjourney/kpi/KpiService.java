package org.guestjourney.kpi;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Computes {@link Kpis} from the rows; every figure's rule is written next to it. */
@Service
public class KpiService {

  static final List<String> DIMENSIONS =
      List.of("room", "cleanliness", "staff", "services", "value");

  /** How many months the trend shows, ending with the period's last month. */
  static final int TREND_MONTHS = 12;

  /** The stays of the period: confirmed bookings departing between from and to (inclusive). */
  static final String STAYS =
      "select id from booking where property_id = :p and status = 'CONFIRMED' and departure_date between :from and :to";

  private final JdbcClient jdbc;
  private final ObjectMapper json;
  private final Clock clock;

  KpiService(JdbcClient jdbc, ObjectMapper json, Clock clock) {
    this.jdbc = jdbc;
    this.json = json;
    this.clock = clock;
  }

  /** The satisfaction-survey figures of some stays. */
  record SurveyFigures(
      int sent,
      int answered,
      Map<String, Double> averages,
      Double overallAverage,
      Integer nps,
      int npsAnswers,
      Double negativeRate) {}

  public Kpis compute(long propertyId, LocalDate from, LocalDate to) {
    return compute(propertyId, from, to, clock.instant());
  }

  /**
   * The figures as they stand at {@code now}: a deadline that passed without the work done counts
   * as missed, one still ahead does not count yet.
   */
  public Kpis compute(long propertyId, LocalDate from, LocalDate to, Instant now) {
    checkPeriod(from, to);
    Map<String, Integer> bySource =
        counts(
            "select source_channel, count(*) from booking where id in (" + STAYS + ") group by 1",
            propertyId,
            from,
            to);
    int bookings = bySource.values().stream().mapToInt(Integer::intValue).sum();

    SurveyFigures surveys = surveys(propertyId, from, to);

    Map<String, Integer> byCategory =
        counts(
            "select category, count(*) from complaint where booking_id in ("
                + STAYS
                + ") group by 1",
            propertyId,
            from,
            to);
    Map<String, Integer> byUrgency =
        counts(
            "select coalesce(urgency, 'unclassified'), count(*) from complaint where booking_id in ("
                + STAYS
                + ") group by 1",
            propertyId,
            from,
            to);

    // staff tasks of those stays that were completed, and how many before their due time; open
    // tasks already past their deadline count as late (they are, and would otherwise be hidden)
    List<Boolean> onTime =
        query(
                "select completed_at <= due_at from staff_task where state = 'COMPLETED' and due_at is not null and booking_id in ("
                    + STAYS
                    + ")",
                propertyId,
                from,
                to)
            .query(Boolean.class)
            .list();
    int openOverdue =
        query(
                "select count(*) from staff_task where state = 'OPEN' and due_at < :now and booking_id in ("
                    + STAYS
                    + ")",
                propertyId,
                from,
                to)
            .param("now", Timestamp.from(now))
            .query(Integer.class)
            .single();
    // each message once, by its furthest known outcome: delivered (or read) when the provider
    // confirmed it, failed when the provider or the channel gave up, sent when it left us without a
    // receipt (e-mail has none unless it bounces), skipped or cancelled with a reason, else
    // scheduled
    Map<String, Integer> messages =
        counts(
            """
            select lower(channel) || ' ' || case
                     when provider_status in ('DELIVERED', 'READ') then 'delivered'
                     when provider_status in ('UNDELIVERED', 'FAILED', 'BOUNCED', 'COMPLAINED')
                       or state = 'FAILED' then 'failed'
                     when state = 'SENT' then 'sent'
                     when state = 'SENDING' then 'scheduled'
                     else lower(state) end, count(*)
              from message_delivery where booking_id in (%s) group by 1
            """
                .formatted(STAYS),
            propertyId,
            from,
            to);
    int reviews =
        query(
                "select count(*) from message_delivery where step = 'review-request' and state = 'SENT' and booking_id in ("
                    + STAYS
                    + ")",
                propertyId,
                from,
                to)
            .query(Integer.class)
            .single();

    // inquiries received in the period (UTC days) with a deadline: answered before it, of those
    // answered plus those whose deadline passed without an answer
    Kpis.Share inquiries =
        share(
            """
            select answered_at is not null and answered_at <= answer_due_at from inquiry
             where property_id = :p and answer_due_at is not null
               and received_at >= :start and received_at < :end
               and (answered_at is not null or answer_due_at < :now)
            """,
            propertyId,
            from,
            to,
            now);
    // a complaint is acknowledged when its first task is claimed, or completed without a claim; of
    // complaints acknowledged plus those whose deadline passed without it. The first task is the
    // one of kind "resolve-complaint" (the urgent call or the priority contact) or, for a latent
    // need,
    // "evaluate-need": kinds are the tasks' taskKind headers, so renaming elements changes nothing
    Kpis.Share acknowledged =
        share(
            """
            select a.acknowledged_at is not null and a.acknowledged_at <= c.acknowledge_due_at
              from complaint c left join (
                select complaint_id, min(coalesce(claimed_at, completed_at)) as acknowledged_at
                  from staff_task where task_kind in ('resolve-complaint', 'evaluate-need') and state <> 'CANCELLED'
                 group by complaint_id) a on a.complaint_id = c.id
             where c.booking_id in (%s) and c.acknowledge_due_at is not null
               and (a.acknowledged_at is not null or c.acknowledge_due_at < :now)
            """
                .formatted(STAYS),
            propertyId,
            from,
            to,
            now);
    // a complaint is resolved when that first task is completed (a solution agreed)
    Kpis.Share resolved =
        share(
            """
            select r.resolved_at is not null and r.resolved_at <= c.resolve_due_at
              from complaint c left join (
                select complaint_id, min(completed_at) as resolved_at
                  from staff_task where task_kind in ('resolve-complaint', 'evaluate-need') and state = 'COMPLETED'
                 group by complaint_id) r on r.complaint_id = c.id
             where c.booking_id in (%s) and c.resolve_due_at is not null
               and (r.resolved_at is not null or c.resolve_due_at < :now)
            """
                .formatted(STAYS),
            propertyId,
            from,
            to,
            now);
    // stays whose guest (same e-mail, any property) had a confirmed stay that ended by this
    // arrival:
    // the guest's first departure is on or before it (a stay never ends before it starts, so that
    // first departure is another stay's); one pass over the bookings, not one query per stay
    Kpis.Share repeat =
        share(
            """
            select coalesce(f.first_departure <= s.arrival_date, false)
              from (select b.arrival_date, g.email_index as email
                      from booking b join guest g on g.id = b.guest_id
                     where b.id in (%s)) s
              left join (select eg.email_index as email, min(e.departure_date) as first_departure
                           from booking e join guest eg on eg.id = e.guest_id
                          where e.status = 'CONFIRMED' and eg.email_index is not null
                          group by 1) f on f.email = s.email
            """
                .formatted(STAYS),
            propertyId,
            from,
            to,
            now);
    // feedback of those stays that is a suggestion, and how many of them a manager adopted
    Kpis.Share adopted =
        share(
            "select adopted_at is not null from feedback where suggestion and booking_id in ("
                + STAYS
                + ")",
            propertyId,
            from,
            to,
            now);
    Map<String, Integer> feedbackByType =
        counts(
            "select coalesce(type, 'unclassified'), count(*) from feedback where booking_id in ("
                + STAYS
                + ") group by 1",
            propertyId,
            from,
            to);

    return new Kpis(
        propertyId,
        from,
        to,
        bookings,
        bySource,
        surveys.sent(),
        surveys.answered(),
        surveys.sent() == 0 ? null : round((double) surveys.answered() / surveys.sent()),
        surveys.averages(),
        surveys.nps(),
        surveys.npsAnswers(),
        surveys.negativeRate(),
        byCategory,
        byUrgency,
        onTime.size(),
        openOverdue,
        onTime.size() + openOverdue == 0
            ? null
            : round(
                (double) onTime.stream().filter(Boolean::booleanValue).count()
                    / (onTime.size() + openOverdue)),
        messages,
        reviews,
        inquiries,
        acknowledged,
        resolved,
        repeat,
        adopted,
        feedbackByType,
        trend(propertyId, to));
  }

  /** Month by month, the months up to the one {@code to} falls in. */
  List<Kpis.Month> trend(long propertyId, LocalDate to) {
    List<Kpis.Month> months = new ArrayList<>();
    LocalDate last = to.withDayOfMonth(1);
    for (int i = TREND_MONTHS - 1; i >= 0; i--) {
      LocalDate start = last.minusMonths(i);
      LocalDate end = start.plusMonths(1).minusDays(1);
      SurveyFigures s = surveys(propertyId, start, end);
      months.add(
          new Kpis.Month(
              start,
              s.sent(),
              s.answered(),
              s.overallAverage(),
              s.nps(),
              s.sent() == 0 ? null : round((double) s.answered() / s.sent())));
    }
    return months;
  }

  /**
   * Satisfaction surveys sent to the stays (one per stay), the answered ones (answers sent; a draft
   * is not an answer), averages per dimension and overall, NPS, and the share of negative answers.
   */
  SurveyFigures surveys(long propertyId, LocalDate from, LocalDate to) {
    List<String> answers =
        query(
                "select answers from survey_invitation where kind = 'SATISFACTION' and answered_at is not null and booking_id in ("
                    + STAYS
                    + ")",
                propertyId,
                from,
                to)
            .query(String.class)
            .list();
    int sent =
        query(
                "select count(distinct booking_id) from survey_invitation where kind = 'SATISFACTION' and booking_id in ("
                    + STAYS
                    + ")",
                propertyId,
                from,
                to)
            .query(Integer.class)
            .single();
    Map<String, Double> averages = new TreeMap<>();
    int promoters = 0;
    int detractors = 0;
    int recommendAnswers = 0;
    int negative = 0;
    double total = 0;
    int scores = 0;
    Map<String, double[]> sums = new TreeMap<>();
    for (String a : answers) {
      Map<String, Object> m = read(a);
      boolean low = false;
      for (String d : DIMENSIONS) {
        if (m.get(d) != null) {
          int v = Integer.parseInt(m.get(d).toString());
          double[] s = sums.computeIfAbsent(d, k -> new double[2]);
          s[0] += v;
          s[1]++;
          total += v;
          scores++;
          low |= v <= 2;
        }
      }
      if (m.get("recommend") != null) {
        int r = Integer.parseInt(m.get("recommend").toString());
        recommendAnswers++;
        promoters += r >= 9 ? 1 : 0;
        detractors += r <= 6 ? 1 : 0;
        low |= r <= 6;
      }
      negative += low ? 1 : 0;
    }
    sums.forEach((d, s) -> averages.put(d, round(s[0] / s[1])));
    Integer nps =
        recommendAnswers == 0
            ? null
            : (int) Math.round(100.0 * (promoters - detractors) / recommendAnswers);
    return new SurveyFigures(
        sent,
        answers.size(),
        averages,
        scores == 0 ? null : round(total / scores),
        nps,
        recommendAnswers,
        answers.isEmpty() ? null : round((double) negative / answers.size()));
  }

  /** The messages behind the figures, as rows for a spreadsheet. */
  public List<Map<String, Object>> messageRows(long propertyId, LocalDate from, LocalDate to) {
    return rows(KpiRows.MESSAGES, propertyId, from, to);
  }

  /**
   * A period whose start is after its end is refused (it would silently show zeros), naming the
   * field at fault.
   */
  static void checkPeriod(LocalDate from, LocalDate to) {
    if (from.isAfter(to)) {
      throw org.guestjourney.web.InvalidRequestException.of(
          "from",
          "the start ("
              + from
              + ") is after the end ("
              + to
              + "): choose a start on or before the end");
    }
  }

  /** The rows behind a figure, as the page and the CSV show them. */
  public List<Map<String, Object>> rows(
      KpiRows kind, long propertyId, LocalDate from, LocalDate to) {
    checkPeriod(from, to);
    return query(kind.sql(), propertyId, from, to).query().listOfRows();
  }

  private Kpis.Share share(String sql, long propertyId, LocalDate from, LocalDate to, Instant now) {
    List<Boolean> flags =
        query(sql, propertyId, from, to)
            .param("start", Timestamp.from(from.atStartOfDay(ZoneOffset.UTC).toInstant()))
            .param("end", Timestamp.from(to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()))
            .param("now", Timestamp.from(now))
            .query(Boolean.class)
            .list();
    return Kpis.Share.of((int) flags.stream().filter(Boolean::booleanValue).count(), flags.size());
  }

  private JdbcClient.StatementSpec query(
      String sql, long propertyId, LocalDate from, LocalDate to) {
    JdbcClient.StatementSpec spec = jdbc.sql(sql);
    if (sql.contains(":p")) {
      spec = spec.param("p", propertyId);
    }
    if (sql.contains(":from")) {
      spec = spec.param("from", from).param("to", to);
    }
    return spec;
  }

  private Map<String, Integer> counts(String sql, long propertyId, LocalDate from, LocalDate to) {
    Map<String, Integer> result = new TreeMap<>();
    query(sql, propertyId, from, to)
        .query((rs, n) -> result.put(rs.getString(1), rs.getInt(2)))
        .list();
    return result;
  }

  private Map<String, Object> read(String answers) {
    try {
      return json.readValue(answers, new TypeReference<Map<String, Object>>() {});
    } catch (Exception e) {
      return Map.of();
    }
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
