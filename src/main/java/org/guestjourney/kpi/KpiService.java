package org.guestjourney.kpi;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
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

  private final JdbcClient jdbc;
  private final ObjectMapper json;

  KpiService(JdbcClient jdbc, ObjectMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  public Kpis compute(long propertyId, LocalDate from, LocalDate to) {
    // the stays of the period: confirmed bookings departing between from and to (inclusive)
    String stays =
        "select id from booking where property_id = :p and status = 'CONFIRMED' and departure_date between :from and :to";
    Map<String, Integer> bySource =
        counts(
            "select source_channel, count(*) from booking where id in (" + stays + ") group by 1",
            propertyId,
            from,
            to);
    int bookings = bySource.values().stream().mapToInt(Integer::intValue).sum();

    // satisfaction surveys sent to those stays, and the answered ones
    List<String> answers =
        jdbc.sql(
                "select answers from survey_invitation where kind = 'SATISFACTION' and answered_at is not null and booking_id in ("
                    + stays
                    + ")")
            .param("p", propertyId)
            .param("from", from)
            .param("to", to)
            .query(String.class)
            .list();
    int sent =
        jdbc.sql(
                "select count(distinct booking_id) from survey_invitation where kind = 'SATISFACTION' and booking_id in ("
                    + stays
                    + ")")
            .param("p", propertyId)
            .param("from", from)
            .param("to", to)
            .query(Integer.class)
            .single();
    Map<String, Double> averages = new TreeMap<>();
    int promoters = 0;
    int detractors = 0;
    int recommendAnswers = 0;
    int negative = 0;
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

    Map<String, Integer> byCategory =
        counts(
            "select category, count(*) from complaint where booking_id in ("
                + stays
                + ") group by 1",
            propertyId,
            from,
            to);
    Map<String, Integer> byUrgency =
        counts(
            "select coalesce(urgency, 'unclassified'), count(*) from complaint where booking_id in ("
                + stays
                + ") group by 1",
            propertyId,
            from,
            to);

    // staff tasks of those stays that were completed, and how many before their due time
    List<Boolean> onTime =
        jdbc.sql(
                "select completed_at <= due_at from staff_task where state = 'COMPLETED' and due_at is not null and booking_id in ("
                    + stays
                    + ")")
            .param("p", propertyId)
            .param("from", from)
            .param("to", to)
            .query(Boolean.class)
            .list();
    Map<String, Integer> messages =
        counts(
            "select lower(channel) || ' ' || lower(state), count(*) from message_delivery where booking_id in ("
                + stays
                + ") group by 1",
            propertyId,
            from,
            to);
    int reviews =
        jdbc.sql(
                "select count(*) from message_delivery where step = 'review-request' and state = 'SENT' and booking_id in ("
                    + stays
                    + ")")
            .param("p", propertyId)
            .param("from", from)
            .param("to", to)
            .query(Integer.class)
            .single();
    return new Kpis(
        propertyId,
        from,
        to,
        bookings,
        bySource,
        sent,
        answers.size(),
        sent == 0 ? null : round((double) answers.size() / sent),
        averages,
        nps,
        answers.isEmpty() ? null : round((double) negative / answers.size()),
        byCategory,
        byUrgency,
        onTime.size(),
        onTime.isEmpty()
            ? null
            : round((double) onTime.stream().filter(Boolean::booleanValue).count() / onTime.size()),
        messages,
        reviews);
  }

  /** The messages behind the figures, as rows for a spreadsheet. */
  public List<Map<String, Object>> messageRows(long propertyId, LocalDate from, LocalDate to) {
    return jdbc.sql(
            """
            select d.booking_id, b.external_reference, d.step, d.channel, d.state, d.planned_at, d.sent_at, d.reason
              from message_delivery d join booking b on b.id = d.booking_id
             where b.property_id = :p and b.status = 'CONFIRMED' and b.departure_date between :from and :to
             order by d.booking_id, d.planned_at
            """)
        .param("p", propertyId)
        .param("from", from)
        .param("to", to)
        .query()
        .listOfRows();
  }

  private Map<String, Integer> counts(String sql, long propertyId, LocalDate from, LocalDate to) {
    Map<String, Integer> result = new TreeMap<>();
    jdbc.sql(sql)
        .param("p", propertyId)
        .param("from", from)
        .param("to", to)
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
