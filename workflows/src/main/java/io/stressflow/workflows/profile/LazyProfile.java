package io.stressflow.workflows.profile;

import io.stressflow.workflows.plan.Leg;
import io.stressflow.workflows.plan.Segment;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * A plan profile's steps, answered by arithmetic over its repeat counts instead of unrolled: memory
 * and the time to find any step grow with the plan's segments and nesting, never with its repeat
 * counts. Also folds the profile for estimates (its nominal hours up to any step) the same way.
 *
 * <p>Each list of segments is kept as a block with the number of steps before each of its segments;
 * step {@code n} is found by descending from the top block, one binary search per nesting level,
 * dividing by a repeat's steps per repetition to find the repetition and the offset within it. The
 * temperature a ramp starts from (needed for a ramp given by duration, and for its nominal time) is
 * the target of the last ramp before it: within its block, else the block's last ramp when the
 * repetition is not the first, else what stood before the repeat.
 */
public final class LazyProfile implements ProfileSteps {

  /** Ramp rate assumed for a ramp given without one (as fast as the chamber goes), K/min. */
  static final double UNSPECIFIED_RATE = 10.0;

  /** The air temperature a profile starts from, degC. */
  private static final double AMBIENT = 23.0;

  /** Where step counts saturate. */
  private static final long SATURATED = Long.MAX_VALUE / 2;

  private final Block root;
  private final Set<Double> soakSetpoints = new LinkedHashSet<>();
  private boolean humid;
  private Double firstRate;

  LazyProfile(Leg.Profile profile, Function<String, Duration> durations) {
    this.root = new Block(profile.segments(), durations, 0);
    survey(root, Set.of(AMBIENT), AMBIENT);
  }

  @Override
  public long size() {
    return root.size;
  }

  @Override
  public ProfileStep get(long index) {
    if (index < 0 || index >= root.size) {
      throw new IndexOutOfBoundsException("no step " + index + " of " + root.size);
    }
    Block b = root;
    double before = AMBIENT;
    long n = index;
    while (true) {
      int i = b.nodeAt(n);
      n -= b.stepsBefore[i];
      Node e = b.nodes[i];
      double from = b.targetBefore[i] != null ? b.targetBefore[i] : before;
      if (e.body == null) {
        return e.step(from);
      }
      long r = n / e.perRepetition;
      long m = n % e.perRepetition;
      if (b == root && m == e.body.size) {
        return new ProfileStep.CycleEnd(b.cyclesBefore[i] + r + 1);
      }
      before = r == 0 || e.body.last == null ? from : e.body.last;
      b = e.body;
      n = m;
    }
  }

  /**
   * The profile's nominal hours: ramps weigh their distance over their rate (an unspecified rate
   * counts as 10 K/min), soaks their duration.
   *
   * @return hours.
   */
  public double nominalHours() {
    return root.hours(AMBIENT);
  }

  /**
   * The nominal hours of the steps before step {@code index}.
   *
   * @param index from 0; {@link #size()} or more gives {@link #nominalHours()}.
   * @return hours.
   */
  public double nominalHoursBefore(long index) {
    Block b = root;
    double before = AMBIENT;
    long n = Math.max(0, index);
    double hours = 0;
    while (true) {
      if (n >= b.size) {
        return hours + b.hours(before);
      }
      int i = b.nodeAt(n);
      n -= b.stepsBefore[i];
      hours += b.hoursBefore(i, before);
      Node e = b.nodes[i];
      if (e.body == null) {
        return hours;
      }
      double from = b.targetBefore[i] != null ? b.targetBefore[i] : before;
      double later = e.body.last == null ? from : e.body.last;
      long r = n / e.perRepetition;
      long m = n % e.perRepetition;
      if (r > 0) {
        hours += e.body.hours(from) + (r - 1) * e.body.hours(later);
      }
      before = r == 0 ? from : later;
      b = e.body;
      n = m;
    }
  }

  /**
   * The setpoints soaks are held at (the target of the ramp before each, or ambient), each once.
   *
   * @return degC.
   */
  public Set<Double> soakSetpoints() {
    return Set.copyOf(soakSetpoints);
  }

  /**
   * Whether any step switches humidity on.
   *
   * @return true when the profile uses humidity.
   */
  public boolean humid() {
    return humid;
  }

  /**
   * The rate of the first ramp that has one, K/min, or null.
   *
   * @return K/min or null.
   */
  public Double firstRate() {
    return firstRate;
  }

