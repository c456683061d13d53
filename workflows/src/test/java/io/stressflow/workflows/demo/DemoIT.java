package io.stressflow.workflows.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.response.Variable;
import io.stressflow.workflows.StressflowApplication;
import io.stressflow.workflows.campaign.Campaign;
import io.stressflow.workflows.campaign.CampaignService;
import io.stressflow.workflows.support.ErrorLog;
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
      try (org.apache.pdfbox.pdmodel.PDDocument doc =
          org.apache.pdfbox.Loader.loadPDF(pdf.toFile())) {
        assertThat(new org.apache.pdfbox.text.PDFTextStripper().getText(doc))
            .contains(campaign.id())
            .contains("Statistics")
            .contains("demonstrated LTPD");
      }
      assertThat(output)
          .as("the command that serves the demo's data after it has exited")
          .contains("./stressflow run --stressflow.data-dir=" + data);
      assertThat(variables)
          .as("reminders are due after 8 h of wall-clock time, not 8 s")
          .containsEntry("reminderAfter", "\"PT8H\"");
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
