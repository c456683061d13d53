package io.stressflow.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.stressflow.workflows.system.ConfigurationProblem;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.core.NestedExceptionUtils;

/** Bad configuration stops the application at start with the property to change. */
class StartupConfigurationIT {

  @TempDir Path dataDir;

  @Test
  void shouldNameTheRegisterMapPropertyWhenTheMapIsUnknown() {
    ConfigurationProblem problem =
        startFailure("--stressflow.chamber.register-map=acme-9000", "--stressflow.chamber.port=0");

    assertThat(problem.property()).isEqualTo("stressflow.chamber.register-map");
    assertThat(problem.getMessage()).contains("acme-9000");
    assertThat(problem.action()).contains("generic");
  }

  @Test
  void shouldNameThePortPropertyWhenTheSimulatorPortIsInUse() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      ConfigurationProblem problem =
          startFailure("--stressflow.chamber.port=" + taken.getLocalPort());

      assertThat(problem.property()).isEqualTo("stressflow.chamber.port");
      assertThat(problem.getMessage()).contains(Integer.toString(taken.getLocalPort()));
      assertThat(problem.action()).contains("free port");
    }
  }

  @Test
  void shouldNameTheEnginePortPropertyWhenTheEnginePortIsInUse() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      ConfigurationProblem problem =
          startFailure(
              "--stressflow.chamber.port=0",
              "--stressflow.camunda.engine.port=" + taken.getLocalPort());

      assertThat(problem.property()).isEqualTo("stressflow.camunda.engine.port");
      assertThat(problem.getMessage()).contains(Integer.toString(taken.getLocalPort()));
    }
  }

  /** Issue 16, item 3: a retention window too short to summarise anything is named. */
  @Test
  void shouldNameTheTelemetryRetentionPropertyWhenTheWindowIsTooShort() {
    ConfigurationProblem problem =
        startFailure("--stressflow.telemetry.retention=5m", "--stressflow.chamber.port=0");

    assertThat(problem.property()).isEqualTo("stressflow.telemetry.retention");
    assertThat(problem.getMessage()).contains("at least PT1H, but was PT5M");
    assertThat(problem.action()).contains("30d");
  }

  /** Issue 19, item 3: a zero time scale died with a 173-line stack trace. */
  @Test
  void shouldNameTheTimeScalePropertyWhenTheScaleIsZero() {
    ConfigurationProblem problem =
        startFailure("--stressflow.time-scale=0", "--stressflow.chamber.port=0");

    assertThat(problem.property()).isEqualTo("stressflow.time-scale");
    assertThat(problem.getMessage()).contains("0.0 is not a time scale");
    assertThat(problem.action()).contains("3600");
  }

  /** Issue 19, item 3: an unreachable cluster died with a raw HttpHostConnectException. */
  @Test
  void shouldNameTheRestAddressPropertyWhenTheClusterDoesNotAnswer() {
    ConfigurationProblem problem =
        startFailure(
            "--stressflow.camunda.rest-address=http://127.0.0.1:1", "--stressflow.chamber.port=0");

    assertThat(problem.property()).isEqualTo("stressflow.camunda.rest-address");
    assertThat(problem.getMessage()).contains("http://127.0.0.1:1");
    assertThat(problem.action()).contains("embedded engine");
  }

  /** Issue 13: a lab file's bad entries are refused at start, each named by its field path. */
  @Test
  void shouldNameEachBadFieldOfTheLabFile() throws IOException {
    Path lab = dataDir.resolve("lab.yaml");
    java.nio.file.Files.writeString(
        lab,
        """
        chambers:
          - { id: ok-1, registerMap: generic, simulated: true, port: 0 }
          - { id: bad one, registerMap: acme-9000, unitId: 300, calibrationDue: soon }
          - { id: ok-1, registerMap: generic }
          - { id: ok-3, registerMap: generic, service: OUT_OF_SERVICE }
        """);
    ConfigurationProblem problem = startFailure("--stressflow.lab.file=" + lab);

    assertThat(problem.property()).isEqualTo("stressflow.lab.file");
    assertThat(problem.getMessage())
        .contains("chambers[1].id:")
        .contains("chambers[1].registerMap: cannot use register map 'acme-9000'")
        .contains("chambers[1].unitId: a whole number from 0 to 255 (got 300)")
        .contains("chambers[1].calibrationDue: a date, YYYY-MM-DD (got soon)")
        .contains("chambers[3].outOfServiceReason: say why the chamber is out of service")
        .contains("chambers[2].id: 'ok-1' is listed twice");
    assertThat(problem.action()).contains(lab.toString());
  }

  private ConfigurationProblem startFailure(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--stressflow.data-dir=" + dataDir);
    if (all.stream().noneMatch(a -> a.startsWith("--stressflow.lab.file="))) {
      all.add("--stressflow.lab.file=");
    }
    if (all.stream().noneMatch(a -> a.startsWith("--stressflow.camunda.engine.port="))) {
      all.add("--stressflow.camunda.engine.port=0");
    }
    Throwable thrown =
        catchThrowable(
            () ->
                new SpringApplicationBuilder(StressflowApplication.class)
                    .web(WebApplicationType.NONE)
                    .run(all.toArray(String[]::new))
                    .close());
    assertThat(thrown).as("the application should refuse to start").isNotNull();
    Throwable cause = thrown;
    while (cause != null && !(cause instanceof ConfigurationProblem)) {
      cause = cause.getCause();
    }
    assertThat(cause)
        .as("root cause %s", NestedExceptionUtils.getMostSpecificCause(thrown))
        .isInstanceOf(ConfigurationProblem.class);
    return (ConfigurationProblem) cause;
  }
}