  /** Records the soak setpoints, humidity and first ramp rate, visiting each segment once. */
  private void survey(Block b, Set<Double> entry, double first) {
    Set<Double> current = entry;
    double firstBefore = first;
    for (Node e : b.nodes) {
      if (e.body != null) {
        if (e.count == 0) {
          continue;
        }
        Set<Double> bodyEntry = new LinkedHashSet<>(current);
        if (e.count > 1 && e.body.last != null) {
          bodyEntry.add(e.body.last);
        }
        survey(e.body, bodyEntry, firstBefore);
        if (e.body.last != null) {
          current = Set.of(e.body.last);
          firstBefore = e.body.last;
        }
      } else if (e.isSoak) {
        soakSetpoints.addAll(current);
      } else if (e.step instanceof ProfileStep.Humidity h) {
        humid |= h.setpoint() != null;
      } else if (e.rampTo != null) {
        if (firstRate == null) {
          firstRate = ((ProfileStep.Ramp) e.step(firstBefore)).rate();
        }
        current = Set.of(e.rampTo);
        firstBefore = e.rampTo;
      }
    }
  }

  /** One segment: a step, or a repeat of a block. */
  private static final class Node {
    /** The step, when it does not depend on the temperature before it; else null. */
    final ProfileStep step;

    /** A ramp's target, degC, or null. */
    final Double rampTo;

    final Double rampRate;
    final Double rateTolerance;
    final double rampMinutes;
    final boolean inCycle;
    final boolean isSoak;

    /** A repeat's block, or null for a step. */
    final Block body;

    final long count;

    /** Steps per repetition (with the cycle end at the top level). */
    final long perRepetition;

    /** Steps in all. */
    final long size;

    /** The first ramp of this segment unrolled (itself for a ramp), or null. */
    final Node firstRamp;

    /** Nominal hours of this segment unrolled, leaving out its first ramp's. */
    final double fixedHours;

    Node(Segment s, Function<String, Duration> durations, int depth) {
      inCycle = depth > 0;
      if (s instanceof Segment.Repeat r) {
        count = r.count() == null ? 0 : Math.max(0, r.count());
        body = new Block(r.segments(), durations, depth + 1);
        perRepetition = add(body.size, depth == 0 ? 1 : 0);
        size = multiply(count, perRepetition);
        step = null;
        rampTo = null;
        rampRate = null;
        rateTolerance = null;
        rampMinutes = 0;
        isSoak = false;
        firstRamp = count == 0 ? null : body.firstRamp;
        double later =
            body.firstRamp == null || count == 0
                ? 0
                : (count - 1) * body.firstRamp.hoursFrom(body.last);
        fixedHours = count * body.fixedHours() + later;
        return;
      }
      body = null;
      count = 1;
      perRepetition = 1;
      size = 1;
      if (s instanceof Segment.Ramp r) {
        rampTo = r.to();
        rampRate = r.rate();
        rateTolerance = r.rateTolerance();
        rampMinutes =
            r.rate() == null && r.duration() != null
                ? durations.apply(r.duration()).toMillis() / 60000.0
                : Double.NaN;
        step =
            Double.isNaN(rampMinutes)
                ? new ProfileStep.Ramp(
                    r.to(), r.rate(), ProfileStep.RAMP_TOLERANCE, r.rateTolerance(), inCycle)
                : null;
        isSoak = false;
        firstRamp = this;
        fixedHours = 0;
        return;
      }
      rampTo = null;
      rampRate = null;
      rateTolerance = null;
      rampMinutes = Double.NaN;
      firstRamp = null;
      if (s instanceof Segment.Soak k) {
        double below = k.band() == null ? ProfileStep.DEFAULT_BAND : k.band().below();
        double above = k.band() == null ? ProfileStep.DEFAULT_BAND : k.band().above();
        boolean onLoad = k.measuredOn() != Segment.MeasuredOn.AIR;
        ProfileStep.Soak soak =
            new ProfileStep.Soak(durations.apply(k.duration()), below, above, onLoad);
        step = soak;
        isSoak = true;
        fixedHours = soak.duration().toMillis() / 3_600_000.0;
      } else {
        Segment.Humidity h = (Segment.Humidity) s;
        step = new ProfileStep.Humidity(h.switchesOff() ? null : h.setpoint(), h.tolerance());
        isSoak = false;
        fixedHours = 0;
      }
    }

