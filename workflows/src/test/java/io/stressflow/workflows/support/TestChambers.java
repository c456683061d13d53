package io.stressflow.workflows.support;

import io.stressflow.chamber.registermap.RegisterMaps;
import io.stressflow.chamber.simulator.ChamberSimulator;
import io.stressflow.chamber.simulator.SimulatorConfig;
import io.stressflow.workflows.StressflowApplication;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Test fixtures for runs against a simulated chamber that lives outside the application, as a real
 * controller would: it keeps running while the application stops and starts again.
 */
public final class TestChambers {

  private TestChambers() {}

  /**
   * Starts a simulated chamber (generic map) on a free loopback port.
   *
   * @param timeScale simulated seconds per wall second.
   * @return the running simulator; close it after the tests.
   */
  public static ChamberSimulator simulator(double timeScale) {
    return ChamberSimulator.start(
        SimulatorConfig.create(
            b -> {
              b.registerMap = RegisterMaps.load("generic");
              b.timeScale = timeScale;
              b.tickPeriod = Duration.ofMillis(10);
            }));
  }

  /**
   * Starts the application (no web server) on the embedded engine, driving {@code chamber}.
   *
   * @param data the data folder (H2 files).
   * @param timeScale the application's time scale, the same as the simulator's.
   * @param chamber the simulated chamber.
   * @param extra more {@code --key=value} arguments.
   * @return the running application; close it to stop it.
   */
  public static ConfigurableApplicationContext app(
      Path data, double timeScale, ChamberSimulator chamber, String... extra) {
    return start(WebApplicationType.NONE, data, timeScale, chamber, extra);
  }

  /**
   * Starts the application with its web server (REST API) on a free port, driving {@code chamber}.
   * Its port is {@code context.getEnvironment().getProperty("local.server.port")}.
   *
   * @param data the data folder (H2 files).
   * @param timeScale the application's time scale, the same as the simulator's.
   * @param chamber the simulated chamber.
   * @param extra more {@code --key=value} arguments.
   * @return the running application; close it to stop it.
   */
  public static ConfigurableApplicationContext webApp(
      Path data, double timeScale, ChamberSimulator chamber, String... extra) {
    return web(data, timeScale, chamber, extra);
  }

  /**
   * Starts the application with its web server on a free port, driving the lab of {@code labFile}
   * (its simulated chambers run at the application's time scale).
   *
   * @param data the data folder (H2 files).
   * @param timeScale the application's time scale.
   * @param labFile the lab file (README, "The lab: chambers").
   * @param extra more {@code --key=value} arguments.
   * @return the running application; close it to stop it.
   */
  public static ConfigurableApplicationContext webLab(
      Path data, double timeScale, Path labFile, String... extra) {
    List<String> args = new ArrayList<>(List.of("--stressflow.lab.file=" + labFile));
    args.addAll(List.of(extra));
    return web(data, timeScale, null, args.toArray(String[]::new));
  }

  private static ConfigurableApplicationContext web(
      Path data, double timeScale, ChamberSimulator chamber, String... extra) {
    List<String> args = new ArrayList<>(List.of("--server.port=0"));
    args.addAll(List.of(extra));
    return start(WebApplicationType.SERVLET, data, timeScale, chamber, args.toArray(String[]::new));
  }

  private static ConfigurableApplicationContext start(
      WebApplicationType web,
      Path data,
      double timeScale,
      ChamberSimulator chamber,
      String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--stressflow.data-dir=" + data,
                "--stressflow.time-scale=" + timeScale,
                "--stressflow.camunda.engine.port=0",
                "--spring.main.banner-mode=off",
                // Quartz registers its job store's data source JVM-wide under the scheduler's
                // name: another context in this JVM with the same name would fire (and drop)
                // this application's triggers against its own database
                "--spring.quartz.scheduler-name=it-" + UUID.randomUUID()));
    if (chamber != null) {
      // the one chamber of stressflow.chamber.*: the test's simulator
      args.addAll(
          List.of(
              "--stressflow.lab.file=",
              "--stressflow.chamber.simulated=false",
              "--stressflow.chamber.port=" + chamber.port()));
    }
    args.addAll(List.of(extra));
    return new SpringApplicationBuilder(StressflowApplication.class)
        .web(web)
        .run(args.toArray(String[]::new));
  }

  /**
   * A fresh data folder under {@code target/it-data}.
   *
   * @param prefix names the test.
   * @return its absolute path (H2 refuses implicitly relative paths).
   */
  public static Path dataDir(String prefix) {
    return Path.of("target", "it-data", prefix + "-" + UUID.randomUUID()).toAbsolutePath();
  }
}
