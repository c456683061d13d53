package io.stressflow.chamber.modbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.stressflow.chamber.ChamberState;
import io.stressflow.chamber.OperatingMode;
import io.stressflow.chamber.SafetyLimitException;
import io.stressflow.chamber.Setpoint;
import io.stressflow.chamber.registermap.RegisterMap;
import io.stressflow.chamber.registermap.RegisterMaps;
import io.stressflow.chamber.simulator.ChamberSimulator;
import io.stressflow.chamber.simulator.SimulatorConfig;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What every transport must do: a real simulator on 127.0.0.1 and a real driver, one pair per test
 * class. Subclasses pick the transport.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ModbusChamberContract {

  /** One simulated hour per wall second would overshoot the assertions; 600 is plenty. */
  static final double TIME_SCALE = 600;

  ChamberSimulator simulator;
  ModbusChamber chamber;

  abstract ModbusTransport transport();

  RegisterMap registerMap() {
    return RegisterMaps.load("generic");
  }

  @BeforeAll
  void startSimulatorAndConnect() throws Exception {
    RegisterMap map = registerMap();
    simulator =
        ChamberSimulator.start(
            SimulatorConfig.create(
                b -> {
                  b.registerMap = map;
                  b.transport = transport();
                  b.timeScale = TIME_SCALE;
                  b.tickPeriod = Duration.ofMillis(20);
                }));
    chamber =
        ModbusChamber.connect(
            ModbusChamberConfig.create(
                b -> {
                  b.registerMap = map;
                  b.port = simulator.port();
                  b.transport = transport();
                  b.requestTimeout = Duration.ofMillis(500);
                }));
  }

  @AfterAll
  void closeAll() {
    if (chamber != null) {
      chamber.close();
    }
    if (simulator != null) {
      simulator.close();
    }
  }

  @BeforeEach
  void noFaults() {
    simulator.faults().clear();
  }

  @Test
  void shouldReadTheInitialState() throws Exception {
    ChamberState state = chamber.read();

    assertThat(state.airTemperature()).isBetween(15.0, 30.0);
    assertThat(state.mode()).isIn(OperatingMode.OFF, OperatingMode.RUNNING);
    assertThat(state.doorOpen()).isFalse();
  }

  @Test
  void shouldApproachTheSetpointWhenRunning() throws Exception {
    // given
    chamber.apply(Setpoint.temperature(40.0));

    // when
    chamber.start();

    // then
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              ChamberState state = chamber.read();
              assertThat(state.mode()).isEqualTo(OperatingMode.RUNNING);
              assertThat(state.airSetpoint()).isEqualTo(40.0);
              assertThat(state.airTemperature())
                  .isCloseTo(40.0, org.assertj.core.data.Offset.offset(0.5));
            });
  }

  @Test
  void shouldRefuseASetpointOutsideTheLimitsBeforeAnyIo() throws Exception {
    double before = chamber.read().airSetpoint();

    assertThatThrownBy(() -> chamber.apply(Setpoint.temperature(500.0)))
        .isInstanceOf(SafetyLimitException.class)
        .hasMessageContaining("rated range")
        .hasMessageContaining("500.0");

    assertThat(chamber.read().airSetpoint()).isEqualTo(before);
  }
}
