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
   * Plans the reads for a map: the state signals plus every bit field (alarms). Runs of entries
   * with no address gap between them are read in one request, trimmed to the span from the first to
   * the last entry the state needs; entries in between are read but ignored (they are defined, so
   * the controller answers them).
   *
   * @param map the register map.
   * @return the plan.
   */
  static ReadPlan of(RegisterMap map) {
    List<RegisterDefinition> entries = new ArrayList<>(map.registers());
    entries.sort(
        Comparator.comparing(RegisterDefinition::table)
            .thenComparingInt(RegisterDefinition::address));
    List<Block> blocks = new ArrayList<>();
    List<RegisterDefinition> run = new ArrayList<>();
    for (RegisterDefinition r : entries) {
      if (!run.isEmpty() && !continues(run, r)) {
        addTrimmed(run, blocks);
        run.clear();
      }
      run.add(r);
    }
    addTrimmed(run, blocks);
    return new ReadPlan(blocks);
  }

  private static boolean continues(List<RegisterDefinition> run, RegisterDefinition next) {
    RegisterDefinition first = run.get(0);
    RegisterDefinition last = run.get(run.size() - 1);
    int limit = next.table().bits() ? MAX_BITS : MAX_WORDS;
    return next.table() == last.table()
        && next.address() == last.end()
        && next.end() - first.address() <= limit;
  }

  private static void addTrimmed(List<RegisterDefinition> run, List<Block> blocks) {
    int from = -1;
    int to = -1;
    for (int i = 0; i < run.size(); i++) {
      if (needed(run.get(i))) {
        from = from < 0 ? i : from;
        to = i;
      }
    }
    if (from >= 0) {
      RegisterDefinition first = run.get(from);
      blocks.add(new Block(first.table(), first.address(), run.get(to).end() - first.address()));
    }
  }

  private static boolean needed(RegisterDefinition r) {
    return READ.contains(r.name()) || !r.bits().isEmpty();
  }
}
