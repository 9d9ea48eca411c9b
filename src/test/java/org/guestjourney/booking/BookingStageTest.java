package org.guestjourney.booking;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** A booking's stage follows from its dates and the house's today. */
class BookingStageTest {

  static final LocalDate ARRIVAL = LocalDate.of(2026, 12, 10);

  static Booking stay(BookingStatus status) {
    return new Booking(
        1,
        1,
        1,
        "REF",
        "direct",
        ARRIVAL,
        ARRIVAL.plusDays(3),
        "3",
        2,
        null,
        status,
        1,
        null,
        null,
        null,
        null);
  }

  @Test
  void aConfirmedStayGoesFromUpcomingThroughInHouseToDeparted() {
    Booking b = stay(BookingStatus.CONFIRMED);
    assertThat(BookingStage.of(b, ARRIVAL.minusDays(1))).isEqualTo(BookingStage.UPCOMING);
    assertThat(BookingStage.of(b, ARRIVAL)).isEqualTo(BookingStage.ARRIVING_TODAY);
    assertThat(BookingStage.of(b, ARRIVAL.plusDays(1))).isEqualTo(BookingStage.IN_HOUSE);
    assertThat(BookingStage.of(b, ARRIVAL.plusDays(2))).isEqualTo(BookingStage.IN_HOUSE);
    assertThat(BookingStage.of(b, ARRIVAL.plusDays(3))).isEqualTo(BookingStage.DEPARTING_TODAY);
    assertThat(BookingStage.of(b, ARRIVAL.plusDays(4))).isEqualTo(BookingStage.DEPARTED);
  }

  @Test
  void aCancelledStayIsCancelledWhateverTheDate() {
    Booking b = stay(BookingStatus.CANCELLED);
    assertThat(BookingStage.of(b, ARRIVAL)).isEqualTo(BookingStage.CANCELLED);
    assertThat(BookingStage.of(b, ARRIVAL.plusDays(9))).isEqualTo(BookingStage.CANCELLED);
  }
}
