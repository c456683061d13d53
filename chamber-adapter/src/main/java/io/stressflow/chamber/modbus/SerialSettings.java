package io.stressflow.chamber.modbus;

import java.util.Objects;

/**
 * Serial-line settings for {@link ModbusTransport#RTU_SERIAL}.
 *
 * @param device the port, e.g. {@code /dev/ttyUSB0} or {@code COM3}.
 * @param baudRate bits per second, &gt; 0 (CSZ EZT-570i: 9600; Watlow F4: 19200).
 * @param dataBits 7 or 8.
 * @param parity NONE, EVEN or ODD (CSZ EZT-570i: EVEN).
 * @param stopBits 1 or 2.
 * @param rs485 {@code true} to drive RTS for RS-485 direction control.
 */
public record SerialSettings(
    String device, int baudRate, int dataBits, Parity parity, int stopBits, boolean rs485) {

  /** Serial parity. */
  public enum Parity {
    /** No parity bit. */
    NONE,
    /** Odd parity. */
    ODD,
    /** Even parity. */
    EVEN
  }

  /** Validates the settings. */
  public SerialSettings {
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(parity, "parity");
    if (baudRate <= 0) {
      throw new IllegalArgumentException("Expected a baud rate > 0, but was " + baudRate);
    }
    if (dataBits != 7 && dataBits != 8) {
      throw new IllegalArgumentException("Expected 7 or 8 data bits, but was " + dataBits);
    }
    if (stopBits != 1 && stopBits != 2) {
      throw new IllegalArgumentException("Expected 1 or 2 stop bits, but was " + stopBits);
    }
  }

  /**
   * 8 data bits, 1 stop bit, RS-232.
   *
   * @param device the port.
   * @param baudRate bits per second.
   * @param parity the parity.
   * @return the settings.
   */
  public static SerialSettings of(String device, int baudRate, Parity parity) {
    return new SerialSettings(device, baudRate, 8, parity, 1, false);
  }
}
