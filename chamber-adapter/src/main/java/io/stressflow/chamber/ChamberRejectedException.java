package io.stressflow.chamber;

/**
 * The controller answered with a Modbus exception response. Keeps the raw codes; the message
 * renders their names ({@code UNKNOWN} for codes outside the Modbus specification).
 */
public class ChamberRejectedException extends ChamberException {

  private static final long serialVersionUID = 1L;

  private static final String[] EXCEPTION_NAMES = {
    null,
    "ILLEGAL_FUNCTION",
    "ILLEGAL_DATA_ADDRESS",
    "ILLEGAL_DATA_VALUE",
    "SLAVE_DEVICE_FAILURE",
    "ACKNOWLEDGE",
    "SLAVE_DEVICE_BUSY",
    null,
    "MEMORY_PARITY_ERROR",
    null,
    "GATEWAY_PATH_UNAVAILABLE",
    "GATEWAY_TARGET_DEVICE_FAILED_TO_RESPONSE"
  };

  private final int functionCode;
  private final int exceptionCode;

  /**
   * Creates the exception.
   *
   * @param what what was being done, e.g. {@code "read 'air.temperature'"}.
   * @param functionCode the Modbus function code of the request, range [0x01, 0x7F].
   * @param exceptionCode the Modbus exception code of the response, range [0x00, 0xFF].
   */
  public ChamberRejectedException(String what, int functionCode, int exceptionCode) {
    super(
        "Expected to %s, but the controller answered function 0x%02X with exception 0x%02X [%s]"
            .formatted(what, functionCode, exceptionCode, exceptionName(exceptionCode)));
    this.functionCode = functionCode;
    this.exceptionCode = exceptionCode;
  }

  /**
   * The Modbus function code of the rejected request.
   *
   * @return the function code, range [0x01, 0x7F].
   */
  public int functionCode() {
    return functionCode;
  }

  /**
   * The Modbus exception code the controller answered with.
   *
   * @return the exception code, e.g. 0x02 for ILLEGAL_DATA_ADDRESS.
   */
  public int exceptionCode() {
    return exceptionCode;
  }

  /**
   * The specification's name of the exception code.
   *
   * @return e.g. {@code "ILLEGAL_DATA_ADDRESS"}, or {@code "UNKNOWN"}.
   */
  public String exceptionName() {
    return exceptionName(exceptionCode);
  }

  /**
   * Names a Modbus exception code.
   *
   * @param code the exception code.
   * @return the specification's name, or {@code "UNKNOWN"}.
   */
  public static String exceptionName(int code) {
    if (code >= 0 && code < EXCEPTION_NAMES.length && EXCEPTION_NAMES[code] != null) {
      return EXCEPTION_NAMES[code];
    }
    return "UNKNOWN";
  }
}
