package io.stressflow.workflows.sampling;

import static org.assertj.core.api.Assertions.assertThat;

import io.stressflow.workflows.plan.Leg.FailureCriteria;
import io.stressflow.workflows.sampling.cmis.ModuleDiagnostics;
import io.stressflow.workflows.sampling.cmis.ModuleState;
import io.stressflow.workflows.sampling.fleet.FleetParameters;
import io.stressflow.workflows.sampling.fleet.SimulatedFleet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A module caught powering up is read again before it is judged; one that stays so fails. */
class ModuleReaderTest {

  @Test
  void shouldReadAModulePoweringUpAgainUntilItIsReady() {
    SimulatedFleet fleet = new SimulatedFleet(FleetParameters.typical(1));
    fleet.attach("P1", true);
    fleet.attach("P2", true);
    ModuleReader reader =
        new ModuleReader(fleet, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), 1, 3, Duration.ZERO);
    try {
      ModuleDiagnostics base = reader.read(List.of("P1"), ModuleReader.Read::diagnostics).get(0);
      fleet.poweringUp("P1", 2); // ready at the third read
      fleet.poweringUp("P2", 10); // never ready within the retries

      List<ModuleDiagnostics> reads =
          reader.read(List.of("P1", "P2"), ModuleReader.Read::diagnostics);

      assertThat(reads.get(0).state()).isEqualTo(ModuleState.READY);
      assertThat(reads.get(1).state()).isEqualTo(ModuleState.POWERING_UP);
      FailureCriteria criteria = new FailureCriteria(1.0, 50.0, 1.0, true);
      assertThat(FailureJudge.judge(criteria, base, reads.get(0)).pass()).isTrue();
      assertThat(FailureJudge.judge(criteria, base, reads.get(1)).findings())
          .extracting(FailureJudge.Finding::criterion)
          .containsExactly("NOT_READY");
    } finally {
      reader.destroy();
    }
  }
}
