package io.stressflow.workflows.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabReadPointCheckTest {

  static final Map<String, Object> VARIABLES =
      Map.of(
          "leg",
          "dh",
          "legSamples",
          "LT-01, LT-02, LT-03",
          "readPointReachedAt",
          "2026-12-04T10:00:30Z");
  static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");

  private static Map<String, Object> entry(String out, String back, String failed) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("modulesOutAt", out);
    data.put("modulesBackAt", back);
    data.put("stationRecord", "OPT-0001");
    data.put("measuredBy", "ana");
    data.put("failedModules", failed);
    return data;
  }

  @Test
  void shouldAcceptTimesToTheMinuteAndModulesOnTest() {
    // out entered to the minute, half a minute before the recorded reach; back without an offset
    assertThat(
            LabReadPointCheck.check(
                entry("2026-12-04T10:00Z", "2026-12-04T11:45", "LT-02 ,LT-03"),
                VARIABLES,
                NOW,
                ZoneOffset.UTC))
        .isEmpty();
    assertThat(
            LabReadPointCheck.check(
                entry("2026-12-04T11:00:00+01:00", "2026-12-04T11:05:00Z", ""),
                VARIABLES,
                NOW,
                ZoneOffset.UTC))
        .isEmpty();
  }

  @Test
  void shouldNameTheFieldOfAModuleNotOnTestAndOfTimesThatDoNotFit() {
    assertThat(
            LabReadPointCheck.check(
                entry("2026-12-04T09:30Z", "2026-12-04T09:20Z", "LT-01, X-09"),
                VARIABLES,
                NOW,
                ZoneOffset.UTC))
        .containsExactly(
            new FieldProblem(
                "failedModules",
                "'X-09' is not a module on test in leg 'dh' (on test: LT-01, LT-02, LT-03)"),
            new FieldProblem(
                "modulesOutAt",
                "2026-12-04T09:30:00Z is before the read point was reached (2026-12-04T10:00:30Z):"
                    + " the modules leave the chamber once it holds the recovery condition"),
            new FieldProblem(
                "modulesBackAt",
                "2026-12-04T09:20:00Z is before the modules left the chamber"
                    + " (2026-12-04T09:30:00Z)"));
    assertThat(
            LabReadPointCheck.check(
                entry("yesterday", "2026-12-04T13:00Z", ""), VARIABLES, NOW, ZoneOffset.UTC))
        .containsExactly(
            new FieldProblem(
                "modulesOutAt", "'yesterday' is not a date and time (yyyy-mm-ddThh:mm)"),
            new FieldProblem("modulesBackAt", "2026-12-04T13:00:00Z is in the future"));
  }

  @Test
  void shouldLeaveMissingTimesToTheFormsRequiredCheck() {
    assertThat(LabReadPointCheck.check(entry(null, "", ""), VARIABLES, NOW, ZoneOffset.UTC))
        .isEmpty();
  }
}
