package io.stressflow.workflows.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.stressflow.chamber.ChamberState;
import io.stressflow.chamber.OperatingMode;
import io.stressflow.workflows.plan.Durations;
import io.stressflow.workflows.plan.Leg;
import io.stressflow.workflows.plan.PresetLibrary;
import io.stressflow.workflows.plan.Segment;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * A profile's steps answered lazily are the steps the unrolled profile had, and a run stored with a
 * billion cycles is stepped, estimated and viewed in bounded memory and time.
 */
class LazyProfileTest {

  private static final Function<String, Duration> DURATIONS = Durations::parse;

  /** Ramps by duration, soaks before the first ramp of a repeat, nested and empty repeats. */
  private static final Leg.Profile TRICKY =
      new Leg.Profile(
          List.of(
              new Segment.Soak("PT5M", null, null),
              new Segment.Humidity(85.0, 3.0, null),
              new Segment.Ramp(60.0, null, "PT20M"),
              new Segment.Repeat(
                  3,
                  List.of(
                      new Segment.Soak("PT10M", new Segment.Band(0, 3), Segment.MeasuredOn.AIR),
                      new Segment.Ramp(85.0, null, "PT15M", 1.0),
                      new Segment.Repeat(
                          2,
                          List.of(
                              new Segment.Ramp(-40.0, null, "PT30M"),
                              new Segment.Soak("PT15M", null, null),
                              new Segment.Humidity(null, null, true),
                              new Segment.Ramp(10.0, 5.0, null))),
                      new Segment.Repeat(0, List.of(new Segment.Ramp(150.0, 1.0, null))),
                      new Segment.Soak("PT20M", null, null))),
              new Segment.Repeat(2, List.of(new Segment.Soak("PT1M", null, null))),
              new Segment.Ramp(23.0, null, null),
              new Segment.Repeat(
                  2,
                  List.of(
                      new Segment.Repeat(
                          2,
                          List.of(
                              new Segment.Soak("PT2M", null, null),
                              new Segment.Ramp(-10.0, null, "PT3M"))))),
              new Segment.Soak("PT30M", null, null)),
          null);

  @Test
  void shouldGiveTheStepsOfTheUnrolledProfile() {
    List<Leg.Profile> profiles = new ArrayList<>(List.of(TRICKY));
    for (Leg preset : PresetLibrary.load().values()) {
      if (preset.profile() != null) {
        profiles.add(preset.profile());
      }
    }

    for (Leg.Profile profile : profiles) {
      List<ProfileStep> unrolled = unroll(profile);
      LazyProfile lazy = ProfileSteps.of(profile, DURATIONS);

      assertThat(lazy.size()).isEqualTo(unrolled.size()).isEqualTo(ProfileSteps.count(profile));
      for (int i = 0; i < unrolled.size(); i++) {
        assertThat(lazy.get(i)).as("step %d of %s", i, profile).isEqualTo(unrolled.get(i));
      }
      List<ProfileStep> walked = new ArrayList<>();
      lazy.forEach(walked::add);
      assertThat(walked).isEqualTo(unrolled);
    }
  }

  @Test
  void shouldFoldNominalHoursAndSoakSetpointsAsTheUnrolledProfile() {
    List<ProfileStep> unrolled = unroll(TRICKY);
    LazyProfile lazy = ProfileSteps.of(TRICKY, DURATIONS);

    double hours = 0;
    double temperature = 23;
    Set<Double> soakSetpoints = new HashSet<>();
    Double firstRate = null;
    for (int i = 0; i < unrolled.size(); i++) {
      assertThat(lazy.nominalHoursBefore(i))
          .as("hours before step %d", i)
          .isCloseTo(hours, within(1e-9));
      ProfileStep s = unrolled.get(i);
      if (s instanceof ProfileStep.Ramp r) {
        hours += Math.abs(r.to() - temperature) / (r.rate() == null ? 10.0 : r.rate()) / 60.0;
        temperature = r.to();
        firstRate = firstRate == null ? r.rate() : firstRate;
      } else if (s instanceof ProfileStep.Soak k) {
        hours += k.duration().toMillis() / 3_600_000.0;
        soakSetpoints.add(temperature);
      }
    }
    assertThat(lazy.nominalHours()).isCloseTo(hours, within(1e-9));
    assertThat(lazy.nominalHoursBefore(unrolled.size())).isCloseTo(hours, within(1e-9));
    assertThat(lazy.soakSetpoints()).isEqualTo(soakSetpoints);
    assertThat(lazy.firstRate()).isEqualTo(firstRate);
    assertThat(lazy.humid()).isTrue();
  }

