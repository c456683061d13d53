package io.stressflow.chamber.registermap;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * A snapshot of raw table contents: 2-byte words for register tables, booleans for bit tables. The
 * driver fills one from its read responses, the simulator from its process image; both then decode
 * entries the same way. Not thread-safe; build, fill, read, drop.
 */
public final class RegisterValues {

  private final Map<RegisterTable, Map<Integer, byte[]>> words = new EnumMap<>(RegisterTable.class);
  private final Map<RegisterTable, Map<Integer, Boolean>> bits = new EnumMap<>(RegisterTable.class);

  /**
   * Stores consecutive registers.
   *
   * @param table a register table.
   * @param address the first register's address.
   * @param bytes two bytes per register, wire order.
   */
  public void putWords(RegisterTable table, int address, byte[] bytes) {
    Map<Integer, byte[]> t = words.computeIfAbsent(table, k -> new HashMap<>());
    for (int i = 0; i + 1 < bytes.length; i += 2) {
      t.put(address + i / 2, new byte[] {bytes[i], bytes[i + 1]});
    }
  }

  /**
   * Stores one bit.
   *
   * @param table a bit table.
   * @param address the bit's address.
   * @param value the bit.
   */
  public void putBit(RegisterTable table, int address, boolean value) {
    bits.computeIfAbsent(table, k -> new HashMap<>()).put(address, value);
  }

  /**
   * The wire bytes of an entry; registers never stored read as zero.
   *
   * @param register a register-table entry.
   * @return {@code 2 * words} bytes.
   */
  public byte[] bytes(RegisterDefinition register) {
    byte[] out = new byte[2 * register.type().words()];
    Map<Integer, byte[]> t = words.getOrDefault(register.table(), Map.of());
    for (int i = 0; i < register.type().words(); i++) {
      byte[] w = t.get(register.address() + i);
      if (w != null) {
        out[2 * i] = w[0];
        out[2 * i + 1] = w[1];
      }
    }
    return out;
  }

  /**
   * An entry's engineering value.
   *
   * @param register a register-table entry.
   * @return raw x scale.
   */
  public double value(RegisterDefinition register) {
    if (register.type() == DataType.BOOL) {
      return bit(register) ? 1 : 0;
    }
    return RegisterCodec.decode(register, bytes(register), 0);
  }

  /**
   * An entry's raw integer (codes, bit fields).
   *
   * @param register an integer or BOOL entry.
   * @return the raw value.
   */
  public long raw(RegisterDefinition register) {
    if (register.type() == DataType.BOOL) {
      return bit(register) ? 1 : 0;
    }
    if (register.type() == DataType.FLOAT32) {
      return Math.round(RegisterCodec.decodeFloat(register.wordOrder(), bytes(register), 0));
    }
    return RegisterCodec.decodeInteger(register.type(), register.wordOrder(), bytes(register), 0);
  }

  /**
   * An entry's bit; bits never stored read as {@code false}.
   *
   * @param register a bit-table entry.
   * @return the bit.
   */
  public boolean bit(RegisterDefinition register) {
    return bits.getOrDefault(register.table(), Map.of()).getOrDefault(register.address(), false);
  }

  /**
   * Whether a switch-like entry (humidity enable, door) is on: its code is named {@code ON} when
   * the entry has codes, otherwise its raw value is non-zero.
   *
   * @param register an integer or BOOL entry.
   * @return {@code true} if on.
   */
  public boolean on(RegisterDefinition register) {
    long raw = raw(register);
    if (register.codes().isEmpty()) {
      return raw != 0;
    }
    return RegisterCodec.decodeCode(register, raw).map("ON"::equals).orElse(false);
  }
}
