package io.stressflow.workflows.support;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/**
 * Collects every ERROR logged anywhere in this JVM while it is open, so a test can fail on an error
 * that the application only logged (a Quartz thread's stack trace, say) instead of throwing.
 */
public final class ErrorLog extends AppenderBase<ILoggingEvent> implements AutoCloseable {

  private final List<String> errors = new CopyOnWriteArrayList<>();
  private final Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);

  private ErrorLog() {}

  /**
   * Starts collecting.
   *
   * @return the log; close it to stop collecting.
   */
  public static ErrorLog open() {
    ErrorLog log = new ErrorLog();
    log.setName("error-log");
    log.setContext(log.root.getLoggerContext());
    log.start();
    log.root.addAppender(log);
    return log;
  }

  @Override
  protected void append(ILoggingEvent event) {
    if (event.getLevel().isGreaterOrEqual(Level.ERROR)) {
      IThrowableProxy t = event.getThrowableProxy();
      errors.add(
          "["
              + event.getThreadName()
              + "] "
              + event.getLoggerName()
              + ": "
              + event.getFormattedMessage()
              + (t == null ? "" : " (" + t.getClassName() + ": " + t.getMessage() + ")"));
    }
  }

  /** The errors logged so far: logger, message and exception. */
  public List<String> errors() {
    return List.copyOf(errors);
  }

  @Override
  public void close() {
    root.detachAppender(this);
    stop();
  }
}