  @Test
  void shouldStepEstimateAndViewABillionCyclesInBoundedMemoryAndTime() {
    // a run stored before the plan bounds existed: 10^9 cycles of a GR-468-like cycle
    long cycles = 1_000_000_000L;
    Leg.Profile billion =
        new Leg.Profile(
            List.of(
                new Segment.Repeat(
                    (int) cycles,
                    List.of(
                        new Segment.Ramp(-40.0, 10.0, null),
                        new Segment.Soak("PT30M", null, null),
                        new Segment.Ramp(85.0, null, "PT25M"),
                        new Segment.Soak("PT30M", null, null)))),
            null);
    Leg leg =
        new Leg(
            "tc",
            "TC",
            null,
            "TEMPERATURE_CYCLING",
            List.of("M1"),
            "c1",
            null,
            null,
            billion,
            null,
            null,
            null,
            null,
            null);

    assertTimeoutPreemptively(
        Duration.ofSeconds(5),
        () -> {
          long allocatedBefore = allocatedBytes();
          ProfileSteps steps = ProfileSteps.of(billion, DURATIONS);
          // nothing proportional to the count is built: the steps are no collection at all
          assertThat(steps).isNotInstanceOf(Collection.class);
          assertThat(steps.size()).isEqualTo(5 * cycles).isGreaterThan(Integer.MAX_VALUE);
          assertThat(steps.get(5 * cycles - 1)).isEqualTo(new ProfileStep.CycleEnd(cycles));
          assertThat(steps.get(5 * (cycles - 1) + 2))
              .isEqualTo(new ProfileStep.Ramp(85, 5.0, 1.0, null, true));

          // stepped: a tick far beyond an int's range ends the last soak, then counts the cycle
          ProfileExecutor executor = new ProfileExecutor(steps, null, 60, Duration.ofSeconds(5));
          Instant now = Instant.parse("2026-11-25T00:00:00Z");
          ProfileProgress lastSoak =
              new ProfileProgress(
                  5 * cycles - 2,
                  true,
                  85,
                  null,
                  null,
                  cycles - 1,
                  1770,
                  3600.0 * cycles - 30,
                  true,
                  now,
                  null,
                  0,
                  false,
                  false,
                  null);
          ProfileExecutor.Tick tick =
              executor.tick(lastSoak, reading(now.plusSeconds(1), 85), now.plusSeconds(1));
          assertThat(tick.progress().done()).isTrue();
          assertThat(tick.progress().cycles()).isEqualTo(cycles);
          assertThat(tick.progress().step()).isEqualTo(5 * cycles);

          // estimated (and so viewed: a campaign view estimates its runs this way)
          double perCycle = 125 / 10.0 / 60 + 0.5 + 25 / 60.0 + 0.5;
          RunEstimate none = RunEstimate.of(leg, null);
          // the first cycle ramps from ambient (63 K), every later one from 85 °C (125 K)
          double total = perCycle * cycles - 125 / 10.0 / 60 + 63 / 10.0 / 60;
          assertThat(none.totalHours()).isCloseTo(total, within(1e-3));
          RunEstimate half = RunEstimate.of(leg, lastSoak.withStep(5 * cycles / 2));
          assertThat(half.fraction()).isCloseTo(0.5, within(1e-6));
          assertThat(RunEstimate.of(leg, lastSoak).remainingHours())
              .isCloseTo(0.5 / 60, within(1e-3));

          long allocated = allocatedBytes() - allocatedBefore;
          assertThat(allocated).as("bytes allocated").isLessThan(16L << 20);
        });
  }

  private static ChamberState reading(Instant at, double temperature) {
    return new ChamberState(
        at,
        temperature,
        temperature,
        temperature,
        null,
        null,
        OperatingMode.RUNNING,
        Set.of(),
        false);
  }

  private static long allocatedBytes() {
    return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
        .getCurrentThreadAllocatedBytes();
  }

  /** The unrolling the runs used before they walked profiles lazily: the reference. */
  private static List<ProfileStep> unroll(Leg.Profile profile) {
    List<ProfileStep> steps = new ArrayList<>();
    double[] temperature = {23.0};
    long cycles = 0;
    for (Segment s : profile.segments()) {
      if (s instanceof Segment.Repeat r) {
        for (int i = 0; i < r.count(); i++) {
          unroll(r.segments(), steps, temperature, true);
          steps.add(new ProfileStep.CycleEnd(++cycles));
        }
      } else {
        unroll(List.of(s), steps, temperature, false);
      }
    }
    return steps;
  }

  private static void unroll(
      List<Segment> segments, List<ProfileStep> steps, double[] temperature, boolean inCycle) {
    for (Segment s : segments) {
      if (s instanceof Segment.Ramp r) {
        Double rate = r.rate();
        if (rate == null && r.duration() != null) {
          double minutes = DURATIONS.apply(r.duration()).toMillis() / 60000.0;
          rate = minutes > 0 ? Math.max(0.01, Math.abs(r.to() - temperature[0]) / minutes) : null;
        }
        steps.add(
            new ProfileStep.Ramp(
                r.to(), rate, ProfileStep.RAMP_TOLERANCE, r.rateTolerance(), inCycle));
        temperature[0] = r.to();
      } else if (s instanceof Segment.Soak k) {
        double below = k.band() == null ? ProfileStep.DEFAULT_BAND : k.band().below();
        double above = k.band() == null ? ProfileStep.DEFAULT_BAND : k.band().above();
        steps.add(
            new ProfileStep.Soak(
                DURATIONS.apply(k.duration()),
                below,
                above,
                k.measuredOn() != Segment.MeasuredOn.AIR));
      } else if (s instanceof Segment.Humidity h) {
        steps.add(new ProfileStep.Humidity(h.switchesOff() ? null : h.setpoint(), h.tolerance()));
      } else if (s instanceof Segment.Repeat r) {
        for (int i = 0; i < r.count(); i++) {
          unroll(r.segments(), steps, temperature, inCycle);
        }
      }
    }
  }
}
