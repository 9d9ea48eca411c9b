package org.guestjourney.demo;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Random;
import java.util.UUID;
import org.guestjourney.privacy.ContactCipher;
import org.guestjourney.property.Property;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Six months of past stays with answered satisfaction surveys, so that the manager's numbers and
 * their trends have something to show in the demo. Past stays cannot be booked through the API
 * (arrival in the past), so they are written as rows: they carry no journey and send nothing.
 * Loaded once per property.
 */
@Component
@org.springframework.boot.autoconfigure.condition.ConditionalOnProperty(
    name = "guest-journey.demo-data",
    havingValue = "true")
class DemoHistory {

  private static final String[] GUESTS = {
    "Anna Müller",
    "James Brown",
    "Sofia Romano",
    "Yuki Tanaka",
    "Pierre Martin",
    "Olga Ivanova",
    "Lucas Silva",
    "Emily Clark"
  };

  private final JdbcClient jdbc;
  private final Clock clock;
  private final ContactCipher cipher;

  DemoHistory(JdbcClient jdbc, Clock clock, ContactCipher cipher) {
    this.jdbc = jdbc;
    this.cipher = cipher;
    this.clock = clock;
  }

  @Transactional
  void load(Property property) {
    boolean loaded =
        jdbc.sql(
                "select exists (select 1 from booking where property_id = ? and external_reference like 'DEMO-H-%')")
            .param(property.id())
            .query(Boolean.class)
            .single();
    if (loaded) {
      return;
    }
    Random random = new Random(property.id()); // the same history on every start
    LocalDate today = LocalDate.now(clock);
    int n = 0;
    for (int monthsAgo = 6; monthsAgo >= 1; monthsAgo--) {
      LocalDate month = today.minusMonths(monthsAgo).withDayOfMonth(1);
      int stays = 3 + random.nextInt(3);
      for (int i = 0; i < stays; i++) {
        n++;
        String name = GUESTS[random.nextInt(GUESTS.length)];
        // the same name is the same guest: some of them come back
        String email = name.toLowerCase().replaceAll("[^a-z]+", ".") + "@example.com";
        LocalDate arrival = month.plusDays(random.nextInt(24));
        LocalDate departure = arrival.plusDays(1 + random.nextInt(4));
        long guest =
            jdbc.sql(
                    """
                    insert into guest (full_name, email, email_index, preferred_language, created_at)
                    values (?, ?, ?, 'en', ?) returning id
                    """)
                .params(
                    cipher.encrypt(name),
                    cipher.encrypt(email),
                    cipher.index(email),
                    ts(arrival.minusDays(20)))
                .query(Long.class)
                .single();
        long booking =
            jdbc.sql(
                    """
                    insert into booking (property_id, guest_id, external_reference, source_channel,
                      arrival_date, departure_date, party_size, status, created_at, updated_at)
                    values (?, ?, ?, ?, ?, ?, 2, 'CONFIRMED', ?, ?) returning id
                    """)
                .params(
                    property.id(),
                    guest,
                    "DEMO-H-" + n,
                    random.nextInt(3) == 0 ? "booking.com" : "direct",
                    arrival,
                    departure,
                    ts(arrival.minusDays(20)),
                    ts(arrival.minusDays(20)))
                .query(Long.class)
                .single();
        boolean answered = random.nextInt(4) != 0; // about three in four answer
        // scores improve month by month, as the host fixes what guests said
        int base = 3 + (6 - monthsAgo) / 3;
        String answers =
            answered
                ? """
                {"room":%d,"cleanliness":%d,"staff":%d,"services":%d,"value":%d,"recommend":%d,"returnLikelihood":"likely","comments":"%s"}
                """
                    .formatted(
                        score(base, random),
                        score(base, random),
                        score(base + 1, random),
                        score(base, random),
                        score(base - 1, random),
                        Math.max(0, Math.min(10, 2 * base - 1 + random.nextInt(3))),
                        base < 4 ? "The street was noisy at night" : "Lovely breakfast, thank you")
                    .strip()
                : null;
        jdbc.sql(
                """
                insert into survey_invitation (token_hash, booking_id, kind, language, expires_at,
                  created_at, answered_at, answers)
                values (?, ?, 'SATISFACTION', 'en', ?, ?, ?, ?)
                """)
            .params(
                "demo-history-" + UUID.randomUUID(),
                booking,
                ts(departure.plusDays(30)),
                ts(departure.plusDays(1)),
                answered ? ts(departure.plusDays(2)) : null,
                answers)
            .update();
      }
    }
  }

  private static int score(int base, Random random) {
    return Math.max(1, Math.min(5, base + random.nextInt(2) - (random.nextInt(6) == 0 ? 2 : 0)));
  }

  private static Timestamp ts(LocalDate day) {
    return Timestamp.from(day.atTime(12, 0).toInstant(ZoneOffset.UTC));
  }
}
