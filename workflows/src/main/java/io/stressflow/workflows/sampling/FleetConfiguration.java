package io.stressflow.workflows.sampling;

import io.stressflow.chamber.ChamberState;
import io.stressflow.workflows.chamber.ChamberTelemetry;
import io.stressflow.workflows.sampling.fleet.FleetParameters;
import io.stressflow.workflows.sampling.fleet.SimulatedFleet;
import io.stressflow.workflows.time.TimeScale;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The simulated module fleet (the embedded default, {@code stressflow.modules.simulated=true}): it
 * ages with every chamber reading, by the profile time since the previous reading at the load
 * temperature and humidity read. A real module probe replaces this bean.
 */
@Configuration(proxyBeanMethods = false)
class FleetConfiguration {

  @Bean
  @ConditionalOnProperty(
      name = "stressflow.modules.simulated",
      havingValue = "true",
      matchIfMissing = true)
  SimulatedFleet simulatedFleet(
      @Value("${stressflow.modules.seed:1}") long seed,
      @Value("${stressflow.modules.seeded-wear:}") List<String> seededWear,
      ChamberTelemetry telemetry,
      TimeScale timeScale) {
    SimulatedFleet fleet = new SimulatedFleet(FleetParameters.typical(seed));
    for (String entry : seededWear) {
      seedWear(fleet, entry.trim());
    }
    AtomicReference<Instant> last = new AtomicReference<>();
    telemetry.addListener(
        (ChamberState s) -> {
          Instant previous = last.getAndSet(s.time());
          if (previous != null && s.time().isAfter(previous)) {
            double hours =
                timeScale.toSimulated(Duration.between(previous, s.time())).toMillis()
                    / 3_600_000.0;
            double load = s.loadTemperature() != null ? s.loadTemperature() : s.airTemperature();
            fleet.expose(hours, load, s.humidity());
          }
        });
    return fleet;
  }

  /**
   * A seeded bad unit for demos and tests: {@code serial:factor[:lane,lane...]} makes those lanes
   * (all, without lanes) of that unit wear {@code factor} times faster.
   */
  private static void seedWear(SimulatedFleet fleet, String entry) {
    if (entry.isEmpty()) {
      return;
    }
    String[] parts = entry.split(":");
    try {
      if (parts.length < 2 || parts.length > 3) {
        throw new IllegalArgumentException("expected serial:factor[:lane,lane...]");
      }
      double factor = Double.parseDouble(parts[1]);
      int[] lanes =
          parts.length == 3
              ? java.util.Arrays.stream(parts[2].split(",")).mapToInt(Integer::parseInt).toArray()
              : new int[0];
      fleet.add(parts[0]);
      fleet.degrade(parts[0], factor, lanes);
      // on the shelf until its campaign loads it
      fleet.detach(parts[0]);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "stressflow.modules.seeded-wear: '%s' is not serial:factor[:lane,lane...] (%s)"
              .formatted(entry, e.getMessage()),
          e);
    }
  }
}
