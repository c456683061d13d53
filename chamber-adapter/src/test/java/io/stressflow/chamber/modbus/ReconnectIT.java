package io.stressflow.chamber.modbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.stressflow.chamber.ChamberConnectException;
import io.stressflow.chamber.ChamberException;
import io.stressflow.chamber.registermap.RegisterMap;
import io.stressflow.chamber.registermap.RegisterMaps;
import io.stressflow.chamber.simulator.ChamberSimulator;
import io.stressflow.chamber.simulator.LoopbackPorts;
import io.stressflow.chamber.simulator.SimulatorConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Connection loss and recovery against real sockets. */
class ReconnectIT {

  private final RegisterMap map = RegisterMaps.load("generic");

  private ChamberSimulator simulator(int port) {
    return ChamberSimulator.start(
        SimulatorConfig.create(
            b -> {
              b.registerMap = map;
              b.port = port;
            }));
  }

  private ModbusChamberConfig config(int port, ModbusTransport transport) {
    return ModbusChamberConfig.create(
        b -> {
          b.registerMap = map;
          b.port = port;
          b.transport = transport;
          b.requestTimeout = Duration.ofMillis(500);
          b.connectTimeout = Duration.ofMillis(500);
          b.maxReconnectDelay = Duration.ofSeconds(2);
        });
  }

  @Test
  void shouldFailToConnectWithATypedExceptionWhenNothingListens() {
    int port = LoopbackPorts.probe("127.0.0.1");

    assertThatThrownBy(() -> ModbusChamber.connect(config(port, ModbusTransport.TCP)))
        .isInstanceOf(ChamberConnectException.class)
        .hasMessageContaining("127.0.0.1:" + port);
  }

  @Test
  void shouldFailToOpenAMissingSerialPortWithATypedException() {
    ModbusChamberConfig serial =
        ModbusChamberConfig.create(
            b -> {
              b.registerMap = map;
              b.transport = ModbusTransport.RTU_SERIAL;
              b.serial =
                  SerialSettings.of("/dev/ttyStressflowMissing", 9600, SerialSettings.Parity.EVEN);
            });

    assertThatThrownBy(() -> ModbusChamber.connect(serial))
        .isInstanceOf(ChamberConnectException.class)
        .hasMessageContaining("/dev/ttyStressflowMissing");
  }

  @Test
  void shouldReconnectWhenTheControllerComesBack() throws Exception {
    ChamberSimulator first = simulator(0);
    int port = first.port();
    try (ModbusChamber chamber = ModbusChamber.connect(config(port, ModbusTransport.TCP))) {
      assertThat(chamber.read()).isNotNull();

      // when the controller goes away, reads fail fast with a typed exception, never hang
      first.close();
      await()
          .atMost(Duration.ofSeconds(5))
          .untilAsserted(
              () -> assertThatThrownBy(chamber::read).isInstanceOf(ChamberException.class));

      // and when it is back on the same port, the driver finds it again on its own
      try (ChamberSimulator second = simulator(port)) {
        await()
            .atMost(Duration.ofSeconds(15))
            .ignoreExceptionsInstanceOf(ChamberException.class)
            .untilAsserted(() -> assertThat(chamber.read()).isNotNull());
        assertThat(chamber.isConnected()).isTrue();
      }
    }
  }
}
