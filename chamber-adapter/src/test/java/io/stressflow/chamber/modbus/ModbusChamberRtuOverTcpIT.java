package io.stressflow.chamber.modbus;

/** The chamber contract over Modbus RTU frames tunnelled through TCP (serial gateways). */
class ModbusChamberRtuOverTcpIT extends ModbusChamberContract {

  @Override
  ModbusTransport transport() {
    return ModbusTransport.RTU_OVER_TCP;
  }
}
