package io.stressflow.workflows.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stressflow.chamber.simulator.ChamberSimulator;
import io.stressflow.workflows.support.Api;
import io.stressflow.workflows.support.TestChambers;
import io.stressflow.workflows.support.TestUsers;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
    new Api(Integer.parseInt(app.getEnvironment().getProperty("local.server.port")))
        .ensureUser(TestUsers.LAB, "lab-staff");
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
        cli("task", "complete", key, "-f", "loadedBy=lab.tech", "-f", "modulesConnected=true");
    assertThat(completed.exit).as(completed.toString()).isZero();
    assertThat(completed.out).contains("Task " + key + " completed by lab.tech");

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

    reportAndExport(campaignId);
  }

  /** Issue #18 from the CLI: the report as PDF and HTML files, the data as CSV. */
  private void reportAndExport(String campaignId) throws IOException {
    Run early = cli("campaign", "report", campaignId);
    assertThat(early.exit).as(early.toString()).isEqualTo(1);
    assertThat(early.err).contains("NOT_FOUND: ", "has no report yet");
    Run noFile = cli("campaign", "report", campaignId, "--format", "pdf");
    assertThat(noFile.exit).as(noFile.toString()).isEqualTo(2);
    assertThat(noFile.err).contains("-o");

    Path events = data.resolve("events.csv");
    Run export =
        cli(
            "campaign",
            "export",
            campaignId,
            "--format",
            "csv",
            "--data",
            "events",
            "-o",
            events.toString());
    assertThat(export.exit).as(export.toString()).isZero();
    assertThat(Files.readString(events))
        .startsWith("at,actor,kind,message\r\n")
        .contains("LAUNCHED");

    String[] unload = new String[1];
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(300))
        .untilAsserted(
            () -> {
              Run tasks = cli("tasks", "--campaign", campaignId);
              assertThat(tasks.out).contains("Unload modules");
              unload[0] = tasks.out;
            });
    Run unloaded =
        cli("task", "complete", taskKey(unload[0], "Unload modules"), "-f", "unloadedBy=lab.tech");
    assertThat(unloaded.exit).as(unloaded.toString()).isZero();
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(300))
        .untilAsserted(() -> assertThat(cli("campaign", "report", campaignId).exit).isZero());

    Path pdf = data.resolve("report.pdf");
    Run report = cli("campaign", "report", campaignId, "--format", "pdf", "-o", pdf.toString());
    assertThat(report.exit).as(report.toString()).isZero();
    assertThat(report.out).contains("Wrote " + pdf);
    try (org.apache.pdfbox.pdmodel.PDDocument doc =
        org.apache.pdfbox.Loader.loadPDF(pdf.toFile())) {
      assertThat(new org.apache.pdfbox.text.PDFTextStripper().getText(doc))
          .contains("CLI test", "Statistics", "Leg hts", "Arrhenius");
    }
    Run html = cli("campaign", "report", campaignId, "--format", "html");
    assertThat(html.exit).as(html.toString()).isZero();
    assertThat(html.out).startsWith("<!DOCTYPE html>").contains("<h2>Statistics</h2>");
    Run bad = cli("campaign", "report", campaignId, "--format", "docx");
    assertThat(bad.exit).isEqualTo(2);
    assertThat(bad.err).contains("--format");
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

  @Test
  void shouldLogInKeepTheTokenInTheUsersConfigAndActAsThatUser() throws IOException {
    Path config = data.resolve("config-" + System.nanoTime());
    Map<String, String> noPassword = Map.of("STRESSFLOW_CONFIG", config.toString());

    Run anonymous = cli(noPassword, "", "chambers");
    assertThat(anonymous.exit).as(anonymous.toString()).isEqualTo(5);
    assertThat(anonymous.err).contains("UNAUTHENTICATED");

    Run wrong = cli(noPassword, "not-the-password\n", "login", "--user", TestUsers.LAB);
    assertThat(wrong.exit).as(wrong.toString()).isEqualTo(5);
    assertThat(Files.exists(config.resolve("credentials.json"))).isFalse();

    Run login = cli(noPassword, TestUsers.PASSWORD + "\n", "login", "--user", TestUsers.LAB);
    assertThat(login.exit).as(login.toString()).isZero();
    assertThat(login.out).contains("Logged in to " + url + " as lab.tech");
    String saved = Files.readString(config.resolve("credentials.json"));
    assertThat(saved).contains("sft_").doesNotContain(TestUsers.PASSWORD);

    Run me = cli(noPassword, "", "whoami");
    assertThat(me.out).as(me.toString()).contains("lab.tech (lab-staff)");
    // lab staff do not read the audit trail
    assertThat(cli(noPassword, "", "audit").exit).isEqualTo(5);

    Run logout = cli(noPassword, "", "logout");
    assertThat(logout.exit).as(logout.toString()).isZero();
    assertThat(cli(noPassword, "", "whoami").exit).isEqualTo(5);

    // the administrator reads the audit trail: the failed login is in it
    Run audit =
        cli(
            Map.of("STRESSFLOW_USER", "admin", "STRESSFLOW_PASSWORD", TestUsers.ADMIN_PASSWORD),
            "",
            "audit",
            "--actor",
            TestUsers.LAB);
    assertThat(audit.exit).as(audit.toString()).isZero();
    assertThat(audit.out).contains("LOGIN_FAILED", "POST /api/auth/token");
  }

  private Run cli(String... args) {
    return cli(
        Map.of("STRESSFLOW_USER", TestUsers.LAB, "STRESSFLOW_PASSWORD", TestUsers.PASSWORD),
        "",
        args);
  }

  private Run cli(Map<String, String> env, String stdin, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli =
        new CommandLine(
            new StressflowCli(
                env, new java.io.ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8))));
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--url=" + url);
    int exit = cli.execute(all.toArray(String[]::new));
    return new Run(exit, out.toString(), err.toString());
  }
}
