package io.stressflow.workflows.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.response.Variable;
import io.stressflow.workflows.StressflowApplication;
import io.stressflow.workflows.campaign.Campaign;
import io.stressflow.workflows.campaign.CampaignService;
import io.stressflow.workflows.report.Plot;
import io.stressflow.workflows.support.ErrorLog;
import io.stressflow.workflows.support.ReportPages;
import io.stressflow.workflows.support.TestChambers;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code ./stressflow demo} as a user runs it: the demo profile, its plan, its simulated chamber
 * and fleet, all real. The demo must log no ERROR (issue 19, item 6: a Quartz stack trace at the
 * switch between legs), leave its report where it can be read after it exits (item 7), and remind
 * people in wall-clock time even though the profile runs 3600 times faster (item 12).
 */
class DemoIT {

  @Test
  void shouldRunTheDemoWithoutAnErrorAndLeaveItsReportInItsDataFolder() throws Exception {
    Path data = TestChambers.dataDir("demo");
    AtomicReference<ErrorLog> errors = new AtomicReference<>();
    // opened once logging is set up: Spring Boot's logging start-up removes earlier appenders
    ApplicationListener<ApplicationPreparedEvent> openErrorLog = e -> errors.set(ErrorLog.open());
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    PrintStream stdout = System.out;
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    ConfigurableApplicationContext app;
    try {
      app =
          new SpringApplicationBuilder(StressflowApplication.class)
              .profiles("demo")
              .listeners(openErrorLog)
              .run(
                  "demo",
                  "--stressflow.data-dir=" + data,
                  "--spring.quartz.scheduler-name=demo-" + UUID.randomUUID());
    } finally {
      System.setOut(stdout);
    }
    String output = printed.toString(StandardCharsets.UTF_8);
    try (ErrorLog log = errors.get()) {
      Campaign campaign = app.getBean(CampaignService.class).list().get(0);
      Map<String, String> variables =
          variables(app.getBean(CamundaClient.class), campaign.processInstanceKey());
      assertThat(app.getBeanFactory().getDependenciesForBean("quartzScheduler"))
          .as("the scheduler stops before the database pool closes")
          .contains("dataSource");
      app.close();

      assertThat(log.errors()).as("ERRORs logged by the demo").isEmpty();
      // issue #19 item 13: the H2 file is compacted once the application has stopped using it
      assertThat(Files.size(data.resolve("stressflow.mv.db")))
          .as("the database file after the demo (SHUTDOWN COMPACT on close)")
          .isLessThan(4L * 1024 * 1024);
      assertThat(output).contains("Campaign " + campaign.id() + " COMPLETED");
      Matcher report = Pattern.compile("the campaign's report: (\\S+)").matcher(output);
      assertThat(report.find()).as("the demo names its report file in:%n%s", output).isTrue();
      Path file = Path.of(report.group(1));
      assertThat(file).startsWith(data).exists();
      assertThat(Files.readString(file))
          .contains(campaign.id())
          .contains("FAIL")
          // the damp heat runs in chamber-2 (Binder MB2, no humidity switch): each read point is
          // dried at its lowest humidity setpoint, measured at 23 °C, and nothing reads back as a
          // setpoint changed at the controller
          .contains("chamber chamber-1, chamber-2")
          .contains("| dh | 40 h | after recovery | - | 23.0 |")
          .doesNotContain("changed at the controller")
          .doesNotContain("dry-out incomplete")
          .contains("## Statistics");
      Path pdf = file.resolveSibling(file.getFileName().toString().replace(".md", ".pdf"));
      assertThePdfShowsThePlotsAndTheStatistics(pdf, data.resolve("report-pages"), campaign.id());
      assertThat(output)
          .as("the command that serves the demo's data after it has exited")
          .contains("./stressflow run --stressflow.data-dir=" + data);
      assertThat(variables)
          .as("reminders are due after 8 h of wall-clock time, not 8 s")
          .containsEntry("reminderAfter", "\"PT8H\"");
    }
  }

  /**
   * Issue #18: the demo's PDF is the API's, with the plots. Its pages are turned into images by
   * Poppler's pdftoppm, and the images must show the achieved-profile plot (the air temperature's
   * blue line against the setpoint), the drift plot (the lanes' grey-blue lines and the failed
   * lane's red one) and the statistics section, each on the page whose text names it.
   */
  private static void assertThePdfShowsThePlotsAndTheStatistics(Path pdf, Path dir, String id)
      throws Exception {
    ReportPages pages = ReportPages.render(pdf, dir);
    assertThat(pages.text(0)).contains(id);

    // the achieved profile: the tc leg's air temperature is drawn, in the plot under the title
    int[] profile = pages.band("Leg tc: chamber chamber-1, temperature achieved against", "Leg ");
    assertThat(pages.text(profile[0])).contains("air temperature").contains("air setpoint");
    assertThat(pages.pixelsOf(profile[0], profile[1], profile[2], Plot.Colour.AIR.rgb()))
        .as(
            "pixels of the air temperature's line in the achieved-profile plot (page %d)",
            profile[0] + 1)
        .isGreaterThan(200);

    // the drift: every lane of dh in grey-blue, DEMO-05's lane 3 in red, and no air-temperature
    // blue
    int[] drift = pages.band("Leg dh: Tx power change from baseline per lane", "Leg ");
    assertThat(pages.text(drift[0])).contains("failed: DEMO-05 lane 3");
    assertThat(pages.pixelsOf(drift[0], drift[1], drift[2], Plot.Colour.TRACE.rgb()))
        .as("pixels of the lanes' lines in the Tx drift plot (page %d)", drift[0] + 1)
        .isGreaterThan(200);
    assertThat(pages.pixelsOf(drift[0], drift[1], drift[2], Plot.Colour.FAILED.rgb()))
        .as("pixels of the failed lane's red line in the Tx drift plot (page %d)", drift[0] + 1)
        .isGreaterThan(100);
    assertThat(pages.pixelsOf(drift[0], drift[1], drift[2], Plot.Colour.AIR.rgb()))
        .as("the colour count tells plots apart: no air-temperature blue in the drift plot")
        .isLessThan(20);

    // the statistics: the heading and each leg's LTPD and FIT rows are printed on the page images
    int[] heading = pages.find("Statistics");
    assertThat(heading).as("a page with the Statistics heading").isNotNull();
    for (String line :
        List.of(
            "Statistics",
            "demonstrated LTPD",
            // tc: 3 tested, none failed; dh: 3 tested, DEMO-05 failed (each cell is a line)
            "53.6 % at 90 % confidence",
            "80.4 % at 90 % confidence",
            "failure rate λ")) {
      int[] at = pages.find(line);
      assertThat(at).as("a page with a line starting '%s'", line).isNotNull();
      assertThat(at[0])
          .as("'%s' is on or after the Statistics heading's page", line)
          .isGreaterThanOrEqualTo(heading[0]);
      int[] rows = pages.rows(at);
      assertThat(pages.inked(at[0], rows[0], rows[1]))
          .as("pixels printed where page %d has '%s'", at[0] + 1, line)
          .isGreaterThan(100);
    }
  }

  private static Map<String, String> variables(CamundaClient client, long processInstanceKey) {
    List<Variable> items =
        client
            .newVariableSearchRequest()
            .withFullValues()
            .filter(f -> f.processInstanceKey(processInstanceKey))
            .page(p -> p.limit(1000))
            .send()
            .join()
            .items();
    return items.stream()
        .collect(Collectors.toMap(Variable::getName, Variable::getValue, (a, b) -> a));
  }
}
