package org.guestjourney.journey;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.guestjourney.modeler.JourneyModels;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Which deployed version each journey of a booking runs on (ADR 0072): recorded when the journey
 * reads the booking's facts, its first step, and again when it starts over.
 */
@Component
public class JourneyRuns {

  private final JdbcClient jdbc;
  private final JourneyModels models;
  private final org.guestjourney.booking.BookingRepository bookings;
  private final Clock clock;

  JourneyRuns(
      JdbcClient jdbc,
      JourneyModels models,
      org.guestjourney.booking.BookingRepository bookings,
      Clock clock) {
    this.jdbc = jdbc;
    this.models = models;
    this.bookings = bookings;
    this.clock = clock;
  }

  /** One journey of the booking and the version it runs on (empty when not known). */
  public record Run(
      String processId,
      long processInstanceKey,
      Instant startedAt,
      Optional<JourneyModels.Version> version) {}

  void record(
      long bookingId, String processId, long processInstanceKey, long processDefinitionKey) {
    if (PreArrivalJourney.PROCESS_ID.equals(processId)) {
      // the journey was started by a message: its instance is known from its first step
      bookings.recordJourneyInstance(bookingId, processInstanceKey);
    }
    jdbc.sql(
            """
            insert into booking_journey_run (booking_id, bpmn_process_id, process_instance_key,
              process_definition_key, started_at)
            values (?, ?, ?, ?, ?)
            on conflict (booking_id, bpmn_process_id) do update
              set started_at = case
                    when booking_journey_run.process_instance_key
                         = excluded.process_instance_key
                    then booking_journey_run.started_at else excluded.started_at end,
                  process_instance_key = excluded.process_instance_key,
                  process_definition_key = excluded.process_definition_key
            """)
        .params(
            bookingId,
            processId,
            processInstanceKey,
            processDefinitionKey,
            Timestamp.from(clock.instant()))
        .update();
  }

  /** The booking's journeys that started, in the order a stay goes through them. */
  public List<Run> of(long bookingId) {
    List<Run> runs =
        jdbc.sql(
                "select bpmn_process_id, process_instance_key, process_definition_key, started_at"
                    + " from booking_journey_run where booking_id = ?")
            .param(bookingId)
            .query(
                (rs, row) ->
                    new Run(
                        rs.getString("bpmn_process_id"),
                        rs.getLong("process_instance_key"),
                        rs.getTimestamp("started_at").toInstant(),
                        models.versionOfDefinition(rs.getLong("process_definition_key"))))
            .list();
    List<String> order = JourneySteps.BOOKING_JOURNEYS;
    return runs.stream()
        .sorted(
            java.util.Comparator.comparingInt(
                r ->
                    order.indexOf(r.processId()) < 0 ? order.size() : order.indexOf(r.processId())))
        .toList();
  }
}
