package org.guestjourney.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.LocalDate;
import org.guestjourney.property.Property;
import org.guestjourney.support.JourneyIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The demo's past stays fill the manager's numbers once, and start no journey. */
class DemoHistoryTest extends JourneyIntegrationTest {

  @Autowired JdbcClient jdbc;
  @Autowired Clock clock;
  @Autowired org.guestjourney.privacy.ContactCipher cipher;

  @Test
  void sixMonthsOfAnsweredStaysAreLoadedOnceAndCarryNoJourney() {
    Property property = data.property("Europe/Rome", "en");
    DemoHistory history = new DemoHistory(jdbc, clock, cipher);

    history.load(property);
    history.load(property);

    int stays = count("select count(*) from booking where property_id = ?", property.id());
    int answered =
        count(
            """
            select count(*) from survey_invitation s join booking b on b.id = s.booking_id
             where b.property_id = ? and s.answered_at is not null
            """,
            property.id());
    assertThat(stays).as("3 to 5 stays in each of six months").isBetween(18, 30);
    assertThat(answered).isPositive().isLessThan(stays + 1);
    assertThat(
            count(
                "select count(*) from booking where property_id = ? and (departure_date >= ? or journey_instance_key is not null)",
                property.id(),
                LocalDate.now(clock).withDayOfMonth(1)))
        .as("all in the past, none with a journey")
        .isZero();
  }

  private int count(String sql, Object... params) {
    return jdbc.sql(sql).params(params).query(Integer.class).single();
  }
}
