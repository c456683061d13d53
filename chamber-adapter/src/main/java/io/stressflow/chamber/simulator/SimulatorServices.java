package io.stressflow.chamber.simulator;

import com.digitalpetri.modbus.FunctionCode;
import com.digitalpetri.modbus.exceptions.ModbusResponseException;
import com.digitalpetri.modbus.exceptions.UnknownUnitIdException;
import com.digitalpetri.modbus.pdu.MaskWriteRegisterRequest;
import com.digitalpetri.modbus.pdu.MaskWriteRegisterResponse;
import com.digitalpetri.modbus.pdu.ReadCoilsRequest;
import com.digitalpetri.modbus.pdu.ReadCoilsResponse;
import com.digitalpetri.modbus.pdu.ReadDiscreteInputsRequest;
import com.digitalpetri.modbus.pdu.ReadDiscreteInputsResponse;
import com.digitalpetri.modbus.pdu.ReadHoldingRegistersRequest;
import com.digitalpetri.modbus.pdu.ReadHoldingRegistersResponse;
import com.digitalpetri.modbus.pdu.ReadInputRegistersRequest;
import com.digitalpetri.modbus.pdu.ReadInputRegistersResponse;
import com.digitalpetri.modbus.pdu.ReadWriteMultipleRegistersRequest;
import com.digitalpetri.modbus.pdu.ReadWriteMultipleRegistersResponse;
import com.digitalpetri.modbus.pdu.WriteMultipleCoilsRequest;
import com.digitalpetri.modbus.pdu.WriteMultipleCoilsResponse;
import com.digitalpetri.modbus.pdu.WriteMultipleRegistersRequest;
import com.digitalpetri.modbus.pdu.WriteMultipleRegistersResponse;
import com.digitalpetri.modbus.pdu.WriteSingleCoilRequest;
import com.digitalpetri.modbus.pdu.WriteSingleCoilResponse;
import com.digitalpetri.modbus.pdu.WriteSingleRegisterRequest;
import com.digitalpetri.modbus.pdu.WriteSingleRegisterResponse;
import com.digitalpetri.modbus.server.ModbusRequestContext;
import com.digitalpetri.modbus.server.ModbusServices;
import com.digitalpetri.modbus.server.ProcessImage;
import com.digitalpetri.modbus.server.ReadWriteModbusServices;
import java.util.Optional;

/**
 * digitalpetri's read/write services on the simulator's process image, answering with the
 * configured exception code while that fault is on. Only the configured unit id is served.
 */
final class SimulatorServices implements ModbusServices {

  private final SimulatorFaults faults;
  private final ReadWriteModbusServices delegate;
  private final Runnable afterWrite;
  private final SimulatorWriters writers;

  /**
   * Creates the services.
   *
   * @param image the process image.
   * @param unitId the unit id served.
   * @param faults the faults in force.
   * @param afterWrite run after every register or coil write, e.g. the controller echoing a written
   *     setpoint into its read-back register (a controller's read-back shows the setpoint it took
   *     within its scan cycle, not a simulator tick later).
   * @param writers records which connection made each write.
   */
  SimulatorServices(
      ProcessImage image,
      int unitId,
      SimulatorFaults faults,
      Runnable afterWrite,
      SimulatorWriters writers) {
    this.faults = faults;
    this.afterWrite = afterWrite;
    this.writers = writers;
    this.delegate =
        new ReadWriteModbusServices() {
          @Override
          protected Optional<ProcessImage> getProcessImage(int requested) {
            return requested == unitId ? Optional.of(image) : Optional.empty();
          }
        };
  }

  private void wrote(ModbusRequestContext c) {
    writers.wrote(
        c instanceof ModbusRequestContext.ModbusTcpRequestContext tcp ? tcp.remoteAddress() : null);
    afterWrite.run();
  }

  private void check(FunctionCode function) throws ModbusResponseException {
    var code = faults.exceptionCode();
    if (code.isPresent()) {
      throw new ModbusResponseException(function.getCode(), code.getAsInt());
    }
  }

