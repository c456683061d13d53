package io.stressflow.chamber.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.stressflow.chamber.ChamberAlarm;
import io.stressflow.chamber.ChamberException;
import io.stressflow.chamber.ChamberState;
import io.stressflow.chamber.OperatingMode;
import io.stressflow.chamber.Setpoint;
import io.stressflow.chamber.modbus.ModbusChamber;
import io.stressflow.chamber.modbus.ModbusChamberConfig;
import io.stressflow.chamber.modbus.ModbusTransport;
import io.stressflow.chamber.registermap.RegisterMap;
import io.stressflow.chamber.registermap.RegisterMaps;
import io.stressflow.chamber.simulator.ChamberSimulator;
import io.stressflow.chamber.simulator.LoopbackPorts;
import io.stressflow.chamber.simulator.SimulatorConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * pymodbus (Debian's python3-pymodbus) as a third-party peer, both ways and in both framings: its
 * client against the simulator, and the driver against its server.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PymodbusInteropIT {

  private final RegisterMap map = RegisterMaps.load("generic");
  private String python;
  @TempDir Path dir;

  @BeforeAll
  void findPython() {
    python = ExternalTool.pythonWithPymodbus().orElse(null);
    assumeTrue(
        python != null,
        "no python3 with pymodbus (apt-get install python3-pymodbus); CI installs it, so this"
            + " only skips locally");
  }

  @ParameterizedTest
  @EnumSource(
      value = ModbusTransport.class,
      names = {"TCP", "RTU_OVER_TCP"})
  void pymodbusClientReadsAndWritesTheSimulator(ModbusTransport transport) throws Exception {
    Path script = ExternalTool.resource("/interop/pymodbus_client.py", dir);
    try (ChamberSimulator simulator =
        ChamberSimulator.start(
            SimulatorConfig.create(
                b -> {
                  b.registerMap = map;
                  b.transport = transport;
                }))) {
      ExternalTool.Result r =
          ExternalTool.run(
              List.of(
                  python, script.toString(), String.valueOf(simulator.port()), framing(transport)),
              30);

      assertThat(r.exitCode()).as(r.output()).isZero();
      assertThat(r.output()).contains("inputs=230,").contains(",1900").contains("holding=425,");
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = ModbusTransport.class,
      names = {"TCP", "RTU_OVER_TCP"})
  void driverReadsAndWritesAPymodbusServer(ModbusTransport transport) throws Exception {
    Path script = ExternalTool.resource("/interop/pymodbus_server.py", dir);
    int port = LoopbackPorts.probe("127.0.0.1");
    Process server =
        ExternalTool.start(
            List.of(python, script.toString(), String.valueOf(port), framing(transport)),
            Files.createTempFile(dir, "pymodbus", ".log"));
    AtomicReference<ModbusChamber> connected = new AtomicReference<>();
    try {
      await()
          .atMost(Duration.ofSeconds(20))
          .ignoreExceptionsInstanceOf(ChamberException.class)
          .until(
              () -> {
                connected.set(
                    ModbusChamber.connect(
                        ModbusChamberConfig.create(
                            b -> {
                              b.registerMap = map;
                              b.port = port;
                              b.transport = transport;
                            })));
                return true;
              });
      ModbusChamber chamber = connected.get();

      ChamberState state = chamber.read();
      assertThat(state.airTemperature()).isEqualTo(23.5);
      assertThat(state.loadTemperature()).isEqualTo(22.0);
      assertThat(state.humidity()).isEqualTo(45.0);
      assertThat(state.airSetpoint()).isEqualTo(25.0);
      assertThat(state.mode()).isEqualTo(OperatingMode.RUNNING);
      assertThat(state.alarms()).containsExactly(ChamberAlarm.OVER_TEMPERATURE);
      assertThat(state.doorOpen()).isTrue();

      chamber.apply(Setpoint.temperature(-40.0));
      assertThat(chamber.read().airSetpoint()).isEqualTo(-40.0);
    } finally {
      if (connected.get() != null) {
        connected.get().close();
      }
      ExternalTool.stop(server);
    }
  }

  private static String framing(ModbusTransport transport) {
    return transport == ModbusTransport.TCP ? "tcp" : "rtu";
  }
}
