package io.stressflow.workflows.chamber;

import io.stressflow.chamber.Chamber;
import io.stressflow.chamber.ChamberException;
import io.stressflow.chamber.ChamberLimits;
import io.stressflow.chamber.HostRampChamber;
import io.stressflow.chamber.modbus.ModbusChamber;
import io.stressflow.chamber.modbus.ModbusChamberConfig;
import io.stressflow.chamber.registermap.RegisterMap;
import io.stressflow.chamber.registermap.RegisterMaps;
import io.stressflow.chamber.simulator.ChamberSimulator;
import io.stressflow.chamber.simulator.SimulatorConfig;
import io.stressflow.workflows.system.ConfigurationProblem;
import io.stressflow.workflows.time.TimeScale;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Builds the chamber driver from {@link ChamberProperties}, and the simulated chamber behind it
 * when {@code stressflow.chamber.simulated} is true. The library never reads Spring properties;
 * this is the one place they are turned into its configs.
 */
@Configuration(proxyBeanMethods = false)
class ChamberConfiguration {

  @Bean
  RegisterMap registerMap(ChamberProperties properties) {
    String name = properties.registerMap();
    try {
      if (name.endsWith(".json")) {
        Path file = Path.of(name);
        if (!Files.isReadable(file)) {
          throw new IllegalArgumentException("no readable file at " + file.toAbsolutePath());
        }
        return RegisterMaps.load(file);
      }
      return RegisterMaps.load(name);
    } catch (IllegalArgumentException e) {
      throw new ConfigurationProblem(
          "stressflow.chamber.register-map",
          "cannot use register map '" + name + "': " + e.getMessage(),
          "Set stressflow.chamber.register-map to one of "
              + RegisterMaps.available()
              + " or to the path of a map file ending in .json.",
          e);
    }
  }

  @Bean(destroyMethod = "close")
  @ConditionalOnProperty(
      name = "stressflow.chamber.simulated",
      havingValue = "true",
      matchIfMissing = true)
  ChamberSimulator chamberSimulator(
      ChamberProperties properties, RegisterMap map, Clock clock, TimeScale timeScale) {
    try {
      return ChamberSimulator.start(
          SimulatorConfig.create(
              b -> {
                b.registerMap = map;
                b.port = properties.port();
                b.unitId = properties.unitId();
                b.clock = clock;
                b.timeScale = timeScale.factor();
                b.transport = properties.transport();
              }));
    } catch (IllegalStateException e) {
      throw new ConfigurationProblem(
          "stressflow.chamber.port",
          "the simulated chamber cannot listen: " + e.getMessage(),
          "Set stressflow.chamber.port to a free port, or to 0 to pick one.",
          e);
    }
  }

  @Bean
  ChamberLimits chamberLimits(ChamberProperties properties) {
    try {
      return properties.limits().toChamberLimits();
    } catch (IllegalArgumentException e) {
      throw new ConfigurationProblem(
          "stressflow.chamber.limits",
          e.getMessage(),
          "Set the chamber's rated envelope from its data sheet (see README, Configuration).",
          e);
    }
  }

  /**
   * The chamber the app drives: the Modbus driver, wrapped in {@link HostRampChamber} so that a
   * ramp on a controller without a ramp-rate register is stepped by the host at the plan's rate (in
   * profile time: the app's clock times the time scale). On a map with the register the wrapper
   * passes everything through.
   */
  @Bean(destroyMethod = "close")
  Chamber chamber(
      ChamberProperties properties,
      RegisterMap map,
      ChamberLimits limits,
      ObjectProvider<ChamberSimulator> simulator,
      Clock clock,
      TimeScale timeScale) {
    ChamberSimulator sim = simulator.getIfAvailable();
    String host = sim != null ? "127.0.0.1" : properties.host();
    int port = sim != null ? sim.port() : properties.port();
    ModbusChamber modbus;
    try {
      modbus =
          ModbusChamber.connect(
              ModbusChamberConfig.create(
                  b -> {
                    b.host = host;
                    b.port = port;
                    b.unitId = properties.unitId();
                    b.name = properties.id();
                    b.requestTimeout = properties.requestTimeout();
                    b.registerMap = map;
                    b.transport = properties.transport();
                    b.limits = limits;
                  }));
    } catch (ChamberException e) {
      throw new ConfigurationProblem(
          "stressflow.chamber.host",
          "cannot reach chamber '%s' at %s:%d: %s"
              .formatted(properties.id(), host, port, e.getMessage()),
          "Check stressflow.chamber.host and stressflow.chamber.port, that the controller is"
              + " powered and its Modbus TCP server enabled, or set stressflow.chamber.simulated"
              + "=true.",
          e);
    }
    return HostRampChamber.around(modbus, clock, timeScale.factor());
  }
}
