package io.stressflow.chamber.modbus;

import io.stressflow.chamber.registermap.RegisterDefinition;
import io.stressflow.chamber.registermap.RegisterMap;
import io.stressflow.chamber.registermap.RegisterTable;
import io.stressflow.chamber.registermap.Signals;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Which requests read a full state: the entries the driver decodes, grouped per table into runs of
 * adjacent addresses. Gaps are never read, because real controllers often refuse unmapped addresses
 * with ILLEGAL_DATA_ADDRESS.
 */
record ReadPlan(List<Block> blocks) {

  /** Registers per request (Modbus allows 125). */
  static final int MAX_WORDS = 125;

  /** Bits per request (Modbus allows 2000). */
  static final int MAX_BITS = 2000;

  private static final Set<String> READ =
      Set.of(
          Signals.AIR_TEMPERATURE,
          Signals.AIR_SETPOINT,
          Signals.LOAD_TEMPERATURE,
          Signals.HUMIDITY,
          Signals.HUMIDITY_SETPOINT,
          Signals.HUMIDITY_ENABLE,
          Signals.MODE,
          Signals.DOOR);

  /**
   * One read request.
   *
   * @param table the table.
   * @param address first address.
   * @param quantity number of registers or bits.
   */
  record Block(RegisterTable table, int address, int quantity) {}

  ReadPlan {
    blocks = List.copyOf(blocks);
  }

  /**
   * Plans the reads for a map: the state signals plus every bit field (alarms).
   *
   * @param map the register map.
   * @return the plan.
   */
  static ReadPlan of(RegisterMap map) {
    List<RegisterDefinition> entries = new ArrayList<>();
    for (RegisterDefinition r : map.registers()) {
      if (READ.contains(r.name()) || !r.bits().isEmpty()) {
        entries.add(r);
      }
    }
    entries.sort(
        Comparator.comparing(RegisterDefinition::table)
            .thenComparingInt(RegisterDefinition::address));
    List<Block> blocks = new ArrayList<>();
    Block current = null;
    for (RegisterDefinition r : entries) {
      int limit = r.table().bits() ? MAX_BITS : MAX_WORDS;
      if (current != null
          && current.table() == r.table()
          && r.address() == current.address() + current.quantity()
          && current.quantity() + r.type().words() <= limit) {
        current = new Block(r.table(), current.address(), current.quantity() + r.type().words());
        blocks.set(blocks.size() - 1, current);
      } else {
        current = new Block(r.table(), r.address(), r.type().words());
        blocks.add(current);
      }
    }
    return new ReadPlan(blocks);
  }
}
