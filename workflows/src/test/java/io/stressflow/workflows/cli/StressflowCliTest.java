package io.stressflow.workflows.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The CLI's pure parts: form values, the progress line, durations; and its exit codes offline. */
class StressflowCliTest {

  static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

  @Test
  void shouldTypeFormValuesAsBooleansNumbersOrStrings() {
    assertThat(FormValues.value("true")).isEqualTo(Boolean.TRUE);
    assertThat(FormValues.value("false")).isEqualTo(Boolean.FALSE);
    assertThat(FormValues.value("42")).isEqualTo(42L);
    assertThat(FormValues.value("-3")).isEqualTo(-3L);
    assertThat(FormValues.value("0")).isEqualTo(0L);
    assertThat(FormValues.value("1.5")).isEqualTo(new BigDecimal("1.5"));
    assertThat(FormValues.value("2e3")).isEqualTo(new BigDecimal("2e3"));
    assertThat(FormValues.value("123456789012345678901234"))
        .isEqualTo(new BigInteger("123456789012345678901234"));
    // strings: words, mixed case booleans, leading zeros (serials, date codes), empty
    assertThat(FormValues.value("ana")).isEqualTo("ana");
    assertThat(FormValues.value("True")).isEqualTo("True");
    assertThat(FormValues.value("007")).isEqualTo("007");
    assertThat(FormValues.value("1.")).isEqualTo("1.");
    assertThat(FormValues.value("")).isEqualTo("");
    assertThat(FormValues.value("lane 3 dead")).isEqualTo("lane 3 dead");
  }

  @Test
  void shouldKeepTheOrderOfTheFields() {
    Map<String, String> typed = new LinkedHashMap<>();
    typed.put("loadedBy", "ana");
    typed.put("modulesConnected", "true");
    typed.put("slots", "12");

    assertThat(FormValues.typed(typed))
        .containsExactly(
            Map.entry("loadedBy", "ana"),
            Map.entry("modulesConnected", true),
            Map.entry("slots", 12L));
  }

  @Test
  void shouldShowProgressEtaLegFailuresAndWaitingTasksOnOneLine() throws Exception {
    JsonNode view =
        Api.JSON.readTree(
            """
            {"campaign": {"id": "C-1", "state": "ACTIVE", "verdict": "PENDING"},
             "progressPercent": 25.04, "eta": "2026-11-25T13:10:00Z", "currentLeg": "tc",
             "legs": [{"id": "tc", "state": "RUNNING", "hours": 250, "cycles": 500,
                       "hoursDone": 62.55, "cyclesDone": 125}],
             "failures": [{"serial": "M1"}],
             "openTasks": ["Verify failure", "Check overdue leg"]}
            """);

    assertThat(Formats.progressLine(view, NOW, ZoneOffset.UTC))
        .isEqualTo(
            "[#####---------------]  25.0% ETA 13:10 (in 3h 10m) | leg tc 125/500 cycles"
                + " 62.6/250 h | failures 1 | waiting: Verify failure, Check overdue leg");
  }

  @Test
  void shouldCountCreditedHoursAgainstTheLegsHoursAtConditionAndShowPaceWarnings()
      throws Exception {
    // issue #19: the 500-cycle leg is 708.3 h nominal (ramps included) but 500 h at condition
    JsonNode view =
        Api.JSON.readTree(
            """
            {"campaign": {"id": "C-1", "state": "ACTIVE", "verdict": "PENDING"},
             "progressPercent": 39.1, "eta": "2026-11-25T13:10:00Z", "currentLeg": "tc",
             "legs": [{"id": "tc", "state": "RUNNING", "hours": 708.3, "conditionHours": 500,
                       "cycles": 500, "hoursDone": 277, "cyclesDone": 277}],
             "failures": [], "openTasks": [],
             "warnings": ["chamber ramps at 4.1 K/min, plan asks 10 K/min; ETA uses the achieved rate"]}
            """);

    assertThat(Formats.progressLine(view, NOW, ZoneOffset.UTC))
        .isEqualTo(
            "[#######-------------]  39.1% ETA 13:10 (in 3h 10m) | leg tc 277/500 cycles 277/500 h"
                + " | failures 0 | warning: chamber ramps at 4.1 K/min, plan asks 10 K/min; ETA"
                + " uses the achieved rate");
  }

