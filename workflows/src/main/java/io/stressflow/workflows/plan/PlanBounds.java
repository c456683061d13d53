package io.stressflow.workflows.plan;

import io.stressflow.workflows.plan.Leg.ReadPoints;
import io.stressflow.workflows.plan.Segment.Humidity;
import io.stressflow.workflows.plan.Segment.Ramp;
import io.stressflow.workflows.plan.Segment.Repeat;
import io.stressflow.workflows.plan.Segment.Soak;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The size of a plan a lab can mean, checked before anything else looks at it. A plan inside these
 * bounds costs the validator, the profile runner and the database a bounded amount of memory and
 * time, and fits every column it is stored in; a plan outside them is refused with the field path
 * of each bound it breaks, and nothing else of it is checked (the other checks could be the
 * expensive part). Each cap says why it is where it is.
 */
public final class PlanBounds {

  /**
   * A plan's text, UTF-8 bytes: 1 MiB. A plan at the other caps (20,000 modules, 100 legs) is about
   * 0.9 MB; the YAML parser's work and the stored copy grow with it.
   */
  public static final int MAX_PLAN_BYTES = 1 << 20;

  /**
   * Cycles in one repeat: 100,000. GR-468 and JESD22-A104 ask for 500 to 2,000 temperature cycles;
   * power cycling runs to tens of thousands.
   */
  public static final int MAX_REPEAT_COUNT = 100_000;

  /**
   * A leg's profile unrolled into executable steps (repeats multiplied out, one step per cycle
   * end): 1,000,000; 2,000 cycles of four segments are 10,000. This bounds a leg's length, not the
   * runner's memory: runs walk their profile lazily, so even a run stored before this bound (10^9
   * cycles) costs what one cycle costs.
   */
  public static final long MAX_PROFILE_STEPS = 1_000_000;

  /** Repeats inside repeats: 8 deep. Standards nest at most two (a sub-cycle inside a cycle). */
  public static final int MAX_REPEAT_DEPTH = 8;

  /** Segments written in one leg's profile, counting those inside repeats once: 1,000. */
  public static final int MAX_SEGMENTS = 1_000;

  /** Legs in a plan: 100. A qualification has a handful (GR-468: about ten). */
  public static final int MAX_LEGS = 100;

  /** Read points in one leg: 1,000. */
  public static final int MAX_READ_POINTS = 1_000;

  /**
   * Modules in a plan, control samples included: 20,000. Each is read at every read point; the
   * sampling benchmark's rounds are 1,000 modules.
   */
  public static final int MAX_MODULES = 20_000;

  /** Lots in a plan: 100. */
  public static final int MAX_LOTS = 100;

  /**
   * A plan's lot ids together, separated by ", ": 1,000 characters, the campaign's lots column
   * (about 140 lot ids of five characters, 15 of the longest).
   */
  public static final int MAX_LOTS_TEXT = 1_000;

  /** Chambers in one leg's chamber pool: 100. */
  public static final int MAX_CHAMBER_POOL = 100;

  /**
   * Ids (serials, lots, legs, chambers, campaigns): at most 64 characters, the width of every id
   * column.
   */
  public static final int MAX_ID_LENGTH = 64;

