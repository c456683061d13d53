package io.stressflow.chamber.modbus;

import com.digitalpetri.modbus.client.ModbusClient;
import com.digitalpetri.modbus.exceptions.ModbusConnectException;
import com.digitalpetri.modbus.exceptions.ModbusExecutionException;
import com.digitalpetri.modbus.exceptions.ModbusResponseException;
import com.digitalpetri.modbus.exceptions.ModbusTimeoutException;
import com.digitalpetri.modbus.pdu.ReadCoilsRequest;
import com.digitalpetri.modbus.pdu.ReadDiscreteInputsRequest;
import com.digitalpetri.modbus.pdu.ReadHoldingRegistersRequest;
import com.digitalpetri.modbus.pdu.ReadInputRegistersRequest;
import com.digitalpetri.modbus.pdu.WriteMultipleRegistersRequest;
import com.digitalpetri.modbus.pdu.WriteSingleCoilRequest;
import com.digitalpetri.modbus.pdu.WriteSingleRegisterRequest;
import io.stressflow.chamber.ChamberConnectException;
import io.stressflow.chamber.ChamberException;
import io.stressflow.chamber.ChamberRejectedException;
import io.stressflow.chamber.ChamberTimeoutException;
import io.stressflow.chamber.registermap.RegisterTable;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * Register reads and writes for one chamber on a digitalpetri client: keeps RTU transports to one
 * request in flight and turns digitalpetri's exceptions into our typed ones.
 */
final class ModbusIo {

  private final ModbusClient client;
  private final int unitId;
  private final boolean oneInFlight;
  private final String chamber;
  private final Duration timeout;
  private final IntSupplier rtuExceptionCode;
  private CompletableFuture<?> tail = CompletableFuture.completedFuture(null);

  ModbusIo(
      ModbusClient client,
      int unitId,
      boolean oneInFlight,
      String chamber,
      Duration timeout,
      IntSupplier rtuExceptionCode) {
    this.client = client;
    this.rtuExceptionCode = rtuExceptionCode;
    this.unitId = unitId;
    this.oneInFlight = oneInFlight;
    this.chamber = chamber;
    this.timeout = timeout;
  }

  /**
   * Reads consecutive registers.
   *
   * @return two bytes per register, wire order.
   */
  CompletionStage<byte[]> readWords(RegisterTable table, int address, int quantity) {
    Supplier<String> what = () -> "read %d %s(s) at %d".formatted(quantity, table, address);
    return submit(
        what,
        () ->
            table == RegisterTable.HOLDING_REGISTER
                ? client
                    .readHoldingRegistersAsync(
                        unitId, new ReadHoldingRegistersRequest(address, quantity))
                    .thenApply(r -> r.registers())
                : client
                    .readInputRegistersAsync(
                        unitId, new ReadInputRegistersRequest(address, quantity))
                    .thenApply(r -> r.registers()));
  }

  /**
   * Reads consecutive bits.
   *
   * @return the bits packed LSB first, as on the wire.
   */
  CompletionStage<byte[]> readBits(RegisterTable table, int address, int quantity) {
    Supplier<String> what = () -> "read %d %s(s) at %d".formatted(quantity, table, address);
    return submit(
        what,
        () ->
            table == RegisterTable.COIL
                ? client
                    .readCoilsAsync(unitId, new ReadCoilsRequest(address, quantity))
                    .thenApply(r -> r.coils())
                : client
                    .readDiscreteInputsAsync(
                        unitId, new ReadDiscreteInputsRequest(address, quantity))
                    .thenApply(r -> r.inputs()));
  }

  /** Writes holding registers: FC 6 for one register, FC 16 for more. */
  CompletionStage<Void> writeWords(String name, int address, byte[] bytes) {
    Supplier<String> what = () -> "write '%s' at holding register %d".formatted(name, address);
    return submit(
        what,
        () ->
            bytes.length == 2
                ? client
                    .writeSingleRegisterAsync(
                        unitId,
                        new WriteSingleRegisterRequest(
                            address, ((bytes[0] & 0xFF) << 8) | (bytes[1] & 0xFF)))
                    .thenApply(r -> null)
                : client
                    .writeMultipleRegistersAsync(
                        unitId, new WriteMultipleRegistersRequest(address, bytes.length / 2, bytes))
                    .thenApply(r -> null));
  }

  /** Writes one coil (FC 5). */
  CompletionStage<Void> writeBit(String name, int address, boolean value) {
    Supplier<String> what = () -> "write '%s' at coil %d".formatted(name, address);
    return submit(
        what,
        () ->
            client
                .writeSingleCoilAsync(unitId, new WriteSingleCoilRequest(address, value))
                .thenApply(r -> null));
  }

  private <T> CompletionStage<T> submit(
      Supplier<String> what, Supplier<CompletionStage<T>> request) {
    CompletableFuture<T> result;
    if (oneInFlight) {
      synchronized (this) {
        result = tail.handle((v, e) -> null).thenCompose(x -> request.get()).toCompletableFuture();
        tail = result;
      }
    } else {
      result = request.get().toCompletableFuture();
    }
    return result.handle(
        (value, failure) -> {
          if (failure != null) {
            // the description is built only on failure: this is the polling hot path
            throw new CompletionException(translate(what.get(), failure));
          }
          return value;
        });
  }

  ChamberException translate(String what, Throwable failure) {
    Throwable t = failure;
    while ((t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    String expected = "Expected chamber '%s' to %s".formatted(chamber, what);
    if (t instanceof ChamberException ce) {
      return ce;
    }
    // the async API fails with the JDK's TimeoutException, the sync one with digitalpetri's
    if (t instanceof ModbusTimeoutException || t instanceof TimeoutException) {
      return new ChamberTimeoutException(
          expected + ", but it did not answer within " + timeout.toMillis() + " ms", t);
    }
    if (t instanceof ModbusResponseException r) {
      int code = r.getExceptionCode();
      if ((code & 0xFF) == (r.getFunctionCode() | 0x80)) {
        // digitalpetri 2.1.4's RTU client reports the function byte; see RtuExceptionSniffer
        code = rtuExceptionCode.getAsInt();
      }
      return new ChamberRejectedException(
          "%s (chamber '%s')".formatted(what, chamber), r.getFunctionCode(), code);
    }
    if (t instanceof ModbusConnectException
        || t instanceof ModbusExecutionException
        || t instanceof IOException) {
      return new ChamberConnectException(
          expected
              + ", but it is not connected: "
              + (t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName()),
          t);
    }
    return new ChamberException(expected + ", but: " + t, t);
  }
}
