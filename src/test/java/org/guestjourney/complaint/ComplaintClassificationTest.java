package org.guestjourney.complaint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.guestjourney.support.DecisionTables;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The complaint-classification DMN table on its own, row by representative row. */
class ComplaintClassificationTest {

  static DecisionTables table;

  @BeforeAll
  static void load() throws Exception {
    table = new DecisionTables("complaint-classification.dmn");
  }

  static Map<String, Object> classify(String category, boolean inHouse) throws Exception {
    return table.evaluateOutputs(
        ComplaintJourney.DECISION_CLASSIFICATION,
        Map.of("category", category, "guestInHouse", inHouse));
  }

  @ParameterizedTest(name = "{0}, in house {1} -> {2}, acknowledge {3}, resolve {4}, call back {5}")
  @CsvSource({
    // the source's examples: air-conditioning or network failure -> urgent, handle now
    "facilities,  true,  urgent,   PT15M, PT1H, P1D",
    "safety,      false, urgent,   PT15M, PT1H, P1D",
    "noise,       true,  urgent,   PT15M, PT1H, P1D",
    "cleanliness, true,  urgent,   PT15M, PT1H, P1D",
    // weak lighting, breakfast, staff: priority, fix at the next occasion
    "breakfast,   true,  priority, PT1H,  P1D,  P3D",
    "staff,       false, priority, PT4H,  P1D,  P3D",
    "room,        false, priority, PT4H,  P1D,  P3D",
    // a wish (a yoga class), value: latent need, evaluate
    "value,       false, latent,   P1D,   P7D,  P3D",
    "other,       true,  latent,   P1D,   P7D,  P3D"
  })
  void classifiesByTypeAndWhetherTheGuestIsInHouse(
      String category,
      boolean inHouse,
      String urgency,
      String acknowledge,
      String resolve,
      String callBack)
      throws Exception {
    Map<String, Object> result = classify(category, inHouse);
    assertThat(result)
        .containsEntry("urgency", urgency)
        .containsEntry("acknowledgeWithin", acknowledge)
        .containsEntry("resolveWithin", resolve)
        .containsEntry("callBackWithin", callBack);
  }

  @ParameterizedTest(name = "{0}, in house {1} -> compensation approved within {2}")
  @CsvSource({
    "facilities,  true,  PT30M",
    "noise,       true,  PT30M",
    "breakfast,   true,  PT4H",
    "room,        false, PT4H",
    "value,       false, P1D"
  })
  void theManagerApprovesACompensationFasterTheMoreUrgentTheComplaint(
      String category, boolean inHouse, String approveWithin) throws Exception {
    assertThat(classify(category, inHouse)).containsEntry("approveWithin", approveWithin);
  }

  @Test
  void safetyAndFacilitiesConcernTheWholeProperty() throws Exception {
    assertThat(classify("safety", true)).containsEntry("scope", "property");
    assertThat(classify("facilities", false)).containsEntry("scope", "property");
    assertThat(classify("breakfast", true)).containsEntry("scope", "guest");
  }

  @Test
  void anUnforeseenCategoryIsStillClassified() throws Exception {
    assertThat(classify("parking", true))
        .containsEntry("urgency", "priority")
        .containsKey("acknowledgeWithin");
  }
}
