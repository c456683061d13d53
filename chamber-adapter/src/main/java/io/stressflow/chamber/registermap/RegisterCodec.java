package io.stressflow.chamber.registermap;

import java.util.Map;
import java.util.Optional;

/**
 * Raw register bytes to engineering values and back. Register bytes are in wire order (two bytes
 * per register, as digitalpetri's PDUs and {@code ProcessImage} hold them); the entry's {@link
 * WordOrder} says how they map to the big-endian value.
 */
public final class RegisterCodec {

  private RegisterCodec() {}

  /**
   * Encodes a raw integer.
   *
   * @param type an integer type.
   * @param order the word order.
   * @param raw the raw value; must fit the type (UINT16 takes [0, 65535]).
   * @return 2 or 4 bytes in wire order.
   * @throws IllegalArgumentException if the value does not fit.
   */
  public static byte[] encodeInteger(DataType type, WordOrder order, long raw) {
    if (!type.integer()) {
      throw new IllegalArgumentException("Expected an integer type, but was " + type);
    }
    if (raw < type.minRaw() || raw > type.maxRaw()) {
      throw new IllegalArgumentException(
          "Expected a raw %s within [%d, %d], but was %d"
              .formatted(type, type.minRaw(), type.maxRaw(), raw));
    }
    int length = 2 * type.words();
    byte[] bigEndian = new byte[length];
    for (int i = 0; i < length; i++) {
      bigEndian[i] = (byte) (raw >>> (8 * (length - 1 - i)));
    }
    return order.permute(bigEndian, 0, length);
  }

  /**
   * Decodes a raw integer.
   *
   * @param type an integer type.
   * @param order the word order.
   * @param bytes wire bytes.
   * @param offset where the value starts.
   * @return the raw value, sign-extended for signed types.
   */
  public static long decodeInteger(DataType type, WordOrder order, byte[] bytes, int offset) {
    int length = 2 * type.words();
    byte[] bigEndian = order.permute(bytes, offset, length);
    long value = 0;
    for (byte b : bigEndian) {
      value = (value << 8) | (b & 0xFF);
    }
    return switch (type) {
      case INT16 -> (short) value;
      case INT32 -> (int) value;
      case UINT16 -> value;
      default -> throw new IllegalArgumentException("Expected an integer type, but was " + type);
    };
  }

  /**
   * Encodes an IEEE 754 float.
   *
   * @param order the word order.
   * @param value the value.
   * @return 4 bytes in wire order.
   */
  public static byte[] encodeFloat(WordOrder order, float value) {
    int bits = Float.floatToRawIntBits(value);
    byte[] bigEndian = {
      (byte) (bits >>> 24), (byte) (bits >>> 16), (byte) (bits >>> 8), (byte) bits
    };
    return order.permute(bigEndian, 0, 4);
  }

  /**
   * Decodes an IEEE 754 float.
   *
   * @param order the word order.
   * @param bytes wire bytes.
   * @param offset where the value starts.
   * @return the value.
   */
  public static float decodeFloat(WordOrder order, byte[] bytes, int offset) {
    byte[] b = order.permute(bytes, offset, 4);
    int bits = (b[0] & 0xFF) << 24 | (b[1] & 0xFF) << 16 | (b[2] & 0xFF) << 8 | (b[3] & 0xFF);
    return Float.intBitsToFloat(bits);
  }

  /**
   * Encodes an engineering value for an entry: divides by the scale, rounds to the nearest raw
   * integer for integer types.
   *
   * @param register the entry (a register type, not BOOL).
   * @param value the engineering value, in the entry's unit.
   * @return the wire bytes, {@code 2 * words} long.
   * @throws IllegalArgumentException if the scaled value does not fit the type.
   */
  public static byte[] encode(RegisterDefinition register, double value) {
    double raw = value / register.scale();
    if (register.type() == DataType.FLOAT32) {
      if (!Double.isFinite(raw) || Math.abs(raw) > Float.MAX_VALUE) {
        throw outOfRange(register, value);
      }
      return encodeFloat(register.wordOrder(), (float) raw);
    }
    long rounded = Math.round(raw);
    if (!Double.isFinite(raw)
        || rounded < register.type().minRaw()
        || rounded > register.type().maxRaw()) {
      throw outOfRange(register, value);
    }
    return encodeInteger(register.type(), register.wordOrder(), rounded);
  }

  /**
   * Decodes an entry's engineering value.
   *
   * @param register the entry (a register type, not BOOL).
   * @param bytes wire bytes.
   * @param offset where the entry starts.
   * @return raw value x scale, in the entry's unit.
   */
  public static double decode(RegisterDefinition register, byte[] bytes, int offset) {
    if (register.type() == DataType.FLOAT32) {
      return decodeFloat(register.wordOrder(), bytes, offset) * register.scale();
    }
    return decodeInteger(register.type(), register.wordOrder(), bytes, offset) * register.scale();
  }

  /**
   * Encodes an enum code by name.
   *
   * @param register an entry with codes.
   * @param name the code's name, e.g. {@code RUNNING}.
   * @return the wire bytes.
   * @throws UnsupportedOperationException if the entry has no such code.
   */
  public static byte[] encodeCode(RegisterDefinition register, String name) {
    Integer code = register.codes().get(name);
    if (code == null) {
      throw new UnsupportedOperationException(
          "Expected register '%s' to have a code for %s, but it only has %s"
              .formatted(register.name(), name, register.codes().keySet()));
    }
    return encodeInteger(register.type(), register.wordOrder(), code);
  }

  /**
   * Names a raw code.
   *
   * @param register an entry with codes.
   * @param raw the raw value read.
   * @return the code's name, or empty if the map does not name it.
   */
  public static Optional<String> decodeCode(RegisterDefinition register, long raw) {
    for (Map.Entry<String, Integer> e : register.codes().entrySet()) {
      if (e.getValue() == raw) {
        return Optional.of(e.getKey());
      }
    }
    return Optional.empty();
  }

  private static IllegalArgumentException outOfRange(RegisterDefinition register, double value) {
    double a = register.type().minRaw() * register.scale();
    double b = register.type().maxRaw() * register.scale();
    return new IllegalArgumentException(
        "Expected a value for '%s' (%s, scale %s) within [%s, %s] %s, but was %s"
            .formatted(
                register.name(),
                register.type(),
                register.scale(),
                Math.min(a, b),
                Math.max(a, b),
                register.unit(),
                value));
  }
}