  /**
   * What an id may contain: letters, digits, '.', '_' and '-'. Ids travel in URL paths, Quartz job
   * keys, file names of reports and log lines, where spaces, quotes and slashes break things.
   */
  public static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]+");

  /** Titles and names (the campaign, a leg's name, the product): 200 characters, their columns. */
  public static final int MAX_TITLE_LENGTH = 200;

  /** A product's part number: 64 characters, its column in the lot and module registry. */
  public static final int MAX_PART_NUMBER_LENGTH = 64;

  /** A product's revision: 16 characters. */
  public static final int MAX_REVISION_LENGTH = 16;

  /**
   * A product's description: 100 characters, so part number, description and revision together fit
   * the campaign's 200-character product column.
   */
  public static final int MAX_DESCRIPTION_LENGTH = 100;

  /** A lot's date code: 32 characters, its column. */
  public static final int MAX_DATE_CODE_LENGTH = 32;

  /** Free text (a source's note): 4,000 characters. */
  public static final int MAX_NOTE_LENGTH = 4_000;

  /** Short words (a stress kind, a preset name, a source's standard or clause): 200 characters. */
  public static final int MAX_WORD_LENGTH = 200;

  /** A duration as written ({@code PT30M}, {@code 1000h}): 64 characters. */
  public static final int MAX_DURATION_TEXT = 64;

  /**
   * Any one duration: 100,000 h (11.4 years). The longest standard stress is a few thousand hours;
   * a soak of 10^23 days overflowed the arithmetic of estimates and timers after launch.
   */
  public static final Duration MAX_DURATION = Duration.ofHours(100_000);

  /**
   * The in-situ polling interval: at least one minute of profile time. Reading every module's CMIS
   * pages takes tens of milliseconds per module, and a zero interval would poll without pause.
   */
  public static final Duration MIN_IN_SITU = Duration.ofMinutes(1);

  /** Problems listed at most; a plan with more gets a count of the rest. */
  public static final int MAX_PROBLEMS = 100;

  private final List<PlanProblem> problems = new ArrayList<>();
  private int more;

  private PlanBounds() {}

  /**
   * Checks a plan (presets applied) against every bound.
   *
   * @param plan the plan.
   * @return each bound it breaks with its field path; empty when it is inside all of them.
   */
  public static List<PlanProblem> check(CampaignPlan plan) {
    PlanBounds b = new PlanBounds();
    b.plan(plan);
    if (b.more > 0) {
      b.problems.add(
          new PlanProblem(
              "(plan)", "%d more problems are not listed; fix these first".formatted(b.more)));
    }
    return List.copyOf(b.problems);
  }

  /**
   * Why a value cannot be an id, or null when it can.
   *
   * @param value the id.
   * @return the problem (without the field name), or null.
   */
  public static String idProblem(String value) {
    if (value == null || value.isEmpty()) {
      return "is required";
    }
    if (value.length() > MAX_ID_LENGTH) {
      return "must be at most %d characters, but has %d".formatted(MAX_ID_LENGTH, value.length());
    }
    if (!ID.matcher(value).matches()) {
      return "may contain only letters, digits, '.', '_' and '-', but was '%s'".formatted(value);
    }
    return null;
  }

  /**
   * Why a text cannot be stored in a column of {@code max} characters, or null when it can.
   *
   * @param value the text, or null (allowed).
   * @param max the longest allowed.
   * @return the problem (without the field name), or null.
   */
  public static String lengthProblem(String value, int max) {
    return value != null && value.length() > max
        ? "must be at most %d characters, but has %d".formatted(max, value.length())
        : null;
  }

  private void plan(CampaignPlan plan) {
    text("campaign", plan.campaign(), MAX_TITLE_LENGTH);
    if (plan.product() != null) {
      text("product.partNumber", plan.product().partNumber(), MAX_PART_NUMBER_LENGTH);
      text("product.description", plan.product().description(), MAX_DESCRIPTION_LENGTH);
      text("product.revision", plan.product().revision(), MAX_REVISION_LENGTH);
    }
    if (count("lots", plan.lots().size(), MAX_LOTS)) {
      long text = 0;
      for (int i = 0; i < plan.lots().size(); i++) {
        CampaignPlan.Lot lot = plan.lots().get(i);
        id("lots[" + i + "].id", lot.id());
        text("lots[" + i + "].dateCode", lot.dateCode(), MAX_DATE_CODE_LENGTH);
        text += (i == 0 ? 0 : 2) + (lot.id() == null ? 0 : lot.id().length());
      }
      if (text > MAX_LOTS_TEXT) {
        problem(
            "lots",
            "the lot ids together (separated by ', ') may have at most %,d characters, but have %,d"
                .formatted(MAX_LOTS_TEXT, text));
      }
    }
    if (count("modules", plan.modules().size(), MAX_MODULES)) {
      for (int i = 0; i < plan.modules().size(); i++) {
        CampaignPlan.Module m = plan.modules().get(i);
        id("modules[" + i + "].serial", m.serial());
        if (m.lot() != null) {
          id("modules[" + i + "].lot", m.lot());
        }
      }
    }
    if (count("legs", plan.legs().size(), MAX_LEGS)) {
      for (int i = 0; i < plan.legs().size(); i++) {
        leg(plan.legs().get(i), "legs[" + i + "]");
      }
    }
    UseCondition u = plan.useCondition();
    if (u != null) {
      finite("useCondition.temperatureC", u.temperatureC());
      finite("useCondition.humidityPercent", u.humidityPercent());
      finite("useCondition.temperatureSwingK", u.temperatureSwingK());
      finite("useCondition.cyclesPerDay", u.cyclesPerDay());
      finite("useCondition.confidence", u.confidence());
      finite("useCondition.ltpdConfidence", u.ltpdConfidence());
      finite("useCondition.activationEnergyEv", u.activationEnergyEv());
      finite("useCondition.peckActivationEnergyEv", u.peckActivationEnergyEv());
      finite("useCondition.peckHumidityExponent", u.peckHumidityExponent());
      finite("useCondition.coffinMansonExponent", u.coffinMansonExponent());
      text("useCondition.note", u.note(), MAX_NOTE_LENGTH);
    }
  }

  private void leg(Leg leg, String path) {
    id(path + ".id", leg.id());
    text(path + ".name", leg.name(), MAX_TITLE_LENGTH);
    text(path + ".preset", leg.preset(), MAX_WORD_LENGTH);
    text(path + ".stress", leg.stress(), MAX_WORD_LENGTH);
    if (count(path + ".samples", leg.samples().size(), MAX_MODULES)) {
      for (int j = 0; j < leg.samples().size(); j++) {
        id(path + ".samples[" + j + "]", leg.samples().get(j));
      }
    }
    if (leg.chamber() != null) {
      id(path + ".chamber", leg.chamber());
    }
    if (count(path + ".chamberPool", leg.chamberPool().size(), MAX_CHAMBER_POOL)) {
      for (int j = 0; j < leg.chamberPool().size(); j++) {
        id(path + ".chamberPool[" + j + "]", leg.chamberPool().get(j));
      }
    }
    if (count(path + ".after", leg.after().size(), MAX_LEGS)) {
      for (int j = 0; j < leg.after().size(); j++) {
        id(path + ".after[" + j + "]", leg.after().get(j));
      }
    }
    if (leg.profile() != null) {
      profile(leg.profile().segments(), path + ".profile.segments");
    }
    readPoints(leg.readPoints(), path + ".readPoints");
    if (leg.inSitu() != null) {
      Duration d = duration(path + ".inSitu", leg.inSitu());
      if (d != null && d.compareTo(MIN_IN_SITU) < 0) {
        problem(path + ".inSitu", "must be at least 1 minute, but was " + leg.inSitu());
      }
    }
    failureCriteria(leg.failureCriteria(), path + ".failureCriteria");
    if (leg.acceptance() != null) {
      Integer n = leg.acceptance().sampleSize();
      if (n != null && n > MAX_MODULES) {
        problem(
            path + ".acceptance.sampleSize",
            "must be at most %d (the modules a plan may have), but was %d"
                .formatted(MAX_MODULES, n));
      }
    }
    if (leg.source() != null) {
      Source s = leg.source();
      text(path + ".source.standard", s.standard(), MAX_WORD_LENGTH);
      text(path + ".source.edition", s.edition(), MAX_WORD_LENGTH);
      text(path + ".source.clause", s.clause(), MAX_WORD_LENGTH);
      text(path + ".source.confidence", s.confidence(), MAX_WORD_LENGTH);
      text(path + ".source.note", s.note(), MAX_NOTE_LENGTH);
    }
  }

  /**
   * Checks the segments and counts the unrolled steps. Recursion follows repeat nesting only, and
   * stops at {@link #MAX_REPEAT_DEPTH}, so it is bounded whatever the plan says.
   */
  private void profile(List<Segment> segments, String path) {
    int[] written = {0};
    long steps = segments(segments, path, 1, true, written);
    if (written[0] > MAX_SEGMENTS) {
      problem(
          path,
          "a profile may have at most %d segments, but has %d".formatted(MAX_SEGMENTS, written[0]));
    }
    if (steps > MAX_PROFILE_STEPS) {
      problem(
          path,
          "unrolled, the profile has more than %,d steps (repeat counts multiplied out); shorten"
                  .formatted(MAX_PROFILE_STEPS)
              + " it or split it into legs");
    }
  }

  /** The steps {@code segments} unroll to, saturating just above the cap. */
  private long segments(
      List<Segment> segments, String path, int depth, boolean topLevel, int[] written) {
    long steps = 0;
    for (int i = 0; i < segments.size() && written[0] <= MAX_SEGMENTS; i++) {
      written[0]++;
      Segment s = segments.get(i);
      String p = path + "[" + i + "]";
      if (s instanceof Ramp r) {
        finite(p + ".ramp.to", r.to());
        finite(p + ".ramp.rate", r.rate());
        finite(p + ".ramp.rateTolerance", r.rateTolerance());
        duration(p + ".ramp.duration", r.duration());
        steps++;
      } else if (s instanceof Soak k) {
        duration(p + ".soak.duration", k.duration());
        if (k.band() != null) {
          finite(p + ".soak.band.below", k.band().below());
          finite(p + ".soak.band.above", k.band().above());
        }
        steps++;
      } else if (s instanceof Humidity h) {
        finite(p + ".humidity.setpoint", h.setpoint());
        finite(p + ".humidity.tolerance", h.tolerance());
        steps++;
      } else if (s instanceof Repeat r) {
        steps += repeat(r, p + ".repeat", depth, topLevel, written);
      }
      steps = Math.min(steps, MAX_PROFILE_STEPS + 1);
    }
    return steps;
  }

  private long repeat(Repeat r, String path, int depth, boolean topLevel, int[] written) {
    if (r.count() != null && r.count() > MAX_REPEAT_COUNT) {
      problem(
          path + ".count",
          "must be at most %,d cycles, but was %,d".formatted(MAX_REPEAT_COUNT, r.count()));
    }
    if (depth > MAX_REPEAT_DEPTH) {
      problem(path, "repeats may be nested at most %d deep".formatted(MAX_REPEAT_DEPTH));
      return 0;
    }
    if (r.segments() == null) {
      return 0;
    }
    long inner = segments(r.segments(), path + ".segments", depth + 1, false, written);
    long count = r.count() == null ? 0 : Math.max(0, r.count());
    // a top-level repeat ends each cycle with a step of its own
    long perCycle = inner + (topLevel ? 1 : 0);
    return perCycle == 0 || count <= (MAX_PROFILE_STEPS + 1) / perCycle
        ? count * perCycle
        : MAX_PROFILE_STEPS + 1;
  }

  private void readPoints(ReadPoints rp, String path) {
    if (rp == null) {
      return;
    }
    if (count(path + ".at", rp.at().size(), MAX_READ_POINTS)) {
      for (int k = 0; k < rp.at().size(); k++) {
        finite(path + ".at[" + k + "]", rp.at().get(k));
      }
    }
    ReadPoints.Recovery r = rp.recovery();
    if (r != null) {
      finite(path + ".recovery.temperature", r.temperature());
      finite(path + ".recovery.band", r.band());
      finite(path + ".recovery.rate", r.rate());
      duration(path + ".recovery.dwell", r.dwell());
    }
  }

  private void failureCriteria(Leg.FailureCriteria c, String path) {
    if (c == null) {
      return;
    }
    finite(path + ".txPowerDropDb", c.txPowerDropDb());
    finite(path + ".biasRisePercent", c.biasRisePercent());
    finite(path + ".rxPowerDropDb", c.rxPowerDropDb());
    finite(path + ".txPowerMinDbm", c.txPowerMinDbm());
    finite(path + ".rxPowerMinDbm", c.rxPowerMinDbm());
    finite(path + ".txBiasMaxMa", c.txBiasMaxMa());
    finite(path + ".temperatureMaxC", c.temperatureMaxC());
    finite(path + ".vccMinV", c.vccMinV());
    finite(path + ".vccMaxV", c.vccMaxV());
  }

  /** Whether a list is within its cap; says so when it is not. */
  private boolean count(String path, int size, int max) {
    if (size > max) {
      problem(path, "may have at most %,d entries, but has %,d".formatted(max, size));
      return false;
    }
    return true;
  }

  private void id(String path, String value) {
    String problem = idProblem(value);
    // a missing id is the validator's to report, with what it is needed for
    if (problem != null && value != null && !value.isEmpty()) {
      problem(path, problem);
    }
  }

  private void text(String path, String value, int max) {
    String problem = lengthProblem(value, max);
    if (problem != null) {
      problem(path, problem);
    }
  }

  private void finite(String path, Double value) {
    if (value != null && !Double.isFinite(value)) {
      problem(path, "must be a finite number, but was " + value);
    }
  }

  /** The duration, or null when it is absent or has a problem (which is then reported). */
  private Duration duration(String path, String text) {
    if (text == null) {
      return null;
    }
    if (text.length() > MAX_DURATION_TEXT) {
      problem(path, lengthProblem(text, MAX_DURATION_TEXT));
      return null;
    }
    Duration d;
    try {
      d = Durations.parse(text);
    } catch (RuntimeException e) {
      // not a duration at all: the validator says so with the accepted forms
      return null;
    }
    if (d.compareTo(MAX_DURATION) > 0) {
      problem(path, "must be at most 100,000 h, but was " + text);
      return null;
    }
    return d;
  }

  private void problem(String path, String message) {
    if (problems.size() < MAX_PROBLEMS) {
      problems.add(new PlanProblem(path, message));
    } else {
      more++;
    }
  }
}
