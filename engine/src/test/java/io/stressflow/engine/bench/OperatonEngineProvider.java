package io.stressflow.engine.bench;

import java.util.Set;
import org.operaton.bpm.engine.ProcessEngine;
import org.operaton.bpm.engine.rest.spi.ProcessEngineProvider;

/** Hands the benchmark's Operaton engine to Operaton's REST resources (found by ServiceLoader). */
public final class OperatonEngineProvider implements ProcessEngineProvider {
  private static volatile ProcessEngine engine;

  static void set(final ProcessEngine processEngine) {
    engine = processEngine;
  }

  @Override
  public ProcessEngine getDefaultProcessEngine() {
    return engine;
  }

  @Override
  public ProcessEngine getProcessEngine(final String name) {
    return engine != null && engine.getName().equals(name) ? engine : null;
  }

  @Override
  public Set<String> getProcessEngineNames() {
    return engine == null ? Set.of() : Set.of(engine.getName());
  }
}
