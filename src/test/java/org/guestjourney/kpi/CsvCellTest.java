package org.guestjourney.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** CSV cells that a spreadsheet would run as a formula are neutralised. */
class CsvCellTest {

  @ParameterizedTest
  @ValueSource(strings = {"=1+1", "+1", "-1", "@SUM(A1)", "\t=1+1", "\r=1+1"})
  void aCellStartingLikeAFormulaIsPrefixedWithAQuote(String value) {
    assertThat(KpiPages.cell(value)).isEqualTo("\"'" + value + "\"");
  }

  @ParameterizedTest
  @ValueSource(strings = {"breakfast", "1", "a=b"})
  void otherCellsAreOnlyQuoted(String value) {
    assertThat(KpiPages.cell(value)).isEqualTo("\"" + value + "\"");
  }
}
