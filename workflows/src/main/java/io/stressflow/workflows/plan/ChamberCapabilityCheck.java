package io.stressflow.workflows.plan;

import io.stressflow.chamber.registermap.MapCapabilities;
import io.stressflow.chamber.registermap.Signals;
import io.stressflow.workflows.plan.Segment.Humidity;
import io.stressflow.workflows.plan.Segment.Repeat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Refuses a leg whose profile needs something its chamber's controller does not have, by the
 * chamber's register map: a humidity setpoint on a controller without a humidity setpoint register
 * cannot be written at all. Each problem names the field, the chamber, the map and the missing
 * register.
 *
 * <p>What it deliberately lets through, because the app makes up for it:
 *
 * <ul>
 *   <li>A ramp rate on a map without a ramp-rate register: {@code HostRampChamber} steps the
 *       setpoint at the plan's rate on the host.
 *   <li>A soak measured on the load on a map without a load sensor: the profile measures the soak
 *       on the air instead (see {@code ProfileExecutor}), which credits the soak from the moment
 *       the air, not the load, is in the band.
 *   <li>"Humidity off" on a chamber without humidity: there is nothing to switch off.
 * </ul>
 */
public final class ChamberCapabilityCheck {

  private static final ChamberCapabilityCheck NONE =
      new ChamberCapabilityCheck(id -> Optional.empty());

  private final Function<String, Optional<MapCapabilities>> chambers;

  /**
   * Creates the check.
   *
   * @param chambers each known chamber's map capabilities by chamber id; empty for a chamber whose
   *     map is unknown (nothing is checked for it).
   */
  public ChamberCapabilityCheck(Function<String, Optional<MapCapabilities>> chambers) {
    this.chambers = chambers;
  }

  /**
   * A check that knows no chamber's map, so finds nothing.
   *
   * @return the check.
   */
  public static ChamberCapabilityCheck none() {
    return NONE;
  }

  /**
   * Checks one leg against every chamber it may run on.
   *
   * @param leg the leg, presets applied.
   * @param path the leg's field path, e.g. {@code legs[1]}.
   * @param problems where to add what is wrong.
   */
  void check(Leg leg, String path, Set<PlanProblem> problems) {
    if (leg.profile() == null || leg.profile().segments() == null) {
      return;
    }
    List<String> candidates = leg.chamber() != null ? List.of(leg.chamber()) : leg.chamberPool();
    for (String id : candidates) {
      Optional<MapCapabilities> capabilities = chambers.apply(id);
      capabilities.ifPresent(
          c -> walk(leg.profile().segments(), path + ".profile.segments", id, c, problems));
    }
  }

  private static void walk(
      List<Segment> segments,
      String path,
      String chamber,
      MapCapabilities capabilities,
      Set<PlanProblem> problems) {
    for (int i = 0; i < segments.size(); i++) {
      Segment s = segments.get(i);
      String p = path + "[" + i + "]";
      if (s instanceof Humidity h
          && !h.switchesOff()
          && h.setpoint() != null
          && !capabilities.humiditySetpoint()) {
        problems.add(
            new PlanProblem(
                p + ".humidity",
                ("chamber '%s' (register map '%s') has no humidity setpoint register ('%s' or"
                        + " '%s'), so it cannot set %s %%RH; assign a chamber that controls"
                        + " humidity")
                    .formatted(
                        chamber,
                        capabilities.model(),
                        Signals.HUMIDITY_SETPOINT,
                        Signals.HUMIDITY_SETPOINT_WRITE,
                        num(h.setpoint()))));
      } else if (s instanceof Repeat r && r.segments() != null) {
        walk(r.segments(), p + ".repeat.segments", chamber, capabilities, problems);
      }
    }
  }

  private static String num(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }
}
