package io.stressflow.chamber.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

  private static ChamberSimulator start(int port) {
    return ChamberSimulator.start(
        SimulatorConfig.create(
            b -> {
              b.registerMap = RegisterMaps.load("generic");
              b.port = port;
            }));
  }
}
