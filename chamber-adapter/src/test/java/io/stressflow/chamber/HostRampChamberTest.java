package io.stressflow.chamber;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.stressflow.chamber.registermap.MapCapabilities;
import io.stressflow.chamber.simulator.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/**
 * The host ramp's rules, against an in-memory controller whose air temperature the test sets: no
 * sockets, no physics, an injected clock. {@code HostRampChamberIT} runs the same decorator over
 * Modbus against the simulator.
 */
class HostRampChamberTest {

  private static final ChamberLimits LIMITS = ChamberLimits.typical();
  private static final MapCapabilities NO_RAMP =
      new MapCapabilities("no-ramp", false, true, true, false, false, false);

  private final MutableClock clock = new MutableClock();
  private final Controller controller = new Controller();

  private HostRampChamber hostRamp(MapCapabilities capabilities, double timeScale) {
    return new HostRampChamber(controller, capabilities, LIMITS, "chamber-1", clock, timeScale);
  }

  @Test
  void shouldStepTheSetpointAtThePlansRateInProfileTimeAndEndOnTheTarget() throws Exception {
    // given: a running chamber holding 23 degC, at a time scale of 60 (a profile minute per second)
    HostRampChamber chamber = hostRamp(NO_RAMP, 60);
    controller.air = 23;
    controller.mode = OperatingMode.RUNNING;

    // when: ramp to -40 at 10 K/min, read once a wall second (one profile minute)
    chamber.apply(Setpoint.temperature(-40).withRampRate(10));
    List<Double> setpoints = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      clock.advance(Duration.ofSeconds(1));
      chamber.read();
      setpoints.add(controller.setpoint);
    }

