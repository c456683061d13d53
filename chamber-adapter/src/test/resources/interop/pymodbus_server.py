"""Third-party slave laid out like Stressflow's generic map, for the driver to talk to."""
import sys

from pymodbus.datastore import ModbusSequentialDataBlock, ModbusServerContext, ModbusSlaveContext
from pymodbus.server import StartTcpServer
from pymodbus.transaction import ModbusRtuFramer, ModbusSocketFramer

port, framing = int(sys.argv[1]), sys.argv[2]
# pymodbus 3.0 blocks are read from address + 1, hence the leading pad value.
# input: air 23.5, load 22.0, humidity 45.0, alarms bit 0 (over-temperature), door open, limit 190.0
inputs = ModbusSequentialDataBlock(0, [0, 235, 220, 450, 1, 1, 1900])
# holding: air setpoint 25.0, humidity setpoint 0, humidity off, no ramp, mode RUNNING (2)
holding = ModbusSequentialDataBlock(0, [0, 250, 0, 0, 0, 2] + [0] * 20)
bits = ModbusSequentialDataBlock(0, [0] * 10)
store = ModbusSlaveContext(di=bits, co=bits, hr=holding, ir=inputs)
print("serving", flush=True)
StartTcpServer(
    context=ModbusServerContext(slaves=store, single=True),
    address=("127.0.0.1", port),
    framer=ModbusRtuFramer if framing == "rtu" else ModbusSocketFramer,
)
