package io.stressflow.chamber.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.stressflow.chamber.ChamberState;
import io.stressflow.chamber.modbus.ModbusChamber;
import io.stressflow.chamber.modbus.ModbusChamberConfig;
import io.stressflow.chamber.registermap.RegisterMap;
import io.stressflow.chamber.registermap.RegisterMaps;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Sensor noise is seeded: the same seed and the same steps give the same readings. */
class SensorNoiseIT {

  private final RegisterMap map = RegisterMaps.load("generic");

  private List<Double> readings(long seed, int steps) throws Exception {
    MutableClock clock = new MutableClock();
    List<Double> out = new ArrayList<>();
    try (ChamberSimulator simulator =
            ChamberSimulator.start(
                SimulatorConfig.create(
                    b -> {
                      b.registerMap = map;
                      b.clock = clock;
                      b.tickPeriod = Duration.ofHours(1); // stepped by hand below
                      b.temperatureNoise = 0.5;
                      b.humidityNoise = 2.0;
                      b.noiseSeed = seed;
                    }));
        ModbusChamber chamber =
            ModbusChamber.connect(
                ModbusChamberConfig.create(
                    b -> {
                      b.registerMap = map;
                      b.port = simulator.port();
                    }))) {
      for (int i = 0; i < steps; i++) {
        clock.advance(Duration.ofSeconds(1));
        simulator.tick();
        ChamberState state = chamber.read();
        out.add(state.airTemperature());
        out.add(state.humidity());
      }
    }
    return out;
  }

  @Test
  void sameSeedGivesTheSameNoise() throws Exception {
    List<Double> a = readings(7, 20);
    List<Double> b = readings(7, 20);
    List<Double> c = readings(8, 20);

    assertThat(a).isEqualTo(b).isNotEqualTo(c);
    assertThat(a.stream().distinct().count()).as("noise makes readings differ").isGreaterThan(10);
  }
}
