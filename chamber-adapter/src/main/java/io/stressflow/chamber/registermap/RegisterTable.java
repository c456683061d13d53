package io.stressflow.chamber.registermap;

/** The four Modbus data tables. */
public enum RegisterTable {
  /** Read/write single bits (FC 1, 5, 15). */
  COIL(true, true),
  /** Read-only single bits (FC 2). */
  DISCRETE_INPUT(false, true),
  /** Read-only 16-bit registers (FC 4). */
  INPUT_REGISTER(false, false),
  /** Read/write 16-bit registers (FC 3, 6, 16). */
  HOLDING_REGISTER(true, false);

  private final boolean writable;
  private final boolean bits;

  RegisterTable(boolean writable, boolean bits) {
    this.writable = writable;
    this.bits = bits;
  }

  /**
   * Tells whether a Modbus master can write this table.
   *
   * @return {@code true} for coils and holding registers.
   */
  public boolean writable() {
    return writable;
  }

  /**
   * Tells whether the table holds single bits rather than 16-bit words.
   *
   * @return {@code true} for coils and discrete inputs.
   */
  public boolean bits() {
    return bits;
  }
}
