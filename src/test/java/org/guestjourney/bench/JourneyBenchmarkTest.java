package org.guestjourney.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.guestjourney.booking.BookingService;
import org.guestjourney.kpi.KpiService;
import org.guestjourney.kpi.Kpis;
import org.guestjourney.property.Property;
import org.guestjourney.support.JourneyIntegrationTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Figures, not verdicts: how fast bookings go from the API to a sent confirmation on the embedded
 * default, how long the manager's numbers take over a busy year, and how much heap that costs. Run
 * with {@code ./mvnw test -Pbenchmark}; nothing here fails on a slow machine, only on a wrong
 * result. Numbers from a laptop are not numbers from a cluster: compare runs on the same machine.
 */
@Tag("benchmark")
class JourneyBenchmarkTest extends JourneyIntegrationTest {

  private static final int BOOKINGS = 200;
  private static final int PAST_STAYS = 5_000;

  @Autowired BookingService bookings;
  @Autowired KpiService kpis;
  @Autowired JdbcClient jdbc;
  @Autowired org.guestjourney.privacy.ContactCipher cipher;

  @Test
  void bookingIntakeAndTheManagersNumbers() {
    Property property = data.property("Europe/Rome", "en");
    LocalDate arrival = LocalDate.ofInstant(engine.now(), property.timeZone()).plusDays(30);
    for (int i = 0; i < 10; i++) { // warm up
      bookings.create(data.request(property, arrival, 2, data.uniqueEmail(), "en"));
    }

    // booking intake: the API call, then until every confirmation has gone
    List<Long> createMicros = new ArrayList<>();
    List<Long> ids = new ArrayList<>();
    long start = System.nanoTime();
    for (int i = 0; i < BOOKINGS; i++) {
      long t = System.nanoTime();
      ids.add(
          bookings
              .create(data.request(property, arrival, 2, data.uniqueEmail(), "en"))
              .booking()
              .id());
      createMicros.add((System.nanoTime() - t) / 1_000);
    }
    long accepted = System.nanoTime() - start;
    await()
        .atMost(Duration.ofMinutes(5))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> confirmationsSent(ids) == BOOKINGS);
    long allSent = System.nanoTime() - start;
    assertThat(confirmationsSent(ids)).as("each confirmation exactly once").isEqualTo(BOOKINGS);

    // the manager's numbers over a busy year
    Property busy = data.property("Europe/Rome", "en");
    LocalDate yearStart = LocalDate.ofInstant(engine.now(), busy.timeZone()).minusYears(1);
    insertPastStays(busy.id(), yearStart, PAST_STAYS);
    long heapBefore = usedHeap();
    List<Long> kpiMillis = new ArrayList<>();
    Kpis k = null;
    for (int i = 0; i < 5; i++) {
      long t = System.nanoTime();
      k = kpis.compute(busy.id(), yearStart, yearStart.plusYears(1));
      kpiMillis.add((System.nanoTime() - t) / 1_000_000);
    }
    long heapAfter = usedHeap();
    assertThat(k.bookings()).isEqualTo(PAST_STAYS);
    assertThat(k.surveysAnswered()).isEqualTo(PAST_STAYS - PAST_STAYS / 4);

    System.out.printf(
        """

        ── Guest Journey benchmark (embedded default, %d CPUs, max heap %d MB) ──
        booking intake   %d bookings accepted in %d ms (%.1f/s); API call p50 %d µs, p95 %d µs
                         all confirmations sent after %d ms (%.1f bookings/s end to end)
        manager numbers  %d stays over a year: median %d ms, slowest %d ms (5 runs)
        heap             %d MB used before the numbers, %d MB after
        """,
        Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() / (1024 * 1024),
        BOOKINGS,
        accepted / 1_000_000,
        BOOKINGS / (accepted / 1e9),
        percentile(createMicros, 50),
        percentile(createMicros, 95),
        allSent / 1_000_000,
        BOOKINGS / (allSent / 1e9),
        PAST_STAYS,
        percentile(kpiMillis, 50),
        Collections.max(kpiMillis),
        heapBefore,
        heapAfter);
  }

  private int confirmationsSent(List<Long> ids) {
    return jdbc.sql(
            """
            select count(*) from message_delivery
             where booking_id in (:ids) and step = 'booking-confirmation' and state = 'SENT'
            """)
        .param("ids", ids)
        .query(Integer.class)
        .single();
  }

  /** Departed stays spread over the year, three in four with an answered satisfaction survey. */
  private void insertPastStays(long propertyId, LocalDate from, int count) {
    jdbc.sql(
            """
            with g as (
              insert into guest (full_name, email, preferred_language, created_at)
              select :name, :email, 'en', now()
                from generate_series(1, :n) i
              returning id),
            b as (
              insert into booking (property_id, guest_id, external_reference, source_channel,
                arrival_date, departure_date, party_size, status, created_at, updated_at)
              select :p, g.id, 'BENCH-' || g.id, 'direct', d.day - 2, d.day, 2, 'CONFIRMED',
                     now(), now()
                from g, lateral (select cast(:from as date) + 2 + (g.id % 360)::int as day) d
              returning id)
            insert into survey_invitation (token_hash, booking_id, kind, language, expires_at,
              created_at, answered_at, answers)
            select 'bench-' || b.id, b.id, 'SATISFACTION', 'en', now(), now(),
                   case when b.id % 4 = 0 then null else now() end,
                   case when b.id % 4 = 0 then null else
                     '{"room":4,"cleanliness":5,"staff":5,"services":3,"value":4,"recommend":9}' end
              from b
            """)
        .param("p", propertyId)
        .param("name", cipher.encrypt("Bench Guest"))
        .param("email", cipher.encrypt("bench@example.com"))
        .param("n", count)
        .param("from", from)
        .update();
  }

  private static long usedHeap() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024 * 1024);
  }

  private static long percentile(List<Long> values, int p) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(Math.min(sorted.size() - 1, sorted.size() * p / 100));
  }
}
