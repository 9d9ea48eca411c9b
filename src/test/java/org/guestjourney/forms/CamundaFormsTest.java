package org.guestjourney.forms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.guestjourney.web.FieldViolation;
import org.guestjourney.web.InvalidRequestException;
import org.junit.jupiter.api.Test;

/** The server applies the same Camunda forms from forms/ that the browser renders. */
class CamundaFormsTest {

  final CamundaForms forms = new CamundaForms(new ObjectMapper());

  static String[] fields(Runnable call) {
    try {
      call.run();
      throw new AssertionError("accepted");
    } catch (InvalidRequestException e) {
      return e.violations().stream().map(FieldViolation::field).toArray(String[]::new);
    }
  }

  @Test
  void keepsOnlyTheFormsFieldsTypedAsTheFormSays() {
    Map<String, Object> values =
        forms.apply(
            "resolve-complaint",
            Map.of(
                "contacted",
                "true",
                "solution",
                "  New room  ",
                "compensation",
                "gift",
                "sneaky",
                "x"));
    assertThat(values)
        .containsEntry("contacted", true)
        .containsEntry("solution", "New room")
        .containsEntry("compensation", "gift");
    assertThat(values).doesNotContainKey("sneaky");
  }

  @Test
  void refusesAMissingRequiredFieldAndAValueNotOnTheList() {
    assertThat(
            fields(
                () ->
                    forms.apply(
                        "resolve-complaint", Map.of("contacted", true, "compensation", "yacht"))))
        .containsExactlyInAnyOrder("solution", "compensation");
  }

  @Test
  void checksTheFormsPatternToo() {
    assertThat(
            fields(() -> forms.apply("call-for-arrival-time", Map.of("expectedArrival", "7:30"))))
        .containsExactly("expectedArrival");
    assertThat(forms.apply("call-for-arrival-time", Map.of("expectedArrival", "17:30")))
        .containsEntry("expectedArrival", "17:30");
  }

  @Test
  void refusesAnUnknownForm() {
    assertThatThrownBy(() -> forms.schema("../application"))
        .isInstanceOf(IllegalStateException.class);
  }
}
