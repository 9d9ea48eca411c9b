package org.guestjourney.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.guestjourney.support.DecisionTables;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The feedback-classification DMN tables on their own, with what guests really write. */
class FeedbackClassificationTest {

  static DecisionTables table;

  @BeforeAll
  static void load() throws Exception {
    table = new DecisionTables("feedback-classification.dmn");
  }

  static Map<String, Object> classify(String text, boolean inHouse) throws Exception {
    return table.evaluateOutputs(
        FeedbackService.DECISION, Map.of("text", text, "guestInHouse", inHouse));
  }

  @ParameterizedTest(name = "\"{0}\" (in house {1}) -> {2}, {3}")
  @CsvSource(
      delimiter = '|',
      value = {
        // English
        "The neighbours were so LOUD we could not sleep | true  | noise       | urgent",
        "Noisy street at night                          | false | noise       | priority",
        "There were hairs in the shower and a stain     | false | cleanliness | priority",
        "The girl at reception was rude                 | false | staff       | priority",
        "Breakfast was cold and the coffee weak         | false | breakfast   | priority",
        "The wifi is not working                        | true  | facilities  | urgent",
        "Too expensive for what you get                 | false | value       | latent",
        "The bed was too soft                           | false | room        | priority",
        "Lovely stay, thank you!                        | false | other       | latent",
        // Simplified Chinese
        "隔壁太吵了                                      | true  | noise       | priority",
        "房间很脏，有头发                                 | false | cleanliness | priority",
        "前台服务员态度不好                               | false | staff       | priority",
        "早餐种类太少                                    | false | breakfast   | priority",
        "空调坏了，请马上来修                             | true  | facilities  | urgent",
        "价格太贵，性价比不高                             | false | value       | latent",
        "床太硬了                                        | false | room        | priority",
        "谢谢，一切都很好                                 | false | other       | latent"
      })
  void classifiesTypeAndUrgencyByKeywordsInBothLanguages(
      String text, boolean inHouse, String type, String urgency) throws Exception {
    assertThat(classify(text, inHouse))
        .containsEntry("type", type)
        .containsEntry("urgency", urgency);
  }

  @Test
  void somethingBrokenIsUrgentOnlyWhileTheGuestIsInTheHouse() throws Exception {
    assertThat(classify("The shower is broken", true)).containsEntry("urgency", "urgent");
    assertThat(classify("The shower is broken", false)).containsEntry("urgency", "priority");
  }

  @Test
  void recognisesSuggestionsInBothLanguages() throws Exception {
    assertThat(classify("It would be nice to have a kettle in the room", false))
        .containsEntry("suggestion", true)
        .containsEntry("type", "room");
    assertThat(classify("建议早餐增加中式选项", false))
        .containsEntry("suggestion", true)
        .containsEntry("type", "breakfast");
    assertThat(classify("The towels were thin", false)).containsEntry("suggestion", false);
  }

  @Test
  void markupIsJustText() throws Exception {
    assertThat(classify("<script>alert('dirty')</script>", false))
        .containsEntry("type", "cleanliness");
  }
}
