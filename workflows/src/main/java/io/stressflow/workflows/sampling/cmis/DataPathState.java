package io.stressflow.workflows.sampling.cmis;

/**
 * CMIS data-path state of one lane (page 11h bytes 128–131, four bits per lane: lane 1 in bits 3–0
 * of byte 128, lane 2 in bits 7–4, and so on). Lane monitors mean what they say only when the
 * lane's data path is {@link #ACTIVATED}: in any other state the laser may be off or turning on, so
 * a low Tx power there is not a drop.
 */
public enum DataPathState {
  /** 1: DPDeactivated. */
  DEACTIVATED,
  /** 2: DPInit. */
  INIT,
  /** 3: DPDeinit. */
  DEINIT,
  /** 4: DPActivated. */
  ACTIVATED,
  /** 5: DPTxTurnOn. */
  TX_TURN_ON,
  /** 6: DPTxTurnOff. */
  TX_TURN_OFF,
  /** 7: DPInitialized. */
  INITIALIZED,
  /** Any other code (reserved). */
  UNKNOWN;

  /**
   * Decodes one lane's state field.
   *
   * @param code the four-bit code, range [0, 15].
   * @return the state, {@link #UNKNOWN} for reserved codes.
   */
  public static DataPathState of(int code) {
    return code >= 1 && code <= 7 ? values()[code - 1] : UNKNOWN;
  }

  /** The four-bit code written for this state (0 for {@link #UNKNOWN}). */
  public int code() {
    return this == UNKNOWN ? 0 : ordinal() + 1;
  }
}
