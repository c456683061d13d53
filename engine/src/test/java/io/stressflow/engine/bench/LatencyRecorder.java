package io.stressflow.engine.bench;

import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Create-to-complete times of one measured run: from just before the create request is sent to just
 * after the engine acknowledged the completion of the instance's last job (which, in both engines,
 * runs the instance to its end event in the same transaction). Also bounds the number of instances
 * in flight.
 */
final class LatencyRecorder {
  private final AtomicLongArray started;
  private final AtomicLongArray ended;
  private final Semaphore window;
  private final CountDownLatch done;
  private final AtomicInteger failures = new AtomicInteger();

  LatencyRecorder(final int count, final int window) {
    this.started = new AtomicLongArray(count);
    this.ended = new AtomicLongArray(count);
    this.window = new Semaphore(window);
    this.done = new CountDownLatch(count);
  }

  /** Waits for a free slot in the window, then marks instance {@code i} as started. */
  void starting(final int i) throws InterruptedException {
    window.acquire();
    started.set(i, System.nanoTime());
  }

  /** Called by the worker that completed the last task of instance {@code i}. */
  void completed(final int i) {
    if (i >= 0 && i < ended.length() && ended.compareAndSet(i, 0, System.nanoTime())) {
      window.release();
      done.countDown();
    }
  }

  /** The creation of instance {@code i} failed; it will not complete. */
  void failed(final int i) {
    if (ended.compareAndSet(i, 0, -1)) {
      failures.incrementAndGet();
      window.release();
      done.countDown();
    }
  }

  boolean await(final long timeout, final TimeUnit unit) throws InterruptedException {
    return done.await(timeout, unit);
  }

  int failures() {
    return failures.get();
  }

  long completedCount() {
    long count = 0;
    for (int i = 0; i < ended.length(); i++) {
      if (ended.get(i) > 0) {
        count++;
      }
    }
    return count;
  }

  /**
   * Returns a percentile of the create-to-complete latency of the completed instances.
   *
   * @param percentile in (0, 100].
   * @return milliseconds.
   */
  double percentileMillis(final double percentile) {
    final long[] latencies = new long[ended.length()];
    int n = 0;
    for (int i = 0; i < ended.length(); i++) {
      if (ended.get(i) > 0) {
        latencies[n++] = ended.get(i) - started.get(i);
      }
    }
    if (n == 0) {
      return Double.NaN;
    }
    final long[] sorted = Arrays.copyOf(latencies, n);
    Arrays.sort(sorted);
    final int index = (int) Math.ceil(percentile / 100.0 * n) - 1;
    return sorted[Math.max(0, Math.min(n - 1, index))] / 1e6;
  }
}
