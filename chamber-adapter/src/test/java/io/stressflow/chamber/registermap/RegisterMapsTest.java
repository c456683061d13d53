package io.stressflow.chamber.registermap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RegisterMapsTest {

  static Stream<String> shippedMaps() {
    return RegisterMaps.available().stream();
  }

  @ParameterizedTest
  @MethodSource("shippedMaps")
  void everyShippedMapLoadsAndCitesASource(String name) {
    RegisterMap map = RegisterMaps.load(name);

    assertThat(map.model()).isEqualTo(name);
    assertThat(map.sources()).isNotEmpty();
    assertThat(map.find(Signals.AIR_TEMPERATURE)).isPresent();
  }

  @ParameterizedTest
  @MethodSource("shippedMaps")
  void everyUnverifiedEntrySaysWhyInANote(String name) {
    assertThat(RegisterMaps.load(name).unverified())
        .allSatisfy(r -> assertThat(r.note()).as(r.name()).isNotBlank());
  }

  @Test
  void theIndexListsEveryMapFileOnTheClassPath() throws Exception {
    Path dir =
        Path.of(
                RegisterMaps.class
                    .getClassLoader()
                    .getResource("io/stressflow/chamber/registermap/index.txt")
                    .toURI())
            .getParent();
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".json")))
          .map(f -> f.replace(".json", ""))
          .containsExactlyInAnyOrderElementsOf(RegisterMaps.available());
    }
  }

  @Test
  void genericMapHasEveryStateSignal() {
    RegisterMap map = RegisterMaps.load("generic");

    assertThat(map.registers())
        .extracting(RegisterDefinition::name)
        .contains(
            Signals.AIR_TEMPERATURE,
            Signals.AIR_SETPOINT,
            Signals.LOAD_TEMPERATURE,
            Signals.HUMIDITY,
            Signals.HUMIDITY_SETPOINT,
            Signals.MODE,
            Signals.DOOR,
            Signals.RAMP_RATE,
            Signals.OVER_TEMPERATURE_LIMIT);
  }

  @Test
  void shouldRefuseHumidityLimitsOnAMapWithoutAHumiditySetpoint() {
    assertThatThrownBy(
            () ->
                RegisterMaps.parse(
                    """
                    { "model": "dry", "sources": ["test"],
                      "limits": { "minTemperature": -40, "maxTemperature": 150, "maxHumidity": 95 },
                      "registers": [
                      { "name": "air.temperature", "table": "INPUT_REGISTER", "address": 0, "type": "INT16" },
                      { "name": "air.setpoint", "table": "HOLDING_REGISTER", "address": 0, "type": "INT16", "access": "READ_WRITE" },
                      { "name": "mode", "table": "HOLDING_REGISTER", "address": 1, "type": "UINT16", "access": "READ_WRITE",
                        "codes": { "OFF": 0, "RUNNING": 1 } } ] }"""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'dry'")
        .hasMessageContaining("no humidity setpoint register ('humidity.setpoint'")
        .hasMessageContaining("[maxHumidity]");
  }

  @ParameterizedTest
  @MethodSource("shippedMaps")
  void everyShippedMapAdvertisesHumidityOnlyWithAHumidityRegister(String name) {
    MapCapabilities capabilities = RegisterMaps.load(name).capabilities();

    // loading would have refused humidity limits without the register; the reverse holds too
    assertThat(capabilities.humiditySetpoint()).isEqualTo(capabilities.humidity());
  }

  @Test
  void shouldRampEurotherm3500OnLoopOnesSetpointRateLimit() {
    RegisterMap map = RegisterMaps.load("eurotherm-3500");

    assertThat(map.require(Signals.RAMP_RATE).address()).isEqualTo(35);
    assertThat(map.require(Signals.RAMP_RATE).verified()).isTrue();
    assertThat(map.capabilities().rampRate()).isTrue();
  }

  @Test
  void shouldDescribeWhatEachMapCanDo() {
    assertThat(RegisterMaps.load("generic").capabilities())
        .isEqualTo(MapCapabilities.full("generic"));
    assertThat(RegisterMaps.load("eurotherm-3200").capabilities())
        .isEqualTo(new MapCapabilities("eurotherm-3200", true, false, false, false, false, false));
    assertThat(RegisterMaps.load("watlow-f4t").capabilities())
        .isEqualTo(new MapCapabilities("watlow-f4t", false, true, true, true, false, false));
  }

  @Test
  void unknownNameListsTheAvailableMaps() {
    assertThatThrownBy(() -> RegisterMaps.load("acme-9000"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("acme-9000")
        .hasMessageContaining("generic");
  }

  @Test
  void loadsAMapFromAFile(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("lab.json");
    Files.writeString(file, map(register("x", "INPUT_REGISTER", 20, "INT16", "READ")));

    assertThat(RegisterMaps.load(file).find("x")).isPresent();
  }

  @Test
  void rejectsDuplicateNames() {
    assertRejected(
        map(register("air.temperature", "INPUT_REGISTER", 20, "INT16", "READ")),
        "'air.temperature' appears twice");
  }

  @Test
  void rejectsOverlappingAddressesNamingBothRegisters() {
    assertRejected(
        map(register("extra", "HOLDING_REGISTER", 0, "FLOAT32", "READ")),
        "'extra' (HOLDING_REGISTER 0..1) overlaps 'air.setpoint' (HOLDING_REGISTER 0..0)");
  }

  @Test
  void rejectsAWritableEntryInAReadOnlyTable() {
    assertRejected(
        map(register("bad", "INPUT_REGISTER", 30, "INT16", "READ_WRITE")),
        "register 'bad' to be READ only because INPUT_REGISTER is not writable");
  }

  @Test
  void rejectsATypeThatDoesNotFitTheTable() {
    assertRejected(
        map(register("flag", "HOLDING_REGISTER", 30, "BOOL", "READ_WRITE")),
        "register 'flag' to have a type that fits table HOLDING_REGISTER, but was BOOL");
  }

  @Test
  void rejectsACodeThatDoesNotFitTheType() {
    String mode =
        """
        { "name": "mode2", "table": "HOLDING_REGISTER", "address": 40, "type": "INT16",
          "access": "READ_WRITE", "codes": { "OFF": 70000 } }""";
    assertRejected(map(mode), "code OFF of register 'mode2' to fit INT16");
  }

  @Test
  void rejectsAWritableOverTemperatureLimit() {
    assertRejected(
        map(register("overtemp.limit", "HOLDING_REGISTER", 30, "INT16", "READ_WRITE")),
        "'overtemp.limit' in map 'test' to be READ");
  }

  @Test
  void rejectsAMapWithoutSources() {
    String json =
        map(register("x", "INPUT_REGISTER", 20, "INT16", "READ"))
            .replace("\"sources\": [\"test\"],", "");
    assertRejected(json, "map 'test' to cite at least one source");
  }

  @Test
  void rejectsAnUnknownField() {
    String json =
        map(
            """
            { "name": "x", "table": "INPUT_REGISTER", "address": 20, "type": "INT16", "scal": 0.1 }""");
    assertRejected(json, "register 'x' to have only the fields");
  }

  @Test
  void rejectsAnUnknownAlarmBit() {
    String json =
        map(
            """
            { "name": "alarms", "table": "INPUT_REGISTER", "address": 20, "type": "UINT16",
              "bits": { "3": "FIRE" } }""");
    assertRejected(
        json, "bit 3 of register 'alarms' to name a ChamberAlarm or DOOR, but was 'FIRE'");
  }

  @Test
  void rejectsAnUnknownTypeNamingTheRegister() {
    assertRejected(
        map(register("x", "INPUT_REGISTER", 20, "FLOAT64", "READ")),
        "register 'x' to have a type among [BOOL, INT16, UINT16, INT32, FLOAT32], but was 'FLOAT64'");
  }

  @Test
  void rejectsAMissingTable() {
    assertRejected(
        map(
            """
            { "name": "x", "address": 20, "type": "INT16" }"""),
        "register 'x' to have a table among");
  }

  private static void assertRejected(String json, String message) {
    assertThatThrownBy(() -> RegisterMaps.parse(json))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }

  private static String register(
      String name, String table, int address, String type, String access) {
    return """
        { "name": "%s", "table": "%s", "address": %d, "type": "%s", "access": "%s" }"""
        .formatted(name, table, address, type, access);
  }

  /** A minimal valid map plus one extra entry. */
  private static String map(String extra) {
    return """
        { "model": "test", "sources": ["test"],
          "registers": [
            { "name": "air.temperature", "table": "INPUT_REGISTER", "address": 0, "type": "INT16", "scale": 0.1 },
            { "name": "air.setpoint", "table": "HOLDING_REGISTER", "address": 0, "type": "INT16", "scale": 0.1, "access": "READ_WRITE" },
            { "name": "mode", "table": "HOLDING_REGISTER", "address": 1, "type": "UINT16", "access": "READ_WRITE",
              "codes": { "OFF": 0, "RUNNING": 1 } },
            %s ] }"""
        .formatted(extra);
  }
}
