package io.stressflow.workflows.sampling;

import java.util.List;

/**
 * One sampling round.
 *
 * @param read how many modules on test were read.
 * @param failed the serials that failed in this round.
 * @param controls how many control samples were read.
 * @param driftedControls the control samples out of spec against their own baseline: the round's
 *     results are suspect (a measurement-system alarm, not a module failure).
 */
public record Round(int read, List<String> failed, int controls, List<String> driftedControls) {
  public Round {
    failed = List.copyOf(failed);
    driftedControls = List.copyOf(driftedControls);
  }

  /**
   * A round without control samples.
   *
   * @param read how many modules on test were read.
   * @param failed the serials that failed in this round.
   */
  public Round(int read, List<String> failed) {
    this(read, failed, 0, List.of());
  }

  /** Whether a control sample drifted, so this round's results are suspect. */
  public boolean suspect() {
    return !driftedControls.isEmpty();
  }
}
