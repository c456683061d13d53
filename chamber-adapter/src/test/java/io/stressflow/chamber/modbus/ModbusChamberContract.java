package io.stressflow.chamber.modbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.stressflow.chamber.ChamberAlarm;
import io.stressflow.chamber.ChamberException;
import io.stressflow.chamber.ChamberRejectedException;
import io.stressflow.chamber.ChamberState;
import io.stressflow.chamber.ChamberTimeoutException;
import io.stressflow.chamber.OperatingMode;
import io.stressflow.chamber.SafetyLimitException;
import io.stressflow.chamber.Setpoint;
import io.stressflow.chamber.registermap.RegisterMap;
import io.stressflow.chamber.registermap.RegisterMaps;
import io.stressflow.chamber.simulator.ChamberSimulator;
import io.stressflow.chamber.simulator.SimulatorConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
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

  ChamberSimulator simulator;
  ModbusChamber chamber;

  abstract ModbusTransport transport();

  RegisterMap registerMap() {
    return RegisterMaps.load("generic");
  }

  @BeforeAll
  void startSimulatorAndConnect() throws Exception {
    RegisterMap map = registerMap();
    simulator = Loopback.simulator(map, transport());
    chamber = Loopback.connect(map, simulator);
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
  void shouldRefuseHumidityOutsideItsTemperatureWindowBeforeAnyIo() {
    // silent: any request would time out, so an immediate refusal proves nothing was sent
    simulator.faults().silent(true);

    assertThatThrownBy(() -> chamber.applyAsync(Setpoint.temperature(-20.0).withHumidity(50.0)))
        .isInstanceOf(SafetyLimitException.class)
        .hasMessageContaining("humidity only with a temperature setpoint within");
    assertThatThrownBy(() -> chamber.applyAsync(Setpoint.temperature(40.0).withRampRate(50.0)))
        .isInstanceOf(SafetyLimitException.class)
        .hasMessageContaining("ramp rate of at most");
  }

  @Test
  void shouldTimeOutWhenTheSimulatorStopsAnswering() throws Exception {
    simulator.faults().silent(true);

    assertThatThrownBy(() -> chamber.read())
        .isInstanceOf(ChamberTimeoutException.class)
        .hasMessageContaining("did not answer within 500 ms");

    simulator.faults().silent(false);
    awaitReadable();
  }

  @Test
  void shouldReportAnExceptionResponseWithItsCode() {
    simulator.faults().exceptionCode(0x02);

    assertThatThrownBy(() -> chamber.read())
        .isInstanceOfSatisfying(
            ChamberRejectedException.class, e -> assertThat(e.exceptionCode()).isEqualTo(0x02))
        .hasMessageContaining("ILLEGAL_DATA_ADDRESS");
    assertThatThrownBy(() -> chamber.apply(Setpoint.temperature(30.0)))
        .isInstanceOf(ChamberRejectedException.class);
  }

  @Test
  void shouldRenderAnUnknownExceptionCodeAsUnknown() {
    simulator.faults().exceptionCode(0x42);

    assertThatThrownBy(() -> chamber.read())
        .isInstanceOf(ChamberRejectedException.class)
        .hasMessageContaining("0x42 [UNKNOWN]");
  }

  @Test
  void shouldReconnectAfterADroppedConnection() throws Exception {
    chamber.read();

    simulator.faults().dropConnections();

    awaitReadable();
  }

  @Test
  void shouldEndAGarbageAnswerInATypedException() {
    simulator.faults().garbage(true);

    assertThatThrownBy(() -> chamber.read()).isInstanceOf(ChamberException.class);

    simulator.faults().garbage(false);
    awaitReadable();
  }

  @Test
  void shouldShowAFrozenSensorAsAConstantReading() throws Exception {
    chamber.apply(Setpoint.temperature(60.0));
    chamber.start();
    simulator.faults().frozenSensor(true);
    // ticks are serialised: once this one is done, no tick still publishes unfrozen values
    simulator.tick();
    double frozen = chamber.read().airTemperature();
    double physicsBefore = simulator.physics().air();

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> Math.abs(simulator.physics().air() - physicsBefore) > 1.0);

    assertThat(chamber.read().airTemperature()).isEqualTo(frozen);
  }

  @Test
  void shouldReportTheOverTemperatureAlarmAndTheDoor() throws Exception {
    simulator.faults().overTemperature(true).doorOpen(true);

    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () -> {
              ChamberState state = chamber.read();
              assertThat(state.alarms()).contains(ChamberAlarm.OVER_TEMPERATURE);
              assertThat(state.overTemperature()).isTrue();
              assertThat(state.doorOpen()).isTrue();
            });

    simulator.faults().clear();
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(() -> assertThat(chamber.read().alarms()).isEmpty());
  }

  @Test
  void shouldDriveToTheSafeState() throws Exception {
    chamber.apply(Setpoint.temperature(60.0).withHumidity(80.0));

    chamber.safeState();

    ChamberState state = chamber.read();
    assertThat(state.airSetpoint()).isEqualTo(23.0);
    assertThat(state.humiditySetpoint()).isNull();
    assertThat(state.mode()).isEqualTo(OperatingMode.RUNNING);
  }

  @Test
  void shouldEnterStandby() throws Exception {
    chamber.standby();

    assertThat(chamber.read().mode()).isEqualTo(OperatingMode.STANDBY);
  }

  @Test
  void shouldGetNoAnswerForAnotherUnitIdLikeOnARealBus() throws Exception {
    // its own simulator: an RTU-over-TCP server, like a serial gateway, takes one client at a time
    try (ChamberSimulator unitOne =
            ChamberSimulator.start(
                SimulatorConfig.create(
                    b -> {
                      b.registerMap = registerMap();
                      b.transport = transport();
                      b.unitId = 1;
                    }));
        ModbusChamber unitSeven =
            ModbusChamber.connect(
                ModbusChamberConfig.create(
                    b -> {
                      b.registerMap = registerMap();
                      b.port = unitOne.port();
                      b.transport = transport();
                      b.unitId = 7;
                      b.requestTimeout = Duration.ofMillis(300);
                    }))) {
      assertThatThrownBy(unitSeven::read)
          .isInstanceOf(ChamberTimeoutException.class)
          .hasMessageContaining("/7'");
    }
  }

  @Test
  void shouldServeManyConcurrentReads() {
    // on RTU this only works because requests are queued one at a time
    List<CompletableFuture<ChamberState>> reads = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      reads.add(chamber.readAsync().toCompletableFuture());
    }

    assertThat(CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)))
        .succeedsWithin(Duration.ofSeconds(10));
  }

  void awaitReadable() {
    await()
        .atMost(Duration.ofSeconds(15))
        .ignoreExceptionsInstanceOf(ChamberException.class)
        .untilAsserted(() -> assertThat(chamber.read()).isNotNull());
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
