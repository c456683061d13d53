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
    assertThat(d.temperature()).isCloseTo(43, within(0.01)); // 40 degC load + 3 K self-heating
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
  void shouldWearFasterInDampHeatThanAtUseConditionsAndMeasureTheWearAtRecovery() throws Exception {
    SimulatedFleet hot = fleet(3);
    SimulatedFleet mild = fleet(3);
    double before = bias(hot);

    hot.expose(1000, 85, 85.0);
    mild.expose(1000, 30, 60.0); // 40 degC junction: the wear-out reference condition
    hot.expose(1, 23, null); // recovery: the read is at lab ambient, like the baseline
    mild.expose(1, 23, null);

    double hotRise = bias(hot) / before - 1;
    double mildRise = bias(mild) / before - 1;
    assertThat(hotRise).isBetween(0.01, 0.3); // a qualified product: a few % in 1000 h
    assertThat(hotRise / mildRise).isGreaterThan(10); // Arrhenius x Peck at 85 degC, 85 %RH
  }

  @Test
  void shouldLetASeededBadUnitCrossABiasRiseCriterion() throws Exception {
    SimulatedFleet fleet = fleet(5);
    double before = bias(fleet);
    fleet.degrade("SN1", 20);

    fleet.expose(500, 85, 85.0);
    fleet.expose(1, 23, null);

    // 20 x the median rate at 85/85 powered: about 0.16 %/h
    assertThat(bias(fleet) / before - 1).isGreaterThan(0.5);
  }

  @Test
  void shouldReadDifferentlyAt85ThanAt23ButComeBackAtRecovery() throws Exception {
    SimulatedFleet fleet = fleet(4);
    ModuleDiagnostics cold = Cmis.decode(fleet.read("SN1"));

    fleet.expose(0.01, 85, null);
    ModuleDiagnostics hot = Cmis.decode(fleet.read("SN1"));
    fleet.expose(0.01, 23, null);
    ModuleDiagnostics back = Cmis.decode(fleet.read("SN1"));

    double biasRatio = hot.lanes().get(0).txBiasMilliamps() / cold.lanes().get(0).txBiasMilliamps();
    assertThat(biasRatio).isBetween(1.2, 1.5); // APC: +0.5 %/K over 62 K
    assertThat(hot.lanes().get(0).txPowerDbm() - cold.lanes().get(0).txPowerDbm())
        .isBetween(-0.6, -0.2);
    assertThat(hot.lanes().get(0).rxPowerDbm() - cold.lanes().get(0).rxPowerDbm())
        .isCloseTo(
            hot.lanes().get(0).txPowerDbm() - cold.lanes().get(0).txPowerDbm(), within(0.01));
    assertThat(back.lanes().get(0).txBiasMilliamps())
        .isCloseTo(cold.lanes().get(0).txBiasMilliamps(), within(0.01));
  }

  @Test
  void shouldLatchItsOwnTemperatureFlagsAt85AndKeepThemUntilRead() throws Exception {
    SimulatedFleet fleet = fleet(2);
    fleet.powered("SN2", false);

    fleet.expose(1, 85, 85.0);
    fleet.expose(1, 23, null); // recovered, but the latch holds until the next read

    ModuleDiagnostics first = Cmis.decode(fleet.read("SN1"));
    assertThat(first.temperature()).isCloseTo(26, within(0.01));
    assertThat(first.flags())
        .contains(
            new Flag("TEMPERATURE", "HIGH_ALARM", 0), new Flag("TEMPERATURE", "HIGH_WARNING", 0));
    assertThat(Cmis.decode(fleet.read("SN1")).flags()).isEmpty(); // clear on read
    // an unpowered module monitors nothing while stressed
    assertThat(Cmis.decode(fleet.read("SN2")).flags()).isEmpty();
  }

  @Test
  void shouldLatchLowTemperatureFlagsWhenPoweredInTheCold() throws Exception {
    SimulatedFleet fleet = fleet(2);

    fleet.expose(0.5, -40, null);
    fleet.expose(0.5, 23, null);

    assertThat(Cmis.decode(fleet.read("SN1")).flags())
        .contains(
            new Flag("TEMPERATURE", "LOW_ALARM", 0), new Flag("TEMPERATURE", "LOW_WARNING", 0));
  }

  @Test
  void shouldTakeDryHeatHumidityFromTheDewPointOfLabAir() {
    // lab air 23 degC / 50 %RH has a dew point of about 12 degC
    assertThat(SimulatedFleet.relativeHumidity(23, 12)).isCloseTo(50, within(1.5));
    assertThat(SimulatedFleet.relativeHumidity(85, 12)).isBetween(2.0, 3.0);
    assertThat(SimulatedFleet.relativeHumidity(-40, 12)).isCloseTo(100, within(0.01));
  }

  @Test
  void shouldAgeAnUnpoweredUnitInStorageFarLessThanAPoweredOne() throws Exception {
    SimulatedFleet powered = fleet(6);
    SimulatedFleet unpowered = fleet(6);
    unpowered.powered("SN1", false);
    double before = bias(powered);

    powered.expose(2000, 85, null);
    unpowered.expose(2000, 85, null);
    powered.expose(1, 23, null);
    unpowered.expose(1, 23, null);

    double poweredRise = bias(powered) / before - 1;
    double unpoweredRise = bias(unpowered) / before - 1;
    assertThat(unpoweredRise).isLessThan(1e-3); // dry heat, no current: almost nothing
    assertThat(poweredRise).isGreaterThan(100 * unpoweredRise);
  }

  @Test
  void shouldAddCoffinMansonFatigueForEachTemperatureSwing() throws Exception {
    SimulatedFleet wide = fleet(9);
    SimulatedFleet narrow = fleet(9);
    double before = Cmis.decode(wide.read("SN1")).lanes().get(0).txPowerDbm();

    for (int cycle = 0; cycle < 200; cycle++) {
      cycle(wide, -40, 85);
      cycle(narrow, 0, 62.5);
    }
    wide.expose(0.1, 23, null);
    narrow.expose(0.1, 23, null);

    double wideLoss = before - Cmis.decode(wide.read("SN1")).lanes().get(0).txPowerDbm();
    double narrowLoss = before - Cmis.decode(narrow.read("SN1")).lanes().get(0).txPowerDbm();
    assertThat(wideLoss).isBetween(0.02, 0.6);
    assertThat(wideLoss / narrowLoss).isCloseTo(4, within(0.3)); // (125 K / 62.5 K)^2
  }

  @Test
  void shouldReportAFaultWithItsCauseAndAModulePoweringUp() throws Exception {
    SimulatedFleet fleet = fleet(1);
    fleet.state("SN1", ModuleState.FAULT, 1);
    fleet.poweringUp("SN2", 1);

    ModuleDiagnostics fault = Cmis.decode(fleet.read("SN1"));
    assertThat(fault.state()).isEqualTo(ModuleState.FAULT);
    assertThat(fault.faultCauseText()).isEqualTo("TEC runaway (code 1)");
    assertThat(fault.lanes()).isEmpty();
    assertThat(Cmis.decode(fleet.read("SN2")).state()).isEqualTo(ModuleState.POWERING_UP);
    assertThat(Cmis.decode(fleet.read("SN2")).state()).isEqualTo(ModuleState.READY);
  }

  /** One cycle between two temperatures, in 5-minute steps, as telemetry would give it. */
  static void cycle(SimulatedFleet fleet, double low, double high) {
    for (int i = 0; i <= 6; i++) {
      fleet.expose(1 / 12.0, high + (low - high) * i / 6, null);
    }
    for (int i = 0; i <= 6; i++) {
      fleet.expose(1 / 12.0, low + (high - low) * i / 6, null);
    }
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
    SimulatedFleet fleet =
        new SimulatedFleet(FleetParameters.typical(11).withInfantFailures(1.0, 10));
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
    assertThat(after.temperature()).isCloseTo(SimulatedFleet.AMBIENT + 3, within(0.01));
    assertThat(Cmis.decode(fleet.read("SN1")).temperature()).isCloseTo(88, within(0.01));
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

  @Test
  void shouldKeepItsWearAcrossARestartOfTheApplication() throws Exception {
    SimulatedFleet before = fleet(5);
    before.degrade("SN1", 20);
    before.expose(500, 85, 85.0);
    before.expose(1, 23, null);
    double aged = bias(before);

    // a new application: the same seed, units added again, the saved wear given back
    SimulatedFleet after = new SimulatedFleet(FleetParameters.typical(5));
    after.restoreWear(before.saveWear() + "torn line 1 2\n");
    after.add("SN1");
    after.expose(0, 23, null);
    SimulatedFleet fresh = fleet(5);
    fresh.expose(0, 23, null);

    assertThat(bias(after)).isCloseTo(aged, within(0.01));
    assertThat(bias(after)).isGreaterThan(bias(fresh) * 1.5);
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
