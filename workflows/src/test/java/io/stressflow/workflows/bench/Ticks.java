package io.stressflow.workflows.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.JobListener;

/**
 * The profile-tick figures of the benchmarks, from ticks recorded by a Quartz job listener on the
 * application's scheduler: each tick is {@code {run, due, fired, ended}} (run index, then epoch
 * ms).
 */
final class Ticks {

  private Ticks() {}

  /** Where a listener's ticks go. */
  interface Sink {
    /** One tick of run {@code run}: due (scheduled fire time), fired and ended, epoch ms. */
    void tick(String run, long due, long fired, long ended);
  }

  /**
   * A Quartz job listener reporting each executed tick (jobs without a scheduled fire time are
   * skipped); register it on the profile job group.
   *
   * @param name the listener's name.
   * @param sink where the ticks go.
   * @return the listener.
   */
  static JobListener listener(String name, Sink sink) {
    return new JobListener() {
      @Override
      public String getName() {
        return name;
      }

      @Override
      public void jobToBeExecuted(JobExecutionContext context) {}

      @Override
      public void jobExecutionVetoed(JobExecutionContext context) {}

      @Override
      public void jobWasExecuted(JobExecutionContext context, JobExecutionException e) {
        long end = System.currentTimeMillis();
        if (context.getScheduledFireTime() == null) {
          return;
        }
        sink.tick(
            context.getJobDetail().getKey().getName(),
            context.getScheduledFireTime().getTime(),
            context.getFireTime().getTime(),
            end);
      }
    };
  }

  /**
   * The figures of a window.
   *
   * @param held runs ticked at every second of the window (no skipped due second), each tick ended
   *     within its second.
   * @param ticks ticks due in the window.
   * @param lags due → ended, sorted, ms.
   * @param startLags due → fired, sorted, ms.
   * @param durations fired → ended, sorted, ms.
   */
  record Figures(int held, int ticks, long[] lags, long[] startLags, long[] durations) {

    double ticksPerSecond(long windowMillis) {
      return ticks * 1000.0 / windowMillis;
    }

    double lag(double q) {
      return percentile(lags, q);
    }

    double maxLag() {
      return lags.length == 0 ? 0 : lags[lags.length - 1];
    }
  }

  /**
   * Figures of the ticks due in [{@code from}, {@code to}).
   *
   * @param ticks the recorded ticks.
   * @param from window start, epoch ms.
   * @param to window end, epoch ms.
   * @return the figures.
   */
  static Figures window(Collection<long[]> ticks, long from, long to) {
    int seconds = (int) ((to - from) / 1000);
    Map<Long, List<long[]>> perRun = new HashMap<>();
    List<Long> lagList = new ArrayList<>();
    List<Long> startLagList = new ArrayList<>();
    List<Long> durationList = new ArrayList<>();
    for (long[] t : ticks) {
      if (t[1] >= from && t[1] < to) {
        perRun.computeIfAbsent(t[0], k -> new ArrayList<>()).add(t);
        lagList.add(t[3] - t[1]);
        startLagList.add(t[2] - t[1]);
        durationList.add(t[3] - t[2]);
      }
    }
    int held = 0;
    for (List<long[]> ts : perRun.values()) {
      ts.sort((a, b) -> Long.compare(a[1], b[1]));
      boolean ok = ts.size() >= seconds - 1;
      for (int k = 0; ok && k < ts.size(); k++) {
        long[] t = ts.get(k);
        if (t[3] - t[1] >= 1000) {
          ok = false;
        }
        if (k > 0 && t[1] - ts.get(k - 1)[1] > 1100) {
          ok = false;
        }
      }
      if (ok) {
        held++;
      }
    }
    return new Figures(
        held, lagList.size(), sorted(lagList), sorted(startLagList), sorted(durationList));
  }

  /** The q-quantile of sorted values (0 when there are none). */
  static double percentile(long[] sorted, double q) {
    if (sorted.length == 0) {
      return 0;
    }
    return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  }

  private static long[] sorted(List<Long> values) {
    return values.stream().mapToLong(Long::longValue).sorted().toArray();
  }
}
