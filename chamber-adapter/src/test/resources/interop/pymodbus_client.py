"""Third-party master against the Stressflow simulator (generic map): prints registers as key=value."""
import sys

from pymodbus.client import ModbusTcpClient
from pymodbus.transaction import ModbusRtuFramer, ModbusSocketFramer

port, framing = int(sys.argv[1]), sys.argv[2]
client = ModbusTcpClient("127.0.0.1", port=port, framer=ModbusRtuFramer if framing == "rtu" else ModbusSocketFramer, timeout=3)
if not client.connect():
    sys.exit("could not connect")
inputs = client.read_input_registers(0, 6, slave=1)
print("inputs=" + ",".join(str(v) for v in inputs.registers))
client.write_register(0, 425, slave=1)  # air setpoint 42.5 degC (int16 x10)
holding = client.read_holding_registers(0, 5, slave=1)
print("holding=" + ",".join(str(v) for v in holding.registers))
client.close()
