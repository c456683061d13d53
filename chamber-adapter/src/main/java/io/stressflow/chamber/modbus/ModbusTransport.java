package io.stressflow.chamber.modbus;

/** How Modbus frames travel between the driver and a controller. */
public enum ModbusTransport {
  /** Modbus TCP (MBAP header), several requests in flight matched by transaction id. */
  TCP,
  /**
   * Modbus RTU frames (CRC, no MBAP header) tunnelled over a TCP socket, as serial-to-Ethernet
   * gateways (Lantronix XPort, Moxa NPort in raw mode) do. One request in flight.
   */
  RTU_OVER_TCP,
  /** Modbus RTU on a local serial port (RS-232/485). One request in flight. */
  RTU_SERIAL
}
