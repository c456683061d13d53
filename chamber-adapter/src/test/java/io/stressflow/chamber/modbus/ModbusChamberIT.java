package io.stressflow.chamber.modbus;

/** The chamber contract over Modbus TCP. */
class ModbusChamberIT extends ModbusChamberContract {

  @Override
  ModbusTransport transport() {
    return ModbusTransport.TCP;
  }
}
