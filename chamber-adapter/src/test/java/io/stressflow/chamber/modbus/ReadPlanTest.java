package io.stressflow.chamber.modbus;

import static org.assertj.core.api.Assertions.assertThat;

import io.stressflow.chamber.registermap.RegisterMaps;
import io.stressflow.chamber.registermap.RegisterTable;
import org.junit.jupiter.api.Test;

class ReadPlanTest {

  @Test
  void shouldReadTheGenericMapInOneRequestPerTable() {
    assertThat(ReadPlan.of(RegisterMaps.load("generic")).blocks())
        .containsExactly(
            new ReadPlan.Block(RegisterTable.INPUT_REGISTER, 0, 5),
            new ReadPlan.Block(RegisterTable.HOLDING_REGISTER, 0, 5));
  }

  @Test
  void shouldReadAcrossDefinedEntriesButNeverAcrossGaps() {
    // F4T: mode 2730, SP 2782-83, PV 2820-21, humidity enable 2890, SP 2942-43, PV 2980-81
    assertThat(ReadPlan.of(RegisterMaps.load("watlow-f4t")).blocks())
        .containsExactly(
            new ReadPlan.Block(RegisterTable.HOLDING_REGISTER, 2730, 1),
            new ReadPlan.Block(RegisterTable.HOLDING_REGISTER, 2782, 2),
            new ReadPlan.Block(RegisterTable.HOLDING_REGISTER, 2820, 2),
            new ReadPlan.Block(RegisterTable.HOLDING_REGISTER, 2890, 1),
            new ReadPlan.Block(RegisterTable.HOLDING_REGISTER, 2942, 2),
            new ReadPlan.Block(RegisterTable.HOLDING_REGISTER, 2980, 2));
  }
}
