package io.stressflow.chamber.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.stressflow.chamber.modbus.ModbusChamber;
import io.stressflow.chamber.modbus.ModbusChamberConfig;
import io.stressflow.chamber.registermap.RegisterMap;
import io.stressflow.chamber.registermap.RegisterMaps;
import io.stressflow.chamber.simulator.ChamberSimulator;
import io.stressflow.chamber.simulator.SimulatorConfig;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Debian's mbpoll (a third-party Modbus TCP master) against the simulator. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MbpollInteropIT {

  private final RegisterMap map = RegisterMaps.load("generic");
  private String mbpoll;
  private ChamberSimulator simulator;

  @BeforeAll
  void start() {
    mbpoll = ExternalTool.mbpoll().orElse(null);
    assumeTrue(
        mbpoll != null,
        "mbpoll is not installed (apt-get install mbpoll); CI installs it, so this only skips"
            + " locally");
    simulator = ChamberSimulator.start(SimulatorConfig.create(b -> b.registerMap = map));
  }

  @AfterAll
  void stop() {
    if (simulator != null) {
      simulator.close();
    }
  }

  private List<Integer> poll(String... args) throws Exception {
    List<String> command =
        new java.util.ArrayList<>(List.of(mbpoll, "-m", "tcp", "-a", "1", "-0", "-1", "-p"));
    command.add(String.valueOf(simulator.port()));
    command.addAll(List.of(args));
    command.add(1, "-q");
    ExternalTool.Result r = ExternalTool.run(command, 20);
    assertThat(r.exitCode()).as(r.output()).isZero();
    return ExternalTool.mbpollValues(r.output());
  }

  @Test
  void mbpollReadsTheProcessValuesTheSimulatorServes() throws Exception {
    List<Integer> inputs = poll("-t", "3", "-r", "0", "-c", "6", "127.0.0.1");

    assertThat(inputs).hasSize(6);
    assertThat(inputs.get(0) / 10.0).isCloseTo(simulator.physics().air(), within(0.5));
    assertThat(inputs.get(5)).isEqualTo(1900); // over-temperature limit 190.0 degC, x10
  }

  @Test
  void aSetpointWrittenByMbpollIsWhatTheDriverReads() throws Exception {
    ExternalTool.Result written =
        ExternalTool.run(
            List.of(
                mbpoll,
                "-m",
                "tcp",
                "-a",
                "1",
                "-0",
                "-t",
                "4",
                "-r",
                "0",
                "-p",
                String.valueOf(simulator.port()),
                "127.0.0.1",
                "65411"), // -125 as int16 two's complement: -12.5 degC x10
            20);
    assertThat(written.exitCode()).as(written.output()).isZero();

    try (ModbusChamber chamber =
        ModbusChamber.connect(
            ModbusChamberConfig.create(
                b -> {
                  b.registerMap = map;
                  b.port = simulator.port();
                }))) {
      assertThat(chamber.read().airSetpoint()).isEqualTo(-12.5);
    }
  }
}
