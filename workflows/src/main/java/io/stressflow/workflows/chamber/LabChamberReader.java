package io.stressflow.workflows.chamber;

import io.stressflow.chamber.modbus.ModbusTransport;
import io.stressflow.chamber.modbus.SerialSettings;
import io.stressflow.chamber.registermap.RegisterMaps;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads chamber entries (a lab file's {@code chambers[i]}, or the body of {@code POST/PUT
 * /api/chambers}) into {@link LabChamber}s, and writes them back in the same shape. Every problem
 * names its field path ({@code chambers[2].limits.maxTemperature}); nothing is half read.
 */
public final class LabChamberReader {

  /** Chamber ids: what plans, URLs and Modbus names can carry. */
  static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  private static final Set<String> FIELDS =
      Set.of(
          "id",
          "make",
          "model",
          "registerMap",
          "transport",
          "host",
          "port",
          "unitId",
          "serial",
          "simulated",
          "requestTimeout",
          "limits",
          "location",
          "calibrationDue",
          "service",
          "outOfServiceReason",
          // read-only fields of GET /api/chambers/{id}, ignored when a client sends them back
          "capabilities",
          "available",
          "unavailableReason",
          "reservedBy",
          "simulatorPort",
          "answering",
          "missedReads",
          "state");
  private static final Set<String> LIMIT_FIELDS =
      Set.of(
          "minTemperature",
          "maxTemperature",
          "maxRampRate",
          "minHumidity",
          "maxHumidity",
          "humidityMinTemperature",
          "humidityMaxTemperature",
          "safeTemperature");
  private static final Set<String> SERIAL_FIELDS =
      Set.of("device", "baudRate", "dataBits", "parity", "stopBits", "rs485");

  /** A field and what is wrong with it. */
  public record Problem(String field, String message) {}

  /** Entries that cannot be used, with every problem found. */
  public static final class InvalidChamberException extends RuntimeException {
    private final List<Problem> problems;

    /**
     * Creates the exception.
     *
     * @param problems each problem at its field.
     */
    public InvalidChamberException(List<Problem> problems) {
      super(
          problems.stream()
              .map(p -> p.field() + ": " + p.message())
              .reduce((a, b) -> a + "; " + b)
              .orElse("invalid chamber"));
      this.problems = List.copyOf(problems);
    }

    /** The problems, each at its field path. */
    public List<Problem> problems() {
      return problems;
    }
  }

  private LabChamberReader() {}