  @Test
  void shouldShowAnAbortedCampaignAsAbortedWithTheProgressItMade() throws Exception {
    JsonNode view =
        Api.JSON.readTree(
            """
            {"campaign": {"id": "C-1", "state": "ABORTED", "verdict": "ABORTED"},
             "progressPercent": 12.5, "eta": null, "currentLeg": null, "legs": [],
             "failures": [], "openTasks": ["Verify failure"]}
            """);

    assertThat(Formats.progressLine(view, NOW, ZoneOffset.UTC))
        .isEqualTo("[##------------------]  12.5% ABORTED | failures 0 | waiting: Verify failure");
  }

  @Test
  void shouldShowTheStateInsteadOfTheEtaOnceEndedAndLeaveOutWhatIsAbsent() throws Exception {
    JsonNode view =
        Api.JSON.readTree(
            """
            {"campaign": {"id": "C-1", "state": "COMPLETED", "verdict": "PASS"},
             "progressPercent": 100, "eta": null, "currentLeg": null, "legs": [],
             "failures": [], "openTasks": []}
            """);

    assertThat(Formats.progressLine(view, NOW, ZoneOffset.UTC))
        .isEqualTo("[####################] 100.0% COMPLETED | failures 0");
  }

  @Test
  void shouldMarkAPausedSteadyLegAndAnEtaOnAnotherDay() throws Exception {
    JsonNode view =
        Api.JSON.readTree(
            """
            {"campaign": {"state": "ACTIVE"}, "progressPercent": 0, "eta": "2026-11-27T12:30:00Z",
             "currentLeg": "dh",
             "legs": [{"id": "dh", "state": "PAUSED", "hours": 1000, "cycles": 0, "hoursDone": 0}]}
            """);

    assertThat(Formats.progressLine(view, NOW, ZoneOffset.UTC))
        .isEqualTo(
            "[--------------------]   0.0% ETA 2026-11-27 12:30 (in 2d 2h) | leg dh PAUSED 0/1000 h"
                + " | failures 0");
  }

  @Test
  void shouldClampTheBarAndWriteDurationsWithTwoUnitsAtMost() {
    assertThat(Formats.bar(-5, 10)).isEqualTo("[----------]");
    assertThat(Formats.bar(55, 10)).isEqualTo("[#####-----]");
    assertThat(Formats.bar(150, 10)).isEqualTo("[##########]");
    assertThat(Formats.duration(Duration.ofSeconds(45))).isEqualTo("45s");
    assertThat(Formats.duration(Duration.ofMinutes(12))).isEqualTo("12m");
    assertThat(Formats.duration(Duration.ofMinutes(120))).isEqualTo("2h");
    assertThat(Formats.duration(Duration.ofMinutes(190))).isEqualTo("3h 10m");
    assertThat(Formats.duration(Duration.ofHours(52))).isEqualTo("2d 4h");
    assertThat(Formats.eta(NOW.minusSeconds(60), NOW, ZoneOffset.UTC)).isEqualTo("09:59 (overdue)");
  }

  @Test
  void shouldNotCountTheTimeLeftAsAChangeOfTheProgressLine() {
    assertThat(CampaignWatch.stable("[#---]  5.0% ETA 13:10 (in 3h 10m) | failures 0"))
        .isEqualTo(CampaignWatch.stable("[#---]  5.0% ETA 13:10 (in 3h 9m) | failures 0"))
        .isEqualTo("[#---]  5.0% ETA 13:10 | failures 0");
    assertThat(CampaignWatch.stable("ETA 09:59 (overdue) | failures 1"))
        .isEqualTo("ETA 09:59 | failures 1");
  }

