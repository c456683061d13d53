package io.stressflow.chamber.registermap;

import io.stressflow.chamber.ChamberAlarm;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One named value in a chamber's Modbus address space.
 *
 * @param name unique name within the map, e.g. {@code air.temperature} (see {@link Signals}).
 * @param table the Modbus table.
 * @param address zero-based PDU address (what goes on the wire), range [0x0000, 0xFFFF]; a two-word
 *     type occupies {@code address} and {@code address + 1}.
 * @param type the data type; {@link DataType#BOOL} only in bit tables, the others only in register
 *     tables.
 * @param scale engineering value = raw value x scale (0.1 for "x10" or one implied decimal); 1 for
 *     floats; non-zero and finite.
 * @param unit engineering unit, e.g. {@code degC}, {@code %RH}, {@code K/min}; {@code null} for
 *     codes and bit fields.
 * @param access whether the driver may write it; {@link Access#READ_WRITE} only in writable tables.
 * @param wordOrder byte/word order of multi-byte values on the wire.
 * @param codes enum codes by name (e.g. {@code OFF -> 62}); empty if not an enumeration; each code
 *     fits the raw range of the type.
 * @param bits bit field: bit index [0, 31] to a {@link ChamberAlarm} name or {@code DOOR}; empty if
 *     not a bit field; integer types only.
 * @param verified {@code false} if the entry is inferred and not checked against the manufacturer's
 *     document or a real controller.
 * @param note free text: source detail, caveats; may be {@code null}.
 */
public record RegisterDefinition(
    String name,
    RegisterTable table,
    int address,
    DataType type,
    double scale,
    String unit,
    Access access,
    WordOrder wordOrder,
    Map<String, Integer> codes,
    Map<Integer, String> bits,
    boolean verified,
    String note) {

  /** Validates one entry on its own; {@link RegisterMap} checks entries against each other. */
  public RegisterDefinition {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException(
          "Expected every register to have a name, but one had none");
    }
    Objects.requireNonNull(table, () -> "Expected register '" + name + "' to have a table");
    Objects.requireNonNull(type, () -> "Expected register '" + name + "' to have a type");
    Objects.requireNonNull(access, () -> "Expected register '" + name + "' to have an access");
    Objects.requireNonNull(
        wordOrder, () -> "Expected register '" + name + "' to have a word order");
    codes = Map.copyOf(codes == null ? Map.of() : codes);
    bits = Map.copyOf(bits == null ? Map.of() : bits);
    if (address < 0 || address + type.words() - 1 > 0xFFFF) {
      throw invalid(
          name, "an address within [0, 0xFFFF] for its %d word(s)", type.words(), address);
    }
    if (table.bits() != (type == DataType.BOOL)) {
      throw new IllegalArgumentException(
          "Expected register '%s' to have a type that fits table %s, but was %s (BOOL goes in"
                  .formatted(name, table, type)
              + " COIL/DISCRETE_INPUT, register types in HOLDING_REGISTER/INPUT_REGISTER)");
    }
    if (access == Access.READ_WRITE && !table.writable()) {
      throw new IllegalArgumentException(
          "Expected register '%s' to be READ only because %s is not writable, but was READ_WRITE"
              .formatted(name, table));
    }
    if (!Double.isFinite(scale) || scale == 0) {
      throw invalid(name, "a finite, non-zero scale", null, scale);
    }
    if (!codes.isEmpty() && !type.integer()) {
      throw invalid(name, "an integer type for its codes", null, type);
    }
    for (Map.Entry<String, Integer> code : codes.entrySet()) {
      if (code.getValue() < type.minRaw() || code.getValue() > type.maxRaw()) {
        throw new IllegalArgumentException(
            "Expected code %s of register '%s' to fit %s [%d, %d], but was %d"
                .formatted(
                    code.getKey(), name, type, type.minRaw(), type.maxRaw(), code.getValue()));
      }
    }
    if (!bits.isEmpty() && !type.integer()) {
      throw invalid(name, "an integer type for its bit field", null, type);
    }
    for (Map.Entry<Integer, String> bit : bits.entrySet()) {
      if (bit.getKey() < 0 || bit.getKey() >= 16 * type.words()) {
        throw new IllegalArgumentException(
            "Expected bit %d of register '%s' to be within [0, %d], but it is not"
                .formatted(bit.getKey(), name, 16 * type.words() - 1));
      }
      if (!Signals.DOOR_BIT.equals(bit.getValue()) && !isAlarm(bit.getValue())) {
        throw new IllegalArgumentException(
            "Expected bit %d of register '%s' to name a ChamberAlarm or DOOR, but was '%s'"
                .formatted(bit.getKey(), name, bit.getValue()));
      }
    }
    bits = Map.copyOf(new TreeMap<>(bits));
  }

  /**
   * The address just past this entry.
   *
   * @return {@code address + type.words()}.
   */
  public int end() {
    return address + type.words();
  }

  /**
   * Tells whether the driver may write this entry.
   *
   * @return {@code true} if the access is {@link Access#READ_WRITE}.
   */
  public boolean writable() {
    return access == Access.READ_WRITE;
  }

  private static boolean isAlarm(String value) {
    for (ChamberAlarm alarm : ChamberAlarm.values()) {
      if (alarm.name().equals(value)) {
        return true;
      }
    }
    return false;
  }

  private static IllegalArgumentException invalid(
      String name, String expected, Object arg, Object actual) {
    return new IllegalArgumentException(
        "Expected register '%s' to have %s, but was %s"
            .formatted(name, arg == null ? expected : expected.formatted(arg), actual));
  }
}
