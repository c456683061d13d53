package io.stressflow.workflows.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.stressflow.workflows.support.ErrorLog;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class ShutdownRaceFilterTest {

  @Test
  void shouldDropOnlyTheHttpClientsDoubleReleaseAtShutdown() {
    ShutdownRaceFilter.install();
    ShutdownRaceFilter.install(); // once per JVM, however many applications start
    Logger http = LoggerFactory.getLogger(ShutdownRaceFilter.LOGGER);
    try (ErrorLog log = ErrorLog.open()) {
      http.error(ShutdownRaceFilter.MESSAGE, new IllegalStateException(ShutdownRaceFilter.MESSAGE));
      assertThat(log.errors()).as("the shutdown race is not an ERROR").isEmpty();

      http.error("I/O reactor failed", new IllegalStateException("something else"));
      LoggerFactory.getLogger("io.stressflow.elsewhere")
          .error(ShutdownRaceFilter.MESSAGE, new IllegalStateException(ShutdownRaceFilter.MESSAGE));
      assertThat(log.errors())
          .hasSize(2)
          .anySatisfy(e -> assertThat(e).contains("something else"))
          .anySatisfy(e -> assertThat(e).contains("io.stressflow.elsewhere"));
    }
  }
}
