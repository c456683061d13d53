package io.stressflow.workflows.sampling;

import io.stressflow.chamber.ChamberState;
import io.stressflow.workflows.chamber.ChamberTelemetry;
import io.stressflow.workflows.sampling.fleet.FleetParameters;
import io.stressflow.workflows.sampling.fleet.SimulatedFleet;
import io.stressflow.workflows.time.TimeScale;
import java.time.Duration;
import java.time.Instant;
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
      ChamberTelemetry telemetry,
      TimeScale timeScale) {
    SimulatedFleet fleet = new SimulatedFleet(FleetParameters.typical(seed));
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
}
