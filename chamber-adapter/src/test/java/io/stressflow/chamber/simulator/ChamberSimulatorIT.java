package io.stressflow.chamber.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.stressflow.chamber.Setpoint;
import io.stressflow.chamber.modbus.ModbusChamber;
import io.stressflow.chamber.modbus.ModbusChamberConfig;
import io.stressflow.chamber.registermap.RegisterMaps;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ChamberSimulatorIT {

  @Test
  void shouldPickAFreePortWhenAskedForPortZero() {
    try (ChamberSimulator a = start(0);
        ChamberSimulator b = start(0)) {
      assertThat(a.port()).isPositive().isNotEqualTo(b.port());
    }
  }

  @Test
  void shouldNameTheAddressWhenAFixedPortIsInUse() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      int port = taken.getLocalPort();

      assertThatThrownBy(() -> start(port))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("127.0.0.1:" + port)
          .hasMessageContaining("in use");
    }
  }

  @Test
  void shouldStepThePhysicsByTheInjectedClockTimesTheTimeScale() {
    MutableClock clock = new MutableClock();
    try (ChamberSimulator simulator =
        ChamberSimulator.start(
            SimulatorConfig.create(
                b -> {
                  b.registerMap = RegisterMaps.load("generic");
                  b.clock = clock;
                  b.timeScale = 60;
                  b.tickPeriod = Duration.ofHours(1); // ticks only when the test says so
                  b.initialTemperature = 50;
                }))) {
      // not conditioning: the air drifts towards 23 degC with a 30 min time constant
      clock.advance(Duration.ofSeconds(30)); // 30 simulated minutes
      simulator.tick();

      double expected = 23 + (50 - 23) * Math.exp(-1);
      assertThat(simulator.physics().air())
          .isCloseTo(expected, org.assertj.core.data.Offset.offset(0.05));
    }
  }

  /**
   * Binder MB2 has no humidity switch and separate write and read-back setpoint registers: the
   * read-back shows a write at once (not at the next physics tick), and the humidity setpoint is
   * always in force, so its lowest setpoint dries the air.
   */
  @Test
  void shouldEchoWrittenSetpointsAtOnceAndDryAtTheLowestSetpointWithoutAHumiditySwitch()
      throws Exception {
    MutableClock clock = new MutableClock();
    io.stressflow.chamber.registermap.RegisterMap map = RegisterMaps.load("binder-mb2");
    try (ChamberSimulator simulator =
            ChamberSimulator.start(
                SimulatorConfig.create(
                    b -> {
                      b.registerMap = map;
                      b.clock = clock;
                      b.timeScale = 1;
                      b.tickPeriod = Duration.ofHours(1); // ticks only when the test says so
                      b.initialTemperature = 85;
                      b.temperatureNoise = 0;
                      b.humidityNoise = 0;
                    }));
        io.stressflow.chamber.modbus.ModbusChamber chamber =
            io.stressflow.chamber.modbus.ModbusChamber.connect(
                io.stressflow.chamber.modbus.ModbusChamberConfig.create(
                    b -> {
                      b.registerMap = map;
                      b.port = simulator.port();
                    }))) {
      chamber.apply(new io.stressflow.chamber.Setpoint(85, null, 85.0));
      chamber.start();
      var read = chamber.read();
      assertThat(read.airSetpoint()).isEqualTo(85);
      assertThat(read.humiditySetpoint()).isEqualTo(85);
      for (int i = 0; i < 60; i++) {
        clock.advance(Duration.ofMinutes(1));
        simulator.tick();
      }
      assertThat(chamber.read().humidity()).isCloseTo(85, org.assertj.core.data.Offset.offset(0.5));

      // "humidity off" is not possible here: the lowest setpoint is what dries it
      chamber.apply(new io.stressflow.chamber.Setpoint(85, null, null));
      assertThat(chamber.read().humiditySetpoint()).isEqualTo(85);
      chamber.apply(new io.stressflow.chamber.Setpoint(85, null, 10.0));
      assertThat(chamber.read().humiditySetpoint()).isEqualTo(10);
      for (int i = 0; i < 30; i++) {
        clock.advance(Duration.ofMinutes(1));
        simulator.tick();
      }
      assertThat(chamber.read().humidity()).isCloseTo(10, org.assertj.core.data.Offset.offset(0.5));
    }
  }

  /**
   * The simulator counts writers: a connection that has written counts until it closes, so two
   * drivers connected and writing at once show as two, one after the other as one.
   */
  @Test
  void shouldCountTheWritingConnectionsOpenAtOnce() throws Exception {
    try (ChamberSimulator simulator = start(0)) {
      assertThat(simulator.writers().maxConcurrent()).isZero();
      try (ModbusChamber first = connect(simulator)) {
        first.apply(Setpoint.temperature(30));
        first.read(); // a reader that never writes is not a writer
        try (ModbusChamber reader = connect(simulator)) {
          reader.read();
          first.apply(Setpoint.temperature(31));
        }
        assertThat(simulator.writers().maxConcurrent()).isEqualTo(1);
      }
      await().atMost(Duration.ofSeconds(10)).until(() -> simulator.openConnections() == 0);
      try (ModbusChamber second = connect(simulator)) {
        second.apply(Setpoint.temperature(32));
        assertThat(simulator.writers().maxConcurrent())
            .as("one writer after the other")
            .isEqualTo(1);
        try (ModbusChamber third = connect(simulator)) {
          third.apply(Setpoint.temperature(33));
        }
      }
      assertThat(simulator.writers().maxConcurrent()).as("two writers at once").isEqualTo(2);
      // three writing connections, the first with twice the writes (two setpoints) of the others
      var writers = simulator.writers().writers();
      assertThat(writers).hasSize(3);
      assertThat(writers.get(0).writes()).isEqualTo(2 * writers.get(1).writes());
      assertThat(writers.get(2).writes()).isEqualTo(writers.get(1).writes()).isPositive();
    }
  }

  private static ModbusChamber connect(ChamberSimulator simulator) throws Exception {
    return ModbusChamber.connect(
        ModbusChamberConfig.create(
            b -> {
              b.registerMap = RegisterMaps.load("generic");
              b.port = simulator.port();
            }));
  }

  private static ChamberSimulator start(int port) {
    return ChamberSimulator.start(
        SimulatorConfig.create(
            b -> {
              b.registerMap = RegisterMaps.load("generic");
              b.port = port;
            }));
  }
}
