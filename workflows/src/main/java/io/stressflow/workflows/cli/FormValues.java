package io.stressflow.workflows.cli;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Form values typed on the command line ({@code -f key=value}) as JSON values: {@code true} and
 * {@code false} are booleans, a JSON-style number is a number, anything else a string. A number
 * with a leading zero ({@code 007}) stays a string, so serials and date codes keep their digits.
 */
final class FormValues {

  private static final Pattern NUMBER =
      Pattern.compile("-?(0|[1-9]\\d*)(\\.\\d+)?([eE][+-]?\\d+)?");

  private FormValues() {}

  /**
   * Types every value.
   *
   * @param fields values by field key, as typed.
   * @return the values by field key, typed, in the same order.
   */
  static Map<String, Object> typed(Map<String, String> fields) {
    Map<String, Object> typed = new LinkedHashMap<>();
    fields.forEach((k, v) -> typed.put(k, value(v)));
    return typed;
  }

  /**
   * One value.
   *
   * @param raw the value as typed.
   * @return a Boolean, a Long (integers that fit), a BigInteger, a BigDecimal, or the string.
   */
  static Object value(String raw) {
    if (raw == null) {
      return null;
    }
    if (raw.equals("true") || raw.equals("false")) {
      return Boolean.valueOf(raw);
    }
    if (NUMBER.matcher(raw).matches()) {
      if (raw.indexOf('.') < 0 && raw.indexOf('e') < 0 && raw.indexOf('E') < 0) {
        BigInteger i = new BigInteger(raw);
        return i.bitLength() < 64 ? (Object) i.longValue() : i;
      }
      return new BigDecimal(raw);
    }
    return raw;
  }
}