  @Test
  void shouldParseShortAndIsoDurations() {
    DurationConverter c = new DurationConverter();
    assertThat(c.convert("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(c.convert("2s")).isEqualTo(Duration.ofSeconds(2));
    assertThat(c.convert("PT1M")).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void shouldSayStressflowIsNotRunningAndExit4WhenNothingAnswers() {
    // port 1 on loopback: connection refused at once
    Run run = run("campaign", "list", "--url", "http://127.0.0.1:1");

    assertThat(run.exit).isEqualTo(4);
    assertThat(run.err)
        .contains(
            "Stressflow is not running at http://127.0.0.1:1; start it with ./stressflow run");
  }

  @Test
  void shouldShowExamplesAndExitCodesInTheTopLevelHelp() {
    Run run = run("--help");

    assertThat(run.exit).isZero();
    assertThat(run.out).contains("Examples:", "campaign start", "task complete", "Exit codes:");
  }

  @Test
  void shouldRefuseAFieldWithoutAnEqualsSignAsAUsageError() {
    Run run = run("task", "complete", "1", "-f", "loadedBy");

    assertThat(run.exit).isEqualTo(2);
    assertThat(run.err).contains("loadedBy");
  }

  /** Issue 19, item 4: an address without a scheme crashed with a stack trace. */
  @Test
  void shouldTakeAnAddressWithoutSchemeAsHttpAndRefuseOneItCannotUse() {
    Run noScheme = run("campaign", "list", "--url", "127.0.0.1:1");
    Run bad = run("campaign", "list", "--url", "ftp://127.0.0.1:1");

    assertThat(noScheme.exit).isEqualTo(4);
    assertThat(noScheme.err).contains("Stressflow is not running at http://127.0.0.1:1");
    assertThat(bad.exit).isEqualTo(2);
    assertThat(bad.err)
        .contains("'ftp://127.0.0.1:1' is not Stressflow's address")
        .doesNotContain("Exception");
  }

  /** Issue 19, item 4: {@code --interval 0s} polled the API non-stop. */
  @Test
  void shouldRefuseAWatchIntervalUnderOneSecond() {
    Run zero = run("campaign", "watch", "C-1", "--interval", "0s", "--url", "http://127.0.0.1:1");
    Run fast = run("campaign", "start", "plan.yaml", "--watch", "--interval", "500ms");

    assertThat(zero.exit).isEqualTo(2);
    assertThat(zero.err).contains("'0s' is too short; poll at most once a second");
    assertThat(fast.exit).isEqualTo(2);
    assertThat(fast.err).contains("'500ms' is too short");
  }

  record Run(int exit, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new StressflowCli());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void shouldListALabTaskReadPointWithItsStationRecordAndTimes() throws Exception {
    JsonNode rp =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(
                """
                {"leg": "dh", "label": "168 h", "mode": "LAB_TASK",
                 "reachedAt": "2026-12-04T10:00:00Z", "airTemperature": 23.0,
                 "loadTemperature": 23.1, "humidity": null, "recoveryHours": 1.6,
                 "modulesRead": 11, "failed": "S-05", "stationRecord": "OPT-0311",
                 "measuredBy": "ana", "modulesOutAt": "2026-12-04T10:05:00Z",
                 "modulesBackAt": "2026-12-04T11:40:00Z"}
                """);
    assertThat(CampaignCommand.readPointLine(rp, ZoneOffset.UTC))
        .isEqualTo(
            "read point 168 h: 2026-12-04 10:00, at 23.1 °C load / 23 °C air, humidity off,"
                + " after 1.6 h of recovery; at the lab station, modules out 2026-12-04 10:05,"
                + " back 2026-12-04 11:40, station record OPT-0311, by ana; 11 modules read,"
                + " failed: S-05");
  }
}
