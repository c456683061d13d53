package io.stressflow.workflows.sampling.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.stressflow.workflows.sampling.ModuleProbe.ModuleSilentException;
import io.stressflow.workflows.sampling.cmis.Cmis;
import io.stressflow.workflows.sampling.cmis.ModuleDiagnostics;
import io.stressflow.workflows.sampling.cmis.ModuleDiagnostics.Flag;
import io.stressflow.workflows.sampling.cmis.ModuleState;
import org.junit.jupiter.api.Test;

/** The fleet serves CMIS bytes that the real decoder reads back; ageing follows the chamber. */
class SimulatedFleetTest {

  @Test
  void shouldServePagesTheDecoderReadsBack() throws Exception {
    SimulatedFleet fleet = fleet(1);
    fleet.expose(0, 40, null);

    ModuleDiagnostics d = Cmis.decode(fleet.read("SN1"));

    assertThat(d.state()).isEqualTo(ModuleState.READY);
    assertThat(d.problems()).isEmpty();
    assertThat(d.temperature()).isCloseTo(48, within(0.01)); // 40 degC load + 8 K self-heating
    assertThat(d.lanes())
        .hasSize(8)
        .allSatisfy(l -> assertThat(l.txBiasMilliamps()).isBetween(5.0, 9.0));
    assertThat(d.thresholds()).isNotNull();
    assertThat(d.flags()).isEmpty();
  }

  @Test
  void shouldBeReproducibleFromTheSeed() throws Exception {
    ModuleDiagnostics a = Cmis.decode(fleet(7).read("SN2"));
    ModuleDiagnostics b = Cmis.decode(fleet(7).read("SN2"));
    ModuleDiagnostics c = Cmis.decode(fleet(8).read("SN2"));

    assertThat(a.lanes()).isEqualTo(b.lanes());
    assertThat(a.lanes()).isNotEqualTo(c.lanes());
  }

  @Test
  void shouldWearFasterInDampHeatThanAtUseConditions() throws Exception {
    SimulatedFleet hot = fleet(3);
    SimulatedFleet mild = fleet(3);
    double before = bias(hot);

    hot.expose(1000, 85, 85.0);
    mild.expose(1000, 32, 60.0); // 40 degC module temperature: the reference condition

    double hotRise = bias(hot) / before - 1;
    double mildRise = bias(mild) / before - 1;
    assertThat(mildRise).isCloseTo(1000 * 2e-5, within(0.02)); // about the median rate
    assertThat(hotRise / mildRise).isGreaterThan(20); // Arrhenius x Peck at 93 degC module, 85 %RH
  }

  @Test
  void shouldLetASeededBadUnitCrossABiasRiseCriterion() throws Exception {
    SimulatedFleet fleet = fleet(5);
    double before = bias(fleet);
    fleet.degrade("SN1", 50);

    fleet.expose(500, 85, 85.0);

    assertThat(bias(fleet) / before - 1).isGreaterThan(0.5);
  }

  @Test
  void shouldDrawTheSameUnitForASerialWhateverTheOrderUnitsAreAddedIn() throws Exception {
    SimulatedFleet first = new SimulatedFleet(FleetParameters.typical(7));
    first.add("X1");
    first.add("X2");
    SimulatedFleet restarted = new SimulatedFleet(FleetParameters.typical(7));
    restarted.attach("X2");
    restarted.attach("X1");

    assertThat(Cmis.decode(restarted.read("X1")).lanes())
        .isEqualTo(Cmis.decode(first.read("X1")).lanes());
    assertThat(Cmis.decode(restarted.read("X2")).lanes())
        .isEqualTo(Cmis.decode(first.read("X2")).lanes());
  }

  @Test
  void shouldStopAgeingAModuleOnceDetached() throws Exception {
    SimulatedFleet fleet = fleet(1);
    fleet.detach("SN1");
    double before = bias(fleet);

    fleet.expose(500, 85, 85.0);

    assertThat(bias(fleet)).isEqualTo(before);
  }

  @Test
  void shouldGoSilentWhenDead() {
    SimulatedFleet fleet = fleet(1);
    fleet.silence("SN1");

    assertThatThrownBy(() -> fleet.read("SN1"))
        .isInstanceOf(ModuleSilentException.class)
        .hasMessageContaining("SN1");
  }

  @Test
  void shouldKillOneLaneOfAnInfantFailure() throws Exception {
    FleetParameters p = FleetParameters.typical(11);
    SimulatedFleet fleet =
        new SimulatedFleet(
            new FleetParameters(
                p.seed(),
                p.txPowerMedian(),
                p.biasMedian(),
                p.wearRateMedian(),
                p.wearRateSigma(),
                p.activationEnergy(),
                p.humidityExponent(),
                1.0,
                10,
                0,
                p.selfHeating()));
    fleet.add("SN1");

    fleet.expose(200, 23, null); // mild: no wear to speak of, but past the infant failure
    ModuleDiagnostics d = Cmis.decode(fleet.read("SN1"));

    assertThat(d.lanes().stream().filter(l -> l.txPowerMilliwatts() == 0.0)).hasSize(1);
    assertThat(d.flags()).anyMatch(f -> f.equals(new Flag("RX", "LOS", f.lane())));
  }

  @Test
  void shouldKeepAControlSampleAtAmbientAndUnaged() throws Exception {
    SimulatedFleet fleet = fleet(3);
    fleet.addControl("CTL");
    ModuleDiagnostics before = Cmis.decode(fleet.read("CTL"));

    fleet.expose(1000, 85, 85.0);

    ModuleDiagnostics after = Cmis.decode(fleet.read("CTL"));
    assertThat(after.lanes()).isEqualTo(before.lanes());
    assertThat(after.temperature()).isCloseTo(SimulatedFleet.AMBIENT, within(0.01));
    assertThat(Cmis.decode(fleet.read("SN1")).temperature()).isCloseTo(93, within(0.01));
    assertThatThrownBy(() -> fleet.addControl("SN1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'SN1'")
        .hasMessageContaining("unit on test");
  }

  @Test
  void shouldOffsetTheReportedPowerAsADriftingStationWould() throws Exception {
    SimulatedFleet fleet = fleet(3);
    double before = Cmis.decode(fleet.read("SN2")).lanes().get(0).txPowerDbm();

    fleet.offsetPower("SN2", -2);

    ModuleDiagnostics after = Cmis.decode(fleet.read("SN2"));
    assertThat(after.lanes().get(0).txPowerDbm()).isCloseTo(before - 2, within(0.01));
  }

  private static double bias(SimulatedFleet fleet) throws ModuleSilentException {
    return Cmis.decode(fleet.read("SN1")).lanes().get(0).txBiasMilliamps();
  }

  private static SimulatedFleet fleet(long seed) {
    SimulatedFleet fleet = new SimulatedFleet(FleetParameters.typical(seed));
    fleet.add("SN1");
    fleet.add("SN2");
    return fleet;
  }
}
