package io.stressflow.chamber.modbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.stressflow.chamber.ChamberState;
import io.stressflow.chamber.OperatingMode;
import io.stressflow.chamber.Setpoint;
import io.stressflow.chamber.registermap.RegisterMap;
import io.stressflow.chamber.registermap.RegisterMaps;
import io.stressflow.chamber.registermap.Signals;
import io.stressflow.chamber.simulator.ChamberSimulator;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every shipped map, served by the simulator and driven by the driver over loopback TCP. */
class RegisterMapRoundTripIT {

  static Stream<String> maps() {
    return RegisterMaps.available().stream();
  }

  @ParameterizedTest
  @MethodSource("maps")
  void driverAndSimulatorAgreeOnTheMap(String name) throws Exception {
    RegisterMap map = RegisterMaps.load(name);
    boolean humidity = map.find(Signals.HUMIDITY_SETPOINT).isPresent();
    try (ChamberSimulator simulator = Loopback.simulator(map, ModbusTransport.TCP);
        ModbusChamber chamber = Loopback.connect(map, simulator)) {
      // given: with a ramp rate, which maps without a ramp-rate register step instead of refusing
      Setpoint setpoint = Setpoint.temperature(40.0).withRampRate(map.limits().maxRampRate());
      if (humidity) {
        setpoint = setpoint.withHumidity(50.0);
      }
      assertThat(chamber.read().mode()).isEqualTo(OperatingMode.OFF);

      // when
      chamber.apply(setpoint);
      chamber.start();

      // then
      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(
              () -> {
                ChamberState state = chamber.read();
                assertThat(state.mode()).isEqualTo(OperatingMode.RUNNING);
                assertThat(state.airSetpoint()).isCloseTo(40.0, within(1e-3));
                assertThat(state.airTemperature()).isCloseTo(40.0, within(0.5));
                if (humidity) {
                  assertThat(state.humiditySetpoint()).isCloseTo(50.0, within(1e-3));
                  assertThat(state.humidity()).isCloseTo(50.0, within(2.0));
                }
              });
      chamber.stop();
      assertThat(chamber.read().mode()).isEqualTo(OperatingMode.OFF);

      chamber.safeState();
      // controllers with a separate read-back register (Binder) echo the write a tick later
      await()
          .atMost(Duration.ofSeconds(5))
          .untilAsserted(
              () -> {
                ChamberState safe = chamber.read();
                assertThat(safe.mode()).isEqualTo(OperatingMode.RUNNING);
                assertThat(safe.airSetpoint())
                    .isCloseTo(map.limits().safeTemperature(), within(1e-3));
                if (humidity) {
                  assertThat(safe.humiditySetpoint())
                      .satisfiesAnyOf(
                          rh -> assertThat(rh).isNull(),
                          rh -> assertThat(rh).isCloseTo(map.limits().minHumidity(), within(1e-3)));
                }
              });
    }
  }
}
