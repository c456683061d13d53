package io.stressflow.workflows.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stressflow.chamber.simulator.ChamberSimulator;
import io.stressflow.workflows.support.TestChambers;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;

/**
 * The CLI in-process against the real application (REST on a free port, embedded engine, simulated
 * chamber): validate a bad plan, start a campaign, find its loading task, be refused a form without
 * a required field, complete it, show the campaign.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StressflowCliIT {

  static final double SCALE = 3600;

  static final String PLAN =
      """
      campaign: CLI test
      product: { partNumber: SF-400G-SR8 }
      modules: [{ serial: CLI-1 }, { serial: CLI-2 }]
      legs:
        - id: hts
          chamber: chamber-1
          samples: [CLI-1, CLI-2]
          profile:
            segments:
              - ramp: { to: 85, rate: 5 }
              - soak: { duration: 4h, band: { below: 2, above: 2 } }
              - ramp: { to: 23, rate: 5 }
          readPoints: { unit: HOURS, at: [2, 4] }
          failureCriteria: { txPowerDropDb: 1.0, biasRisePercent: 50, rxPowerDropDb: 1.0, moduleAlarms: true }
          acceptance: { sampleSize: 2, allowedFailures: 0 }
      """;

  static final String BAD_PLAN =
      """
      campaign: bad
      product: { partNumber: P1 }
      modules: [{ serial: M01 }]
      legs:
        - id: dh
          preset: gr468-damp-heat
          chamber: chamber-1
          samples: [M01, M02]
      """;

  ChamberSimulator simulator;
  ConfigurableApplicationContext app;
  Path data;
  String url;

  @BeforeAll
  void start() {
    simulator = TestChambers.simulator(SCALE);
    data = TestChambers.dataDir("cli");
    app =
        TestChambers.app(
            data,
            SCALE,
            simulator,
            "--spring.main.web-application-type=servlet",
            "--server.port=0",
            "--server.address=127.0.0.1");
    url = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
  }

  @AfterAll
  void stop() {
    if (app != null) {
      app.close();
    }
    simulator.close();
  }

  @Test
  void shouldPrintEveryProblemsFieldPathOfABadPlanAndExit2() throws IOException {
    Run run = cli("plan", "validate", planFile("bad.yaml", BAD_PLAN).toString());

    assertThat(run.exit).as(run.toString()).isEqualTo(2);
    assertThat(run.err).contains("legs[0].samples[1]: ", "'M02' is not among the plan's modules");
  }

  @Test
  void shouldStartACampaignAndWorkItsLoadingTask() throws IOException {
    Path plan = planFile("cli.yaml", PLAN);

    Run valid = cli("plan", "validate", plan.toString());
    assertThat(valid.exit).as(valid.toString()).isZero();
    assertThat(valid.out).contains("is valid", "hts");

    Run started = cli("campaign", "start", plan.toString());
    assertThat(started.exit).as(started.toString()).isZero();
    Matcher id = Pattern.compile("Launched campaign (C-\\S+): CLI test").matcher(started.out);
    assertThat(id.find()).as(started.out).isTrue();
    String campaignId = id.group(1);
    assertThat(started.out).contains("leg hts: ", "2 samples");

    String[] listed = new String[1];
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(
            () -> {
              Run tasks = cli("tasks", "--campaign", campaignId);
              assertThat(tasks.exit).as(tasks.toString()).isZero();
              assertThat(tasks.out).contains("Load modules into chamber");
              listed[0] = tasks.out;
            });
    String key = taskKey(listed[0], "Load modules into chamber");

    Run shown = cli("task", "show", key);
    assertThat(shown.exit).as(shown.toString()).isZero();
    assertThat(shown.out)
        .contains(
            "loadedBy* (textfield)", "modulesConnected* (checkbox)", "campaignId: " + campaignId);

    Run refused = cli("task", "complete", key, "-f", "loadingNotes=slot 3");
    assertThat(refused.exit).as(refused.toString()).isEqualTo(2);
    assertThat(refused.err).contains("loadedBy").contains("modulesConnected");

    Run completed =
        cli(
            "task",
            "complete",
            key,
            "--as",
            "ana",
            "-f",
            "loadedBy=ana",
            "-f",
            "modulesConnected=true");
    assertThat(completed.exit).as(completed.toString()).isZero();
    assertThat(completed.out).contains("Task " + key + " completed by ana");

    // the baseline puts the modules on test: a second campaign with them is a conflict
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(
            () -> assertThat(cli("modules", "list").out).containsPattern("CLI-1 .*" + campaignId));
    Run again = cli("campaign", "start", plan.toString());
    assertThat(again.exit).as(again.toString()).isEqualTo(3);
    assertThat(again.err).contains("INVALID_STATE: ", "CLI-1");

    Run show = cli("campaign", "show", campaignId);
    assertThat(show.exit).as(show.toString()).isZero();
    assertThat(show.out).contains("Campaign " + campaignId + ": CLI test", "hts: 4", "Legs:");

    Run list = cli("campaign", "list");
    assertThat(list.out).contains(campaignId);

    Run chambers = cli("chambers");
    assertThat(chambers.exit).as(chambers.toString()).isZero();
    assertThat(chambers.out).contains("chamber-1");
  }

  @Test
  void shouldPrintTheProblemOfAnUnknownCampaign() {
    Run run = cli("campaign", "show", "C-nope");

    assertThat(run.exit).isEqualTo(1);
    assertThat(run.err).startsWith("NOT_FOUND: ");
  }

  private Path planFile(String name, String yaml) throws IOException {
    Files.createDirectories(data);
    return Files.writeString(data.resolve(name), yaml);
  }

  private static String taskKey(String table, String name) {
    List<String> keys = new ArrayList<>();
    for (String line : table.split("\\R")) {
      if (line.contains(name)) {
        keys.add(line.split("\\s+")[0]);
      }
    }
    assertThat(keys).as(table).hasSize(1);
    return keys.get(0);
  }

  record Run(int exit, String out, String err) {}

  private Run cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new StressflowCli());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--url=" + url);
    int exit = cli.execute(all.toArray(String[]::new));
    return new Run(exit, out.toString(), err.toString());
  }
}