    // then: 10 K per profile minute from the air's 23 degC, never past -40, rate never written
    assertThat(controller.written.get(0).temperature()).isEqualTo(23.0);
    assertThat(setpoints)
        .containsExactly(13.0, 3.0, -7.0, -17.0, -27.0, -37.0, -40.0, -40.0)
        .allSatisfy(t -> assertThat(t).isGreaterThanOrEqualTo(-40.0));
    assertThat(controller.written).allSatisfy(w -> assertThat(w.rampRate()).isNull());
    assertThat(chamber.rampTarget()).isEmpty();
    // reaching the target ends the ramp: further reads write nothing
    int writes = controller.written.size();
    clock.advance(Duration.ofSeconds(5));
    chamber.read();
    assertThat(controller.written).hasSize(writes);
  }

  @Test
  void shouldStartTheNextRampFromTheSetpointInForceNotTheLaggingAir() throws Exception {
    // given: a first ramp finished at -40 while the air still lags at -38
    HostRampChamber chamber = hostRamp(NO_RAMP, 1);
    controller.air = -40;
    controller.mode = OperatingMode.RUNNING;
    chamber.apply(Setpoint.temperature(-40));
    controller.air = -38;

    // when
    chamber.apply(Setpoint.temperature(85).withRampRate(10));
    clock.advance(Duration.ofSeconds(30));
    chamber.read();

    // then: -40 + 5 K, not -38 + 5 K
    assertThat(controller.written.get(1).temperature()).isEqualTo(-40.0);
    assertThat(controller.setpoint).isCloseTo(-35.0, within(1e-9));
  }

  @Test
  void shouldKeepEveryIntermediateSetpointInsideTheHumidityWindowWhileHumidityIsOn()
      throws Exception {
    // given: the air at 5 degC, below the window in which humidity may be controlled
    HostRampChamber chamber = hostRamp(NO_RAMP, 1);
    controller.air = 5;
    controller.mode = OperatingMode.RUNNING;

    // when
    chamber.apply(Setpoint.temperature(85).withRampRate(10).withHumidity(50));
    clock.advance(Duration.ofSeconds(30));
    chamber.read();

    // then: the ramp starts at the window's edge, so the limits never refuse a step
    assertThat(controller.written.get(0).temperature()).isEqualTo(LIMITS.humidityMinTemperature());
    assertThat(controller.written.get(0).humidity()).isEqualTo(50.0);
    assertThat(controller.setpoint).isCloseTo(LIMITS.humidityMinTemperature() + 5, within(1e-9));
  }

  @Test
  void shouldRestartFromTheMeasuredAirAfterARestartMidRamp() throws Exception {
    // given: a ramp from 23 to 85 at 10 K/min, two minutes in (setpoint 43)
    HostRampChamber first = hostRamp(NO_RAMP, 1);
    controller.air = 23;
    controller.mode = OperatingMode.RUNNING;
    first.apply(Setpoint.temperature(85).withRampRate(10));
    clock.advance(Duration.ofMinutes(2));
    first.read();
    assertThat(controller.setpoint).isCloseTo(43.0, within(1e-9));

    // when: the app restarts (a new wrapper, no memory), the air lagging at 38, and re-writes the
    // setpoint in force
    controller.air = 38;
    clock.advance(Duration.ofMinutes(3));
    HostRampChamber second = hostRamp(NO_RAMP, 1);
    second.apply(Setpoint.temperature(85).withRampRate(10));
    double restartedAt = controller.setpoint;
    clock.advance(Duration.ofMinutes(1));
    second.read();

    // then: the ramp goes on from the air, at the plan's rate, with no jump and no lost ground
    assertThat(restartedAt).isEqualTo(38.0);
    assertThat(controller.setpoint).isCloseTo(48.0, within(1e-9));
    assertThat(second.rampTarget()).contains(Setpoint.temperature(85).withRampRate(10));
  }

  @Test
  void shouldWaitWhileTheChamberIsNotRunningAndStartFromTheAirWhenItRuns() throws Exception {
    // given: the profile's first write comes before start(), as ChamberControl does it
    HostRampChamber chamber = hostRamp(NO_RAMP, 1);
    controller.air = 20;
    controller.mode = OperatingMode.OFF;
    chamber.apply(Setpoint.temperature(-40).withRampRate(10));
    clock.advance(Duration.ofMinutes(10));
    chamber.read();
    assertThat(controller.setpoint).isEqualTo(20.0);

    // when: the chamber starts (air drifted to 21 meanwhile), and a minute passes
    controller.air = 21;
    chamber.start();
    chamber.read();
    clock.advance(Duration.ofMinutes(1));
    chamber.read();

    // then: the ten minutes off did not count
    assertThat(controller.setpoint).isCloseTo(11.0, within(1e-9));
  }

  @Test
  void shouldWriteAgainAtTheNextReadWhenAStepOrTheTargetWasNotWritten() throws Exception {
    // given: a ramp from 23 to 33 at 10 K/min
    HostRampChamber chamber = hostRamp(NO_RAMP, 1);
    controller.air = 23;
    controller.mode = OperatingMode.RUNNING;
    chamber.apply(Setpoint.temperature(33).withRampRate(10));

    // when: the step at 30 s is lost, and so is the target's first write
    controller.failNextWrite = true;
    clock.advance(Duration.ofSeconds(30));
    ChamberState read = chamber.read();
    assertThat(read.airTemperature()).isEqualTo(23.0); // the read still answers
    assertThat(controller.setpoint).isEqualTo(23.0);
    clock.advance(Duration.ofSeconds(1));
    chamber.read();
    double retried = controller.setpoint;
    controller.failNextWrite = true;
    clock.advance(Duration.ofMinutes(1));
    chamber.read();
    assertThat(controller.setpoint).isEqualTo(retried);
    assertThat(chamber.rampTarget()).isPresent();
    chamber.read();

    // then: the newer step went out at the next read, and the target at the read after its loss
    assertThat(retried).isCloseTo(23 + 10 * 31 / 60.0, within(1e-9));
    assertThat(controller.setpoint).isEqualTo(33.0);
    assertThat(chamber.rampTarget()).isEmpty();
  }

  @Test
  void shouldCheckTheWholeTargetBeforeWritingAnything() {
    HostRampChamber chamber = hostRamp(NO_RAMP, 1);
    controller.mode = OperatingMode.RUNNING;

    assertThatThrownBy(() -> chamber.apply(Setpoint.temperature(40).withRampRate(50)))
        .isInstanceOf(SafetyLimitException.class)
        .hasMessageContaining("ramp rate");
    assertThat(controller.written).isEmpty();
  }

  @Test
  void shouldCancelTheRampOnSafeState() throws Exception {
    HostRampChamber chamber = hostRamp(NO_RAMP, 1);
    controller.air = 23;
    controller.mode = OperatingMode.RUNNING;
    chamber.apply(Setpoint.temperature(85).withRampRate(10));

    chamber.safeState();
    clock.advance(Duration.ofMinutes(1));
    chamber.read();

    assertThat(chamber.rampTarget()).isEmpty();
    assertThat(controller.safeStates).isEqualTo(1);
    assertThat(controller.written).hasSize(1);
  }

  @Test
  void shouldPassEverythingThroughWhenTheControllerRamps() throws Exception {
    HostRampChamber chamber = hostRamp(MapCapabilities.full("generic"), 1);
    controller.mode = OperatingMode.RUNNING;
    Setpoint ramped = Setpoint.temperature(85).withRampRate(10);

    chamber.apply(ramped);
    clock.advance(Duration.ofMinutes(1));
    chamber.read();

    assertThat(chamber.hostRamps()).isFalse();
    assertThat(controller.written).containsExactly(ramped);
  }

  /** A controller in memory: remembers what is written; the test sets the air temperature. */
  private final class Controller implements Chamber {
    final List<Setpoint> written = new ArrayList<>();
    volatile double air = 23;
    volatile double setpoint = 23;
    volatile OperatingMode mode = OperatingMode.OFF;
    int safeStates;
    volatile boolean failNextWrite;

    @Override
    public CompletionStage<ChamberState> readAsync() {
      return CompletableFuture.completedFuture(
          new ChamberState(
              clock.instant(), air, setpoint, null, null, null, mode, Set.of(), false));
    }

    @Override
    public CompletionStage<Void> applyAsync(Setpoint s) {
      LIMITS.check("chamber-1", s);
      if (failNextWrite) {
        failNextWrite = false;
        return CompletableFuture.failedFuture(
            new ChamberTimeoutException("Expected an answer within 2 s, but none came", null));
      }
      written.add(s);
      setpoint = s.temperature();
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Void> modeAsync(OperatingMode m) {
      mode = m;
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Void> safeStateAsync() {
      safeStates++;
      setpoint = LIMITS.safeTemperature();
      mode = OperatingMode.RUNNING;
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public void close() {}
  }
}
