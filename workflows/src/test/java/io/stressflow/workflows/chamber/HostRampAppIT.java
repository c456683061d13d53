package io.stressflow.workflows.chamber;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.stressflow.chamber.Chamber;
import io.stressflow.chamber.ChamberState;
import io.stressflow.chamber.HostRampChamber;
import io.stressflow.chamber.registermap.RegisterMaps;
import io.stressflow.chamber.simulator.ChamberSimulator;
import io.stressflow.chamber.simulator.SimulatorConfig;
import io.stressflow.workflows.plan.CampaignPlan;
import io.stressflow.workflows.plan.PlanReader;
import io.stressflow.workflows.plan.PlanService;
import io.stressflow.workflows.profile.ProfileRun;
import io.stressflow.workflows.profile.ProfileRunner;
import io.stressflow.workflows.support.TestChambers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The application as configured for a Watlow F4T (a map without a ramp-rate register) ramps on the
 * host: its {@code Chamber} bean is a {@link HostRampChamber}, and a profile's ramp reaches the
 * controller as intermediate setpoints, at the plan's rate in profile time, not as one jump.
 */
class HostRampAppIT {

  static final double SCALE = 120;

  @Test
  void shouldRampAControllerWithoutARampRegisterOnTheHost() {
    try (ChamberSimulator simulator =
            ChamberSimulator.start(
                SimulatorConfig.create(
                    b -> {
                      b.registerMap = RegisterMaps.load("watlow-f4t");
                      b.timeScale = SCALE;
                      b.tickPeriod = Duration.ofMillis(10);
                      b.heatingRate = 15;
                      b.coolingRate = 15;
                    }));
        ConfigurableApplicationContext app =
            TestChambers.app(
                TestChambers.dataDir("host-ramp"),
                SCALE,
                simulator,
                "--stressflow.chamber.register-map=watlow-f4t")) {
      Lab lab = app.getBean(Lab.class);
      Chamber chamber = lab.driver(lab.ids().get(0));
      assertThat(chamber)
          .isInstanceOfSatisfying(HostRampChamber.class, c -> assertThat(c.hostRamps()).isTrue());
      List<ChamberState> readings = new CopyOnWriteArrayList<>();
      lab.telemetry(lab.ids().get(0)).addListener(readings::add);
      PlanService plans = app.getBean(PlanService.class);
      String yaml =
          """
          campaign: host ramp
          product: { partNumber: P1 }
          modules: [{ serial: M01 }]
          legs:
            - id: ramp
              chamber: chamber-1
              samples: [M01]
              profile:
                segments:
                  - ramp: { to: 40, rate: 2 }
                  - soak: { duration: PT5M, band: { below: 2, above: 2 }, measuredOn: AIR }
                  - ramp: { to: 23, rate: 5 }
              readPoints: { unit: HOURS, at: [0.05] }
              acceptance: { sampleSize: 1, allowedFailures: 0 }
          """;
      assertThat(plans.validate(yaml).problems()).isEmpty();
      CampaignPlan plan = PlanReader.read(yaml, plans.presets());
      ProfileRunner runner = app.getBean(ProfileRunner.class);

      String run = runner.start("C-host-ramp", plan.legs().get(0));
      await()
          .atMost(Duration.ofMinutes(1))
          .until(() -> runner.find(run).map(r -> r.state().equals("COMPLETED")).orElse(false));
      ProfileRun done = runner.find(run).orElseThrow();

      assertThat(done.progress().stressSeconds()).isCloseTo(300, within(1e-6));
      // 23 -> 40 degC at 2 K/min is 8.5 profile minutes: the controller saw the setpoints between
      List<Double> between = new ArrayList<>();
      for (ChamberState s : readings) {
        if (s.airSetpoint() >= 40) {
          break; // the way back down to 23 passes the same range
        }
        if (s.airSetpoint() > 24 && s.airSetpoint() < 39) {
          between.add(s.airSetpoint());
        }
      }
      assertThat(between).hasSizeGreaterThan(5).isSorted();
    }
  }
}