  @Override
  public ReadCoilsResponse readCoils(ModbusRequestContext c, int unit, ReadCoilsRequest r)
      throws ModbusResponseException, UnknownUnitIdException {
    check(FunctionCode.READ_COILS);
    return delegate.readCoils(c, unit, r);
  }

  @Override
  public ReadDiscreteInputsResponse readDiscreteInputs(
      ModbusRequestContext c, int unit, ReadDiscreteInputsRequest r)
      throws ModbusResponseException, UnknownUnitIdException {
    check(FunctionCode.READ_DISCRETE_INPUTS);
    return delegate.readDiscreteInputs(c, unit, r);
  }

  @Override
  public ReadHoldingRegistersResponse readHoldingRegisters(
      ModbusRequestContext c, int unit, ReadHoldingRegistersRequest r)
      throws ModbusResponseException, UnknownUnitIdException {
    check(FunctionCode.READ_HOLDING_REGISTERS);
    return delegate.readHoldingRegisters(c, unit, r);
  }

  @Override
  public ReadInputRegistersResponse readInputRegisters(
      ModbusRequestContext c, int unit, ReadInputRegistersRequest r)
      throws ModbusResponseException, UnknownUnitIdException {
    check(FunctionCode.READ_INPUT_REGISTERS);
    return delegate.readInputRegisters(c, unit, r);
  }

  @Override
  public WriteSingleCoilResponse writeSingleCoil(
      ModbusRequestContext c, int unit, WriteSingleCoilRequest r)
      throws ModbusResponseException, UnknownUnitIdException {
    check(FunctionCode.WRITE_SINGLE_COIL);
    WriteSingleCoilResponse response = delegate.writeSingleCoil(c, unit, r);
    wrote(c);
    return response;
  }

  @Override
  public WriteSingleRegisterResponse writeSingleRegister(
      ModbusRequestContext c, int unit, WriteSingleRegisterRequest r)
      throws ModbusResponseException, UnknownUnitIdException {
    check(FunctionCode.WRITE_SINGLE_REGISTER);
    WriteSingleRegisterResponse response = delegate.writeSingleRegister(c, unit, r);
    wrote(c);
    return response;
  }

  @Override
  public WriteMultipleCoilsResponse writeMultipleCoils(
      ModbusRequestContext c, int unit, WriteMultipleCoilsRequest r)
      throws ModbusResponseException, UnknownUnitIdException {
    check(FunctionCode.WRITE_MULTIPLE_COILS);
    WriteMultipleCoilsResponse response = delegate.writeMultipleCoils(c, unit, r);
    wrote(c);
    return response;
  }

  @Override
  public WriteMultipleRegistersResponse writeMultipleRegisters(
      ModbusRequestContext c, int unit, WriteMultipleRegistersRequest r)
      throws ModbusResponseException, UnknownUnitIdException {
    check(FunctionCode.WRITE_MULTIPLE_REGISTERS);
    WriteMultipleRegistersResponse response = delegate.writeMultipleRegisters(c, unit, r);
    wrote(c);
    return response;
  }

  @Override
  public MaskWriteRegisterResponse maskWriteRegister(
      ModbusRequestContext c, int unit, MaskWriteRegisterRequest r)
      throws ModbusResponseException, UnknownUnitIdException {
    check(FunctionCode.MASK_WRITE_REGISTER);
    MaskWriteRegisterResponse response = delegate.maskWriteRegister(c, unit, r);
    wrote(c);
    return response;
  }

  @Override
  public ReadWriteMultipleRegistersResponse readWriteMultipleRegisters(
      ModbusRequestContext c, int unit, ReadWriteMultipleRegistersRequest r)
      throws ModbusResponseException, UnknownUnitIdException {
    check(FunctionCode.READ_WRITE_MULTIPLE_REGISTERS);
    ReadWriteMultipleRegistersResponse response = delegate.readWriteMultipleRegisters(c, unit, r);
    wrote(c);
    return response;
  }
}
