package io.stressflow.workflows.sampling.cmis;

import io.stressflow.workflows.sampling.cmis.ModuleDiagnostics.Flag;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns latched, clear-on-read CMIS flags into events with set and clear times. A read clears the
 * module's latch, so a flag is seen once per read in which it was raised; it is recorded as set at
 * the first read that shows it and cleared at the first later read that does not. Flaps between two
 * reads are under-counted: that is CMIS, not this class (SONiC documents the same).
 */
public final class FlagLog {

  private final Map<Flag, Instant> open = new HashMap<>();
  private final List<FlagEvent> closed = new ArrayList<>();

  /**
   * Records the flags of one read.
   *
   * @param flags the flags the read showed.
   * @param at when it was read.
   * @return the flags newly set by this read.
   */
  public List<Flag> record(Set<Flag> flags, Instant at) {
    List<Flag> raised = new ArrayList<>();
    for (Flag f : flags) {
      if (open.putIfAbsent(f, at) == null) {
        raised.add(f);
      }
    }
    open.entrySet()
        .removeIf(
            e -> {
              if (!flags.contains(e.getKey())) {
                closed.add(new FlagEvent(e.getKey(), e.getValue(), at));
                return true;
              }
              return false;
            });
    return raised;
  }

  /** Flags still set, with when they were set. */
  public Map<Flag, Instant> open() {
    return Map.copyOf(open);
  }

  /** Flags that were set and have cleared, oldest first. */
  public List<FlagEvent> closed() {
    return List.copyOf(closed);
  }

  /**
   * A flag's episode.
   *
   * @param flag the flag.
   * @param set the first read that showed it.
   * @param cleared the first later read that did not.
   */
  public record FlagEvent(Flag flag, Instant set, Instant cleared) {}
}
