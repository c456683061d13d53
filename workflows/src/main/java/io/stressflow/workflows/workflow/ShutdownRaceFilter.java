package io.stressflow.workflows.workflow;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

/**
 * Turns one known, harmless ERROR of the Camunda client's HTTP library into a DEBUG line.
 *
 * <p>When the client closes while a job worker's long poll is still open, Apache HttpClient 5.5's
 * I/O reactor terminates the connection and then releases its pool entry a second time, and logs
 * {@code IllegalStateException: Pool entry is not present in the set of leased entries} at ERROR
 * from {@code org.apache.hc.client5.http.impl.async}. Nothing is lost (the poll was being
 * abandoned), but an ERROR at every shutdown teaches people to ignore errors.
 *
 * <p>The same race sometimes shows as a {@code ConcurrentModificationException} thrown from the
 * reactor's own event loop ({@code SingleCoreIOReactor.processEvents}: the closing thread changes
 * the selector's key set while the reactor walks it), logged at ERROR by the same logger when the
 * abandoned poll ends; it is logged here at WARN instead. Every other event of that logger passes
 * unchanged.
 */
final class ShutdownRaceFilter extends TurboFilter {

  static final String LOGGER = "org.apache.hc.client5.http.impl.async";
  static final String MESSAGE = "Pool entry is not present in the set of leased entries";

  private static final org.slf4j.Logger log = LoggerFactory.getLogger(ShutdownRaceFilter.class);

  /** Installs the filter once in this JVM's Logback context (no-op under another logger). */
  static void install() {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return;
    }
    synchronized (ShutdownRaceFilter.class) {
      if (context.getTurboFilterList().stream().noneMatch(ShutdownRaceFilter.class::isInstance)) {
        ShutdownRaceFilter filter = new ShutdownRaceFilter();
        filter.setName("camunda-client-shutdown-race");
        filter.start();
        context.addTurboFilter(filter);
      }
    }
  }

  @Override
  public FilterReply decide(
      Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
    if (level == Level.ERROR
        && logger != null
        && LOGGER.equals(logger.getName())
        && t instanceof IllegalStateException
        && MESSAGE.equals(t.getMessage())) {
      log.debug("Camunda client closed during a long poll: {}", MESSAGE);
      return FilterReply.DENY;
    }
    if (level == Level.ERROR
        && logger != null
        && LOGGER.equals(logger.getName())
        && t instanceof java.util.ConcurrentModificationException
        && java.util.Arrays.stream(t.getStackTrace())
            .limit(4)
            .anyMatch(
                f ->
                    f.getClassName().equals("org.apache.hc.core5.reactor.SingleCoreIOReactor")
                        && f.getMethodName().equals("processEvents"))) {
      log.warn(
          "Camunda client's I/O reactor: ConcurrentModificationException in its event loop while"
              + " a closed client's long poll ended (an HttpClient shutdown race); nothing is lost");
      return FilterReply.DENY;
    }
    return FilterReply.NEUTRAL;
  }
}
