package io.stressflow.chamber.simulator;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** One daemon thread that ticks every simulator in the JVM. */
final class SimulatorTicker {

  private static final ScheduledExecutorService SCHEDULER =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "chamber-simulator-tick");
            t.setDaemon(true);
            return t;
          });

  private SimulatorTicker() {}

  static ScheduledExecutorService scheduler() {
    return SCHEDULER;
  }
}
