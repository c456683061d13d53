package io.stressflow.chamber.registermap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stressflow.chamber.ChamberLimits;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Loads register maps from JSON and validates them. The maps shipped with the library live on the
 * class path under {@code io/stressflow/chamber/registermap/<name>.json} and are listed in {@code
 * index.txt} next to them.
 *
 * <p>File format (addresses are 0-based PDU addresses, decimal or {@code "0x..."} strings):
 *
 * <pre>{@code
 * { "model": "generic", "description": "...", "sources": ["..."], "wordOrder": "ABCD",
 *   "limits": { "minTemperature": -70, ... },
 *   "registers": [
 *     { "name": "air.temperature", "table": "INPUT_REGISTER", "address": 0, "type": "INT16",
 *       "scale": 0.1, "unit": "degC", "access": "READ", "verified": true, "note": "..." },
 *     { "name": "mode", "table": "HOLDING_REGISTER", "address": 10, "type": "UINT16",
 *       "access": "READ_WRITE", "codes": { "OFF": 0, "STANDBY": 1, "RUNNING": 2 } },
 *     { "name": "alarms", "table": "INPUT_REGISTER", "address": 5, "type": "UINT16",
 *       "bits": { "0": "OVER_TEMPERATURE", "3": "DOOR" } } ] }
 * }</pre>
 */
public final class RegisterMaps {

  private static final String BASE = "io/stressflow/chamber/registermap/";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> MAP_FIELDS =
      Set.of("model", "description", "sources", "wordOrder", "limits", "registers", "$comment");

  /** The limits that only mean something on a chamber that controls humidity. */
  private static final List<String> HUMIDITY_LIMITS =
      List.of("minHumidity", "maxHumidity", "humidityMinTemperature", "humidityMaxTemperature");

  private static final Set<String> REGISTER_FIELDS =
      Set.of(
          "name",
          "table",
          "address",
          "type",
          "scale",
          "unit",
          "access",
          "wordOrder",
          "codes",
          "bits",
          "verified",
          "note");

  private RegisterMaps() {}

  /**
   * The names of the maps shipped with the library.
   *
   * @return the names, e.g. {@code generic}, {@code watlow-f4t}.
   */
  public static List<String> available() {
    InputStream in = RegisterMaps.class.getClassLoader().getResourceAsStream(BASE + "index.txt");
    if (in == null) {
      return List.of();
    }
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      return reader
          .lines()
          .map(String::strip)
          .filter(l -> !l.isEmpty() && !l.startsWith("#"))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Loads a map shipped with the library.
   *
   * @param name the map's name, e.g. {@code generic}.
   * @return the validated map.
   * @throws IllegalArgumentException if there is no such map (the message lists the available ones)
   *     or the map is invalid.
   */
  public static RegisterMap load(String name) {
    InputStream in = RegisterMaps.class.getClassLoader().getResourceAsStream(BASE + name + ".json");
    if (in == null) {
      throw new IllegalArgumentException(
          "Expected a register map named '%s', but there is none; available: %s"
              .formatted(name, available()));
    }
    try (in) {
      return parse(name, JSON.readTree(in));
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "Expected register map '%s' to be valid JSON, but: %s".formatted(name, e.getMessage()),
          e);
    }
  }

