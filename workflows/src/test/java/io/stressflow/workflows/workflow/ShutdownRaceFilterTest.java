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

  @Test
  void shouldLogTheReactorsConcurrentModificationAtShutdownAsAWarning() {
    ShutdownRaceFilter.install();
    Logger http = LoggerFactory.getLogger(ShutdownRaceFilter.LOGGER);
    java.util.ConcurrentModificationException race =
        new java.util.ConcurrentModificationException();
    race.setStackTrace(
        new StackTraceElement[] {
          new StackTraceElement("java.util.HashMap$HashIterator", "nextNode", "HashMap.java", 1597),
          new StackTraceElement("java.util.HashMap$KeyIterator", "next", "HashMap.java", 1620),
          new StackTraceElement(
              "org.apache.hc.core5.reactor.SingleCoreIOReactor",
              "processEvents",
              "SingleCoreIOReactor.java",
              172)
        });
    try (ErrorLog log = ErrorLog.open()) {
      http.error(null, race);
      assertThat(log.errors()).as("the reactor's shutdown race is not an ERROR").isEmpty();
      // the same exception from anywhere else still is
      http.error(null, new java.util.ConcurrentModificationException());
      assertThat(log.errors()).hasSize(1);
    }
  }
}