    /** The step, a ramp starting from {@code from} degC. */
    ProfileStep step(double from) {
      if (step != null) {
        return step;
      }
      Double rate = rampMinutes > 0 ? Math.max(0.01, Math.abs(rampTo - from) / rampMinutes) : null;
      return new ProfileStep.Ramp(rampTo, rate, ProfileStep.RAMP_TOLERANCE, rateTolerance, inCycle);
    }

    /** Nominal hours of this ramp starting from {@code from} degC. */
    double hoursFrom(double from) {
      Double rate = ((ProfileStep.Ramp) step(from)).rate();
      return Math.abs(rampTo - from) / (rate == null ? UNSPECIFIED_RATE : rate) / 60.0;
    }
  }

  /** A list of segments, with what is known before each of them. */
  private static final class Block {
    final Node[] nodes;

    /** Steps before each segment; one more entry than segments. */
    final long[] stepsBefore;

    /** The last ramp target before each segment within this block, or null. */
    final Double[] targetBefore;

    /** Cycles completed before each segment (top block only). */
    final long[] cyclesBefore;

    /** Nominal hours before each segment, leaving out the block's first ramp. */
    final double[] fixedBefore;

    /** The block's last ramp target, or null when it ramps nowhere. */
    final Double last;

    final long size;

    /** The index of the segment holding the block's first ramp, or -1. */
    final int firstRampAt;

    final Node firstRamp;

    Block(List<Segment> segments, Function<String, Duration> durations, int depth) {
      int k = segments.size();
      nodes = new Node[k];
      stepsBefore = new long[k + 1];
      targetBefore = new Double[k + 1];
      cyclesBefore = new long[k + 1];
      fixedBefore = new double[k + 1];
      int first = -1;
      for (int i = 0; i < k; i++) {
        Node e = new Node(segments.get(i), durations, depth);
        nodes[i] = e;
        stepsBefore[i + 1] = add(stepsBefore[i], e.size);
        cyclesBefore[i + 1] = add(cyclesBefore[i], e.body != null ? e.count : 0);
        Double target =
            e.rampTo != null ? e.rampTo : e.body != null && e.count > 0 ? e.body.last : null;
        targetBefore[i + 1] = target != null ? target : targetBefore[i];
        double hours = e.fixedHours;
        if (e.firstRamp != null) {
          if (first < 0) {
            first = i;
          } else {
            hours += e.firstRamp.hoursFrom(targetBefore[i]);
          }
        }
        fixedBefore[i + 1] = fixedBefore[i] + hours;
      }
      firstRampAt = first;
      firstRamp = first < 0 ? null : nodes[first].firstRamp;
      last = targetBefore[k];
      size = stepsBefore[k];
    }

    /** The segment holding step {@code n} of this block (0 &le; n &lt; size). */
    int nodeAt(long n) {
      int lo = 0;
      int hi = nodes.length - 1;
      while (lo < hi) {
        int mid = (lo + hi + 1) >>> 1;
        if (stepsBefore[mid] <= n) {
          lo = mid;
        } else {
          hi = mid - 1;
        }
      }
      return lo;
    }

    double fixedHours() {
      return fixedBefore[nodes.length];
    }

    /** Nominal hours of the segments before segment {@code i}, entered from {@code from} degC. */
    double hoursBefore(int i, double from) {
      return fixedBefore[i] + (firstRampAt >= 0 && firstRampAt < i ? firstRamp.hoursFrom(from) : 0);
    }

    /** Nominal hours of the whole block entered from {@code from} degC. */
    double hours(double from) {
      return hoursBefore(nodes.length, from);
    }
  }

  static long count(Leg.Profile profile) {
    long n = 0;
    for (Segment s : profile.segments()) {
      if (s instanceof Segment.Repeat r) {
        long times = r.count() == null ? 0 : Math.max(0, r.count());
        n = add(n, multiply(times, add(count(r.segments()), 1)));
      } else {
        n = add(n, 1);
      }
    }
    return n;
  }

  private static long count(List<Segment> segments) {
    long n = 0;
    for (Segment s : segments) {
      if (s instanceof Segment.Repeat r) {
        long times = r.count() == null ? 0 : Math.max(0, r.count());
        n = add(n, multiply(times, count(r.segments())));
      } else {
        n = add(n, 1);
      }
    }
    return n;
  }

  private static long add(long a, long b) {
    long r = a + b;
    return r < 0 ? SATURATED : Math.min(r, SATURATED);
  }

  private static long multiply(long a, long b) {
    if (a != 0 && b > SATURATED / a) {
      return SATURATED;
    }
    return a * b;
  }
}