  /**
   * Loads a map from a file, e.g. one a lab wrote for a controller we do not ship.
   *
   * @param file the JSON file.
   * @return the validated map.
   * @throws IllegalArgumentException if the file cannot be read or the map is invalid.
   */
  public static RegisterMap load(Path file) {
    try {
      return parse(file.toString(), JSON.readTree(Files.readAllBytes(file)));
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "Expected to read register map %s, but: %s".formatted(file, e.getMessage()), e);
    }
  }

  /**
   * Parses a map from JSON text (handy for tests and fixtures).
   *
   * @param json the JSON text.
   * @return the validated map.
   * @throws IllegalArgumentException if the map is invalid.
   */
  public static RegisterMap parse(String json) {
    try {
      return parse("<text>", JSON.readTree(json));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "Expected register map JSON, but: " + e.getOriginalMessage(), e);
    }
  }

  private static RegisterMap parse(String origin, JsonNode root) {
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException(
          "Expected register map %s to be a JSON object, but it is not".formatted(origin));
    }
    checkFields(root, MAP_FIELDS, "register map " + origin);
    String model = text(root, "model", null);
    WordOrder order =
        enumValue(WordOrder.class, root, "wordOrder", WordOrder.ABCD, "register map " + origin);
    List<String> sources = new ArrayList<>();
    root.path("sources").forEach(s -> sources.add(s.asText()));
    ChamberLimits limits = root.has("limits") ? limits(root.get("limits")) : null;
    List<RegisterDefinition> registers = new ArrayList<>();
    for (JsonNode r : root.path("registers")) {
      registers.add(register(r, order));
    }
    if (registers.isEmpty()) {
      throw new IllegalArgumentException(
          "Expected register map %s to have registers, but it has none".formatted(origin));
    }
    RegisterMap map =
        new RegisterMap(model, text(root, "description", ""), sources, limits, registers);
    checkHumidityLimits(map, root.path("limits"));
    return map;
  }

  /**
   * A map that cannot set humidity must not advertise a humidity range: plans and people read the
   * limits as "this chamber controls humidity between ...".
   */
  private static void checkHumidityLimits(RegisterMap map, JsonNode limits) {
    if (map.capabilities().humiditySetpoint()) {
      return;
    }
    List<String> given = HUMIDITY_LIMITS.stream().filter(limits::has).toList();
    if (!given.isEmpty()) {
      throw new IllegalArgumentException(
          ("Expected register map '%s' to give no humidity limits, because it has no humidity"
                  + " setpoint register ('%s' or '%s'), but its limits give %s; remove them, or add"
                  + " the humidity registers")
              .formatted(
                  map.model(), Signals.HUMIDITY_SETPOINT, Signals.HUMIDITY_SETPOINT_WRITE, given));
    }
  }

  private static RegisterDefinition register(JsonNode r, WordOrder mapOrder) {
    String name = text(r, "name", null);
    String where = "register '" + name + "'";
    checkFields(r, REGISTER_FIELDS, where);
    Map<String, Integer> codes = new LinkedHashMap<>();
    r.path("codes").fields().forEachRemaining(e -> codes.put(e.getKey(), e.getValue().asInt()));
    Map<Integer, String> bits = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = r.path("bits").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> bit = it.next();
      if (!bit.getKey().matches("\\d{1,2}")) {
        throw new IllegalArgumentException(
            "Expected the bits of %s to be keyed by bit index, but found '%s'"
                .formatted(where, bit.getKey()));
      }
      bits.put(Integer.parseInt(bit.getKey()), bit.getValue().asText());
    }
    return new RegisterDefinition(
        name,
        enumValue(RegisterTable.class, r, "table", null, where),
        address(r.get("address"), where),
        enumValue(DataType.class, r, "type", null, where),
        r.path("scale").asDouble(1.0),
        text(r, "unit", null),
        enumValue(Access.class, r, "access", Access.READ, where),
        enumValue(WordOrder.class, r, "wordOrder", mapOrder, where),
        codes,
        bits,
        r.path("verified").asBoolean(true),
        text(r, "note", null));
  }

  private static <E extends Enum<E>> E enumValue(
      Class<E> type, JsonNode node, String field, E fallback, String where) {
    String value = text(node, field, null);
    if (value == null && fallback != null) {
      return fallback;
    }
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equals(value)) {
        return constant;
      }
    }
    throw new IllegalArgumentException(
        "Expected %s to have a %s among %s, but was %s"
            .formatted(
                where,
                field,
                Arrays.toString(type.getEnumConstants()),
                value == null ? "missing" : "'" + value + "'"));
  }

  private static int address(JsonNode node, String where) {
    if (node == null) {
      throw new IllegalArgumentException("Expected %s to have an address".formatted(where));
    }
    if (node.isTextual() && node.asText().toLowerCase().startsWith("0x")) {
      return Integer.parseInt(node.asText().substring(2), 16);
    }
    if (!node.canConvertToInt()) {
      throw new IllegalArgumentException(
          "Expected %s to have an integer address, but was %s".formatted(where, node));
    }
    return node.asInt();
  }

  private static ChamberLimits limits(JsonNode l) {
    ChamberLimits t = ChamberLimits.typical();
    return new ChamberLimits(
        l.path("minTemperature").asDouble(t.minTemperature()),
        l.path("maxTemperature").asDouble(t.maxTemperature()),
        l.path("maxRampRate").asDouble(t.maxRampRate()),
        l.path("minHumidity").asDouble(t.minHumidity()),
        l.path("maxHumidity").asDouble(t.maxHumidity()),
        l.path("humidityMinTemperature").asDouble(t.humidityMinTemperature()),
        l.path("humidityMaxTemperature").asDouble(t.humidityMaxTemperature()),
        l.path("safeTemperature").asDouble(t.safeTemperature()));
  }

  private static String text(JsonNode node, String field, String fallback) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? fallback : value.asText();
  }

  private static void checkFields(JsonNode node, Set<String> allowed, String where) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!allowed.contains(field)) {
        throw new IllegalArgumentException(
            "Expected %s to have only the fields %s, but it has '%s'"
                .formatted(where, allowed, field));
      }
    }
  }
}
