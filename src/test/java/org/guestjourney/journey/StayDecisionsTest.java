package org.guestjourney.journey;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.guestjourney.support.DecisionTables;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The DMN tables of the in-stay and post-stay journeys, on their own. */
class StayDecisionsTest {

  @ParameterizedTest(name = "{0} nights -> courtesy check-in {1}")
  @CsvSource({"1, false", "2, false", "3, true", "7, true"})
  void courtesyCheckInOnlyForStaysLongEnoughToMatter(int nights, boolean expected)
      throws Exception {
    Object result =
        new DecisionTables("courtesy-check-in.dmn")
            .evaluate("courtesy-check-in", Map.of("stayNights", nights));
    assertThat(result).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} -> {1} within {2}")
  @CsvSource({
    "safety,      urgent,   PT15M",
    "facilities,  urgent,   PT1H",
    "amenities,   priority, PT1H",
    "cleanliness, priority, PT2H",
    "information, latent,   PT4H",
    "parrot,      priority, PT2H"
  })
  void guestRequestsGetAnUrgencyAndADeadline(String category, String urgency, String within)
      throws Exception {
    Map<String, Object> result =
        new DecisionTables("guest-request-sla.dmn")
            .evaluateOutputs("guest-request-sla", Map.of("requestCategory", category));
    assertThat(result).containsEntry("urgency", urgency).containsEntry("handleWithin", within);
  }

  @ParameterizedTest(name = "previous {0}, nights {1}, party {2} -> high value {3}")
  @CsvSource({
    "1, 1, 1, true", // a returning guest
    "0, 5, 2, true", // a long stay
    "0, 3, 4, true", // a family or group
    "0, 3, 2, false",
    "0, 2, 5, false"
  })
  void highValueGuestsGetAPhoneCall(int previousStays, int nights, int party, boolean expected)
      throws Exception {
    Object result =
        new DecisionTables("high-value-guest.dmn")
            .evaluate(
                "high-value-guest",
                Map.of("previousStays", previousStays, "stayNights", nights, "partySize", party));
    assertThat(result).isEqualTo(expected);
  }
}