  /**
   * Reads a lab file's content: a map with a {@code chambers} list.
   *
   * @param document the parsed YAML.
   * @return the chambers, in file order.
   * @throws InvalidChamberException naming every bad field.
   */
  public static List<LabChamber> readLab(Object document) {
    List<Problem> problems = new ArrayList<>();
    if (!(document instanceof Map<?, ?> root)) {
      throw new InvalidChamberException(
          List.of(new Problem("chambers", "the lab file must be a map with a 'chambers' list")));
    }
    for (Object key : root.keySet()) {
      if (!"chambers".equals(key)) {
        problems.add(new Problem(String.valueOf(key), "unknown field; expected 'chambers'"));
      }
    }
    if (!(root.get("chambers") instanceof List<?> list) || list.isEmpty()) {
      problems.add(new Problem("chambers", "list at least one chamber"));
      throw new InvalidChamberException(problems);
    }
    List<LabChamber> chambers = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      String path = "chambers[" + i + "]";
      LabChamber c = read(list.get(i), path + ".", problems);
      if (c != null && !ids.add(c.id().toLowerCase(Locale.ROOT))) {
        problems.add(new Problem(path + ".id", "'" + c.id() + "' is listed twice"));
      }
      chambers.add(c);
    }
    if (!problems.isEmpty()) {
      throw new InvalidChamberException(problems);
    }
    return chambers;
  }

  /**
   * Reads one chamber (an API body).
   *
   * @param entry the parsed JSON.
   * @return the chamber.
   * @throws InvalidChamberException naming every bad field.
   */
  public static LabChamber readOne(Object entry) {
    List<Problem> problems = new ArrayList<>();
    LabChamber c = read(entry, "", problems);
    if (!problems.isEmpty()) {
      throw new InvalidChamberException(problems);
    }
    return c;
  }

  private static LabChamber read(Object entry, String at, List<Problem> problems) {
    if (!(entry instanceof Map<?, ?> m)) {
      problems.add(
          new Problem(
              at.isEmpty() ? "(body)" : at.substring(0, at.length() - 1),
              "a map of chamber fields"));
      return null;
    }
    int before = problems.size();
    for (Object key : m.keySet()) {
      if (!FIELDS.contains(String.valueOf(key))) {
        problems.add(
            new Problem(at + key, "unknown field; known: " + new java.util.TreeSet<>(FIELDS)));
      }
    }
    Fields f = new Fields(m, at, problems);
    String id = f.string("id", null, 64);
    if (id == null) {
      problems.add(new Problem(at + "id", "required: the chamber's name in plans"));
    } else if (!ID.matcher(id).matches()) {
      problems.add(
          new Problem(
              at + "id",
              "letters, digits, '.', '_' or '-' (up to 64), starting with a letter or digit"));
    }
    String make = f.string("make", null, 64);
    String model = f.string("model", null, 64);
    String registerMap = f.string("registerMap", null, 1024);
    if (registerMap == null) {
      problems.add(
          new Problem(
              at + "registerMap",
              "required: one of " + RegisterMaps.available() + " or a .json file"));
    }
    io.stressflow.chamber.ChamberLimits mapLimits = io.stressflow.chamber.ChamberLimits.typical();
    if (registerMap != null) {
      try {
        mapLimits = Lab.loadMap(registerMap).limits();
      } catch (RuntimeException e) {
        problems.add(new Problem(at + "registerMap", registerMapProblem(registerMap, e)));
      }
    }
    ModbusTransport transport =
        f.enumValue("transport", ModbusTransport.class, ModbusTransport.TCP);
    boolean simulated = f.bool("simulated", false);
    String host = f.string("host", "127.0.0.1", 255);
    int port = f.integer("port", 502, 0, 65535);
    if (!simulated && port == 0 && transport != ModbusTransport.RTU_SERIAL) {
      problems.add(
          new Problem(
              at + "port",
              "a real controller's port, 1 to 65535 (0 only for a simulated chamber)"));
    }
    int unitId = f.integer("unitId", 1, 0, 255);
    SerialSettings serial = f.serial("serial");
    if (transport == ModbusTransport.RTU_SERIAL && serial == null && !f.has("serial")) {
      problems.add(
          new Problem(
              at + "serial", "required for transport RTU_SERIAL: {device, baudRate, parity}"));
    }
    Duration timeout = f.duration("requestTimeout", Duration.ofSeconds(2));
    ChamberProperties.Limits limits = f.limits("limits", mapLimits);
    String location = f.string("location", null, 128);
    LocalDate calibrationDue = f.date("calibrationDue");
    String state = f.string("service", "IN_SERVICE", 32);
    boolean inService = true;
    if (state != null) {
      switch (state.toUpperCase(Locale.ROOT)) {
        case "IN_SERVICE" -> inService = true;
        case "OUT_OF_SERVICE" -> inService = false;
        default -> problems.add(new Problem(at + "service", "IN_SERVICE or OUT_OF_SERVICE"));
      }
    }
    String reason = f.string("outOfServiceReason", null, 500);
    if (!inService && (reason == null || reason.isBlank())) {
      problems.add(new Problem(at + "outOfServiceReason", "say why the chamber is out of service"));
    }
    if (problems.size() > before) {
      return null;
    }
    return new LabChamber(
        id,
        make,
        model,
        registerMap,
        transport,
        host,
        port,
        unitId,
        serial,
        simulated,
        timeout,
        limits,
        location,
        calibrationDue,
        inService,
        inService ? null : reason);
  }

  private static String registerMapProblem(String name, RuntimeException e) {
    if (name.endsWith(".json") && !Files.isReadable(Path.of(name))) {
      return "no readable file at " + Path.of(name).toAbsolutePath();
    }
    return "cannot use register map '"
        + name
        + "': "
        + e.getMessage()
        + " (one of "
        + RegisterMaps.available()
        + " or a .json file)";
  }

  /**
   * A chamber in the shape it is read from, for the API and the inventory table.
   *
   * @param c the chamber.
   * @return its fields, in a stable order.
   */
  public static Map<String, Object> write(LabChamber c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", c.id());
    m.put("make", c.make());
    m.put("model", c.model());
    m.put("registerMap", c.registerMap());
    m.put("transport", c.transport().name());
    m.put("host", c.host());
    m.put("port", c.port());
    m.put("unitId", c.unitId());
    if (c.serial() != null) {
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("device", c.serial().device());
      s.put("baudRate", c.serial().baudRate());
      s.put("dataBits", c.serial().dataBits());
      s.put("parity", c.serial().parity().name());
      s.put("stopBits", c.serial().stopBits());
      s.put("rs485", c.serial().rs485());
      m.put("serial", s);
    }
    m.put("simulated", c.simulated());
    m.put("requestTimeout", c.requestTimeout().toString());
    ChamberProperties.Limits l = c.limits();
    Map<String, Object> limits = new LinkedHashMap<>();
    limits.put("minTemperature", l.minTemperature());
    limits.put("maxTemperature", l.maxTemperature());
    limits.put("maxRampRate", l.maxRampRate());
    limits.put("minHumidity", l.minHumidity());
    limits.put("maxHumidity", l.maxHumidity());
    limits.put("humidityMinTemperature", l.humidityMinTemperature());
    limits.put("humidityMaxTemperature", l.humidityMaxTemperature());
    limits.put("safeTemperature", l.safeTemperature());
    m.put("limits", limits);
    m.put("location", c.location());
    m.put("calibrationDue", c.calibrationDue() == null ? null : c.calibrationDue().toString());
    m.put("service", c.inService() ? "IN_SERVICE" : "OUT_OF_SERVICE");
    m.put("outOfServiceReason", c.outOfServiceReason());
    return m;
  }

  /** Typed reads of one map's fields, each problem at its path. */
  private static final class Fields {
    private final Map<?, ?> m;
    private final String at;
    private final List<Problem> problems;

    Fields(Map<?, ?> m, String at, List<Problem> problems) {
      this.m = m;
      this.at = at;
      this.problems = problems;
    }

    boolean has(String key) {
      return m.get(key) != null;
    }

    String string(String key, String fallback, int max) {
      Object v = m.get(key);
      if (v == null) {
        return fallback;
      }
      if (v instanceof Map || v instanceof List) {
        problems.add(new Problem(at + key, "a text value"));
        return fallback;
      }
      String s = String.valueOf(v).trim();
      if (s.length() > max) {
        problems.add(
            new Problem(at + key, "at most " + max + " characters (got " + s.length() + ")"));
        return fallback;
      }
      return s.isEmpty() ? fallback : s;
    }

    boolean bool(String key, boolean fallback) {
      Object v = m.get(key);
      if (v == null) {
        return fallback;
      }
      if (v instanceof Boolean b) {
        return b;
      }
      problems.add(new Problem(at + key, "true or false"));
      return fallback;
    }

    int integer(String key, int fallback, int min, int max) {
      Object v = m.get(key);
      if (v == null) {
        return fallback;
      }
      if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
        long x = n.longValue();
        if (x >= min && x <= max) {
          return (int) x;
        }
      }
      problems.add(
          new Problem(at + key, "a whole number from " + min + " to " + max + " (got " + v + ")"));
      return fallback;
    }

    Double number(String key) {
      Object v = m.get(key);
      if (v == null) {
        return null;
      }
      if (v instanceof Number n && Double.isFinite(n.doubleValue())) {
        return n.doubleValue();
      }
      problems.add(new Problem(at + key, "a number (got " + v + ")"));
      return null;
    }

    <E extends Enum<E>> E enumValue(String key, Class<E> type, E fallback) {
      String s = string(key, null, 32);
      if (s == null) {
        return fallback;
      }
      for (E e : type.getEnumConstants()) {
        if (e.name().equalsIgnoreCase(s)) {
          return e;
        }
      }
      problems.add(
          new Problem(
              at + key,
              "one of " + java.util.Arrays.toString(type.getEnumConstants()) + " (got " + s + ")"));
      return fallback;
    }

    Duration duration(String key, Duration fallback) {
      String s = string(key, null, 32);
      if (s == null) {
        return fallback;
      }
      try {
        Duration d =
            s.toUpperCase(Locale.ROOT).startsWith("P")
                ? Duration.parse(s)
                : org.springframework.boot.convert.DurationStyle.detectAndParse(s);
        if (!d.isNegative() && !d.isZero() && d.compareTo(Duration.ofMinutes(1)) <= 0) {
          return d;
        }
      } catch (RuntimeException e) {
        // reported below
      }
      problems.add(
          new Problem(at + key, "a duration up to 1 minute, e.g. 2s or PT2S (got " + s + ")"));
      return fallback;
    }

    LocalDate date(String key) {
      Object v = m.get(key);
      if (v == null) {
        return null;
      }
      if (v instanceof java.util.Date d) {
        // SnakeYAML reads an unquoted 2027-03-31 as a timestamp
        return d.toInstant().atZone(java.time.ZoneOffset.UTC).toLocalDate();
      }
      try {
        return LocalDate.parse(String.valueOf(v).trim());
      } catch (DateTimeParseException e) {
        problems.add(new Problem(at + key, "a date, YYYY-MM-DD (got " + v + ")"));
        return null;
      }
    }

    SerialSettings serial(String key) {
      Object v = m.get(key);
      if (v == null) {
        return null;
      }
      if (!(v instanceof Map<?, ?> s)) {
        problems.add(
            new Problem(at + key, "a map: {device, baudRate, parity, dataBits, stopBits, rs485}"));
        return null;
      }
      for (Object k : s.keySet()) {
        if (!SERIAL_FIELDS.contains(String.valueOf(k))) {
          problems.add(
              new Problem(
                  at + key + "." + k,
                  "unknown field; known: " + new java.util.TreeSet<>(SERIAL_FIELDS)));
        }
      }
      Fields f = new Fields(s, at + key + ".", problems);
      int before = problems.size();
      String device = f.string("device", null, 255);
      if (device == null) {
        problems.add(new Problem(at + key + ".device", "required, e.g. /dev/ttyUSB0"));
      }
      int baud = f.integer("baudRate", 9600, 300, 4_000_000);
      int dataBits = f.integer("dataBits", 8, 7, 8);
      SerialSettings.Parity parity =
          f.enumValue("parity", SerialSettings.Parity.class, SerialSettings.Parity.NONE);
      int stopBits = f.integer("stopBits", 1, 1, 2);
      boolean rs485 = f.bool("rs485", false);
      if (problems.size() > before) {
        return null;
      }
      return new SerialSettings(device, baud, dataBits, parity, stopBits, rs485);
    }

    ChamberProperties.Limits limits(String key, io.stressflow.chamber.ChamberLimits base) {
      ChamberProperties.Limits d =
          new ChamberProperties.Limits(
              base.minTemperature(),
              base.maxTemperature(),
              base.maxRampRate(),
              base.minHumidity(),
              base.maxHumidity(),
              base.humidityMinTemperature(),
              base.humidityMaxTemperature(),
              base.safeTemperature());
      Object v = m.get(key);
      if (v == null) {
        return d;
      }
      if (!(v instanceof Map<?, ?> s)) {
        problems.add(
            new Problem(
                at + key, "a map of the rated envelope: " + new java.util.TreeSet<>(LIMIT_FIELDS)));
        return d;
      }
      for (Object k : s.keySet()) {
        if (!LIMIT_FIELDS.contains(String.valueOf(k))) {
          problems.add(
              new Problem(
                  at + key + "." + k,
                  "unknown field; known: " + new java.util.TreeSet<>(LIMIT_FIELDS)));
        }
      }
      Fields f = new Fields(s, at + key + ".", problems);
      ChamberProperties.Limits l =
          new ChamberProperties.Limits(
              or(f.number("minTemperature"), d.minTemperature()),
              or(f.number("maxTemperature"), d.maxTemperature()),
              or(f.number("maxRampRate"), d.maxRampRate()),
              or(f.number("minHumidity"), d.minHumidity()),
              or(f.number("maxHumidity"), d.maxHumidity()),
              or(f.number("humidityMinTemperature"), d.humidityMinTemperature()),
              or(f.number("humidityMaxTemperature"), d.humidityMaxTemperature()),
              or(f.number("safeTemperature"), d.safeTemperature()));
      try {
        l.toChamberLimits();
      } catch (IllegalArgumentException e) {
        problems.add(new Problem(at + key, e.getMessage()));
      }
      return l;
    }

    private static double or(Double v, double fallback) {
      return v == null ? fallback : v;
    }
  }
}
