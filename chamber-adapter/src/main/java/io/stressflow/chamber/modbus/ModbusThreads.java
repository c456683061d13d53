package io.stressflow.chamber.modbus;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one executor on which digitalpetri completes requests and runs server handlers, for every
 * driver and simulator in the JVM. digitalpetri's default is an unbounded cached pool, which under
 * CPU starvation grows to hundreds of threads when a thousand chambers are polled; this one is
 * fixed at {@code max(2, cores)} daemon threads. Nothing that runs on it may block: callbacks on
 * {@code readAsync()} and friends must not call the synchronous methods.
 */
public final class ModbusThreads {

  private static final ExecutorService EXECUTOR =
      Executors.newFixedThreadPool(
          Math.max(2, Runtime.getRuntime().availableProcessors()),
          new ThreadFactory() {
            private final AtomicInteger count = new AtomicInteger();

            @Override
            public Thread newThread(Runnable r) {
              Thread t = new Thread(r, "stressflow-modbus-" + count.incrementAndGet());
              t.setDaemon(true);
              return t;
            }
          });

  private ModbusThreads() {}

  /**
   * The shared executor.
   *
   * @return a fixed pool of daemon threads.
   */
  public static ExecutorService executor() {
    return EXECUTOR;
  }
}
