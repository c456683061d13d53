package io.stressflow.workflows.sampling.cmis;

/**
 * CMIS module state (lower page byte 3, bits 3–1). Dynamic pages are only trustworthy in the
 * terminal states {@link #READY} and {@link #LOW_POWER} (CMIS; SONiC's monitoring notes).
 */
public enum ModuleState {
  /** 1: ModuleLowPwr. */
  LOW_POWER,
  /** 2: ModulePwrUp, initialising. */
  POWERING_UP,
  /** 3: ModuleReady. */
  READY,
  /** 4: ModulePwrDn. */
  POWERING_DOWN,
  /** 5: ModuleFault. */
  FAULT,
  /** Any other code (reserved or custom). */
  UNKNOWN;

  /**
   * Decodes the state field.
   *
   * @param code bits 3–1 of lower page byte 3, range [0, 7].
   * @return the state, {@link #UNKNOWN} for reserved codes.
   */
  public static ModuleState of(int code) {
    switch (code) {
      case 1:
        return LOW_POWER;
      case 2:
        return POWERING_UP;
      case 3:
        return READY;
      case 4:
        return POWERING_DOWN;
      case 5:
        return FAULT;
      default:
        return UNKNOWN;
    }
  }

  /** Whether dynamic monitor values may be read in this state. */
  public boolean terminal() {
    return this == READY || this == LOW_POWER;
  }
}
