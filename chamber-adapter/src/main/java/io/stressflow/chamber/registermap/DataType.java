package io.stressflow.chamber.registermap;

/** How a value is laid out in one or two 16-bit registers (or one bit). */
public enum DataType {
  /** One bit in a coil or discrete input. */
  BOOL(1, 0, 1),
  /** Signed 16-bit two's complement, range [-32768, 32767]. */
  INT16(1, Short.MIN_VALUE, Short.MAX_VALUE),
  /** Unsigned 16-bit, range [0, 65535]. */
  UINT16(1, 0, 0xFFFF),
  /** Signed 32-bit two's complement in two registers. */
  INT32(2, Integer.MIN_VALUE, Integer.MAX_VALUE),
  /** IEEE 754 single precision in two registers. */
  FLOAT32(2, Long.MIN_VALUE, Long.MAX_VALUE);

  private final int words;
  private final long minRaw;
  private final long maxRaw;

  DataType(int words, long minRaw, long maxRaw) {
    this.words = words;
    this.minRaw = minRaw;
    this.maxRaw = maxRaw;
  }

  /**
   * The number of table entries the type occupies.
   *
   * @return 1 or 2.
   */
  public int words() {
    return words;
  }

  /**
   * The smallest raw integer value.
   *
   * @return the minimum (meaningless for {@link #FLOAT32}).
   */
  public long minRaw() {
    return minRaw;
  }

  /**
   * The largest raw integer value.
   *
   * @return the maximum (meaningless for {@link #FLOAT32}).
   */
  public long maxRaw() {
    return maxRaw;
  }

  /**
   * Tells whether the type is an integer stored in registers.
   *
   * @return {@code true} for INT16, UINT16 and INT32.
   */
  public boolean integer() {
    return this == INT16 || this == UINT16 || this == INT32;
  }
}
