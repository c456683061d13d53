package io.stressflow.chamber.registermap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RegisterCodecTest {

  @ParameterizedTest
  @EnumSource(WordOrder.class)
  void int16RoundTripIsExhaustive(WordOrder order) {
    for (int raw = Short.MIN_VALUE; raw <= Short.MAX_VALUE; raw++) {
      byte[] wire = RegisterCodec.encodeInteger(DataType.INT16, order, raw);
      assertThat(RegisterCodec.decodeInteger(DataType.INT16, order, wire, 0)).isEqualTo(raw);
    }
  }

  @ParameterizedTest
  @EnumSource(WordOrder.class)
  void uint16RoundTripIsExhaustive(WordOrder order) {
    for (int raw = 0; raw <= 0xFFFF; raw++) {
      byte[] wire = RegisterCodec.encodeInteger(DataType.UINT16, order, raw);
      assertThat(RegisterCodec.decodeInteger(DataType.UINT16, order, wire, 0)).isEqualTo(raw);
    }
  }

  @ParameterizedTest
  @EnumSource(WordOrder.class)
  void int32RoundTrip(WordOrder order) {
    Random random = new Random(42);
    long[] edges = {0, 1, -1, Integer.MIN_VALUE, Integer.MAX_VALUE, 0x12345678, -0x12345678};
    for (long raw : edges) {
      assertInt32RoundTrip(order, raw);
    }
    for (int i = 0; i < 200_000; i++) {
      assertInt32RoundTrip(order, random.nextInt());
    }
  }

  private static void assertInt32RoundTrip(WordOrder order, long raw) {
    byte[] wire = RegisterCodec.encodeInteger(DataType.INT32, order, raw);
    assertThat(RegisterCodec.decodeInteger(DataType.INT32, order, wire, 0)).isEqualTo(raw);
  }

  @ParameterizedTest
  @EnumSource(WordOrder.class)
  void float32RoundTripKeepsEveryBitPattern(WordOrder order) {
    // 65,536 bit patterns spread over the whole range, NaN payloads and subnormals included
    for (long bits = 0; bits <= 0xFFFF_FFFFL; bits += 0x1_0001) {
      float value = Float.intBitsToFloat((int) bits);
      byte[] wire = RegisterCodec.encodeFloat(order, value);
      float back = RegisterCodec.decodeFloat(order, wire, 0);
      assertThat(Float.floatToRawIntBits(back)).isEqualTo((int) bits);
    }
  }

  @Test
  void wordOrdersPutTheBytesWhereTheirNamesSay() {
    // 0x41C80000 is 25.0f: A=41 B=C8 C=00 D=00
    assertThat(RegisterCodec.encodeFloat(WordOrder.ABCD, 25.0f)).containsExactly(0x41, 0xC8, 0, 0);
    assertThat(RegisterCodec.encodeFloat(WordOrder.CDAB, 25.0f)).containsExactly(0, 0, 0x41, 0xC8);
    assertThat(RegisterCodec.encodeFloat(WordOrder.BADC, 25.0f)).containsExactly(0xC8, 0x41, 0, 0);
    assertThat(RegisterCodec.encodeFloat(WordOrder.DCBA, 25.0f)).containsExactly(0, 0, 0xC8, 0x41);
    assertThat(RegisterCodec.encodeInteger(DataType.INT32, WordOrder.CDAB, 0x01020304))
        .containsExactly(3, 4, 1, 2);
    assertThat(RegisterCodec.encodeInteger(DataType.INT16, WordOrder.ABCD, -400))
        .containsExactly(0xFE, 0x70);
    assertThat(RegisterCodec.encodeInteger(DataType.INT16, WordOrder.DCBA, -400))
        .containsExactly(0x70, 0xFE);
  }

  @Test
  void scalingRoundTripsEveryX10Value() {
    RegisterDefinition x10 = register(DataType.INT16, 0.1, WordOrder.ABCD);
    for (int raw = Short.MIN_VALUE; raw <= Short.MAX_VALUE; raw++) {
      double value = raw / 10.0;
      byte[] wire = RegisterCodec.encode(x10, value);
      assertThat(RegisterCodec.decodeInteger(DataType.INT16, WordOrder.ABCD, wire, 0))
          .isEqualTo(raw);
      assertThat(RegisterCodec.decode(x10, wire, 0))
          .isCloseTo(value, org.assertj.core.data.Offset.offset(1e-9));
    }
  }

  @Test
  void scaledFloatDecodesToEngineeringUnits() {
    RegisterDefinition f = register(DataType.FLOAT32, 1.0, WordOrder.CDAB);
    assertThat(RegisterCodec.decode(f, RegisterCodec.encode(f, -40.25), 0)).isEqualTo(-40.25);
  }

  @Test
  void refusesAValueThatDoesNotFitNamingTheRegister() {
    RegisterDefinition x10 = register(DataType.INT16, 0.1, WordOrder.ABCD);

    assertThatThrownBy(() -> RegisterCodec.encode(x10, 3300.0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'t'")
        .hasMessageContaining("3276.7")
        .hasMessageContaining("3300.0");
  }

  @Test
  void enumCodesRoundTripAndUnknownCodesAreEmpty() {
    RegisterDefinition mode =
        new RegisterDefinition(
            "mode",
            RegisterTable.HOLDING_REGISTER,
            0,
            DataType.UINT16,
            1,
            null,
            Access.READ_WRITE,
            WordOrder.ABCD,
            Map.of("OFF", 62, "RUNNING", 10),
            Map.of(),
            true,
            null);
    byte[] wire = RegisterCodec.encodeCode(mode, "OFF");

    assertThat(
            RegisterCodec.decodeCode(
                mode, RegisterCodec.decodeInteger(DataType.UINT16, WordOrder.ABCD, wire, 0)))
        .contains("OFF");
    assertThat(RegisterCodec.decodeCode(mode, 99)).isEmpty();
    assertThatThrownBy(() -> RegisterCodec.encodeCode(mode, "STANDBY"))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("STANDBY");
  }

  private static RegisterDefinition register(DataType type, double scale, WordOrder order) {
    return new RegisterDefinition(
        "t",
        RegisterTable.HOLDING_REGISTER,
        0,
        type,
        scale,
        "degC",
        Access.READ_WRITE,
        order,
        Map.of(),
        Map.of(),
        true,
        null);
  }
}
