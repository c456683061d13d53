package io.stressflow.workflows.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ExternalResultsCheckTest {

  static final Map<String, Object> VARIABLES =
      Map.of("leg", "vibration", "legSamples", "X-01, X-02, X-03");

  @Test
  void shouldAcceptFailedModulesOnTestInTheLegAndNoneAtAll() {
    assertThat(
            ExternalResultsCheck.check(
                Map.of("failedModules", "X-02 ,X-03", "testDate", "2026-12-04"), VARIABLES))
        .isEmpty();
    assertThat(ExternalResultsCheck.check(Map.of("failedModules", " "), VARIABLES)).isEmpty();
  }

  @Test
  void shouldNameTheFieldOfAModuleNotOnTestAndOfABadDate() {
    assertThat(
            ExternalResultsCheck.check(
                Map.of("failedModules", "X-01, X-09", "testDate", "4.12.2026"), VARIABLES))
        .containsExactly(
            new FieldProblem(
                "failedModules",
                "'X-09' is not a module on test in leg 'vibration' (on test: X-01, X-02, X-03)"),
            new FieldProblem("testDate", "'4.12.2026' is not a date (yyyy-mm-dd)"));
  }
}
