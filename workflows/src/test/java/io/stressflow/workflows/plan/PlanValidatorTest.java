package io.stressflow.workflows.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import io.stressflow.chamber.ChamberLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlanValidatorTest {

  static final Map<String, Leg> PRESETS = PresetLibrary.load();
  static final PlanValidator VALIDATOR =
      new PlanValidator(
          id -> "chamber-1".equals(id) ? Optional.of(ChamberLimits.typical()) : Optional.empty());

  @Test
  void shouldShipEveryPresetTheLabStartsFrom() {
    assertThat(PRESETS.keySet())
        .contains(
            "gr468-temperature-cycling",
            "gr468-damp-heat",
            "gr468-high-temperature-storage",
            "iec60068-2-14-na",
            "iec60068-2-14-nb",
            "iec60068-2-30-db",
            "iec60068-2-78-cab",
            "jesd22-a104-condition-n",
            "jesd22-a101-thb",
            "gr468-mechanical-shock",
            "gr468-vibration",
            "gr468-thermal-shock",
            "gr468-low-temperature-storage",
            "gr468-esd-hbm");
    PRESETS.forEach(
        (name, leg) -> {
          assertThat(leg.source()).as(name).isNotNull();
          assertThat(leg.source().standard()).as(name).isNotBlank();
          assertThat(leg.source().edition()).as(name).isNotBlank();
          assertThat(leg.source().confidence()).as(name).isIn("V", "P", "U");
        });
  }

  @Test
  void shouldValidateEveryPresetInAPlan() {
    for (String preset : PRESETS.keySet()) {
      int n = PRESETS.get(preset).acceptance().sampleSize();
      String yaml = planWith(preset, n);
      if (PRESETS.get(preset).outsideChamber()) {
        yaml = yaml.replace("    chamber: chamber-1\n", "");
      }
      PlanReport report = VALIDATOR.validate(PlanReader.read(yaml, PRESETS));
      assertThat(report.problems()).as(preset).isEmpty();
    }
  }

  @Test
  void shouldSumCyclesAndHoursOfTheExamplePlan() throws IOException {
    String yaml = Files.readString(Path.of("../examples/qsfp-dd-sr8-qualification.yaml"));

    PlanReport report = VALIDATOR.validate(PlanReader.read(yaml, PRESETS));

    assertThat(report.problems()).isEmpty();
    PlanReport.LegSummary tc = report.legs().get(0);
    assertThat(tc.cycles()).isEqualTo(500);
    // a cycle: 2 x 12.5 min ramps + 2 x 30 min soaks = 85 min, but the first starts from 23 °C
    // (6.3 min to -40 °C, so 78.8 min), and the leg ends with 6.2 min back to 23 °C
    assertThat(tc.hours()).isCloseTo((499 * 85 + 78.8 + 6.2) / 60, within(0.001));
    assertThat(tc.ltpd()).isCloseTo(0.189, within(0.001));
    PlanReport.LegSummary dh = report.legs().get(1);
    assertThat(dh.cycles()).isZero();
    assertThat(dh.hours()).isGreaterThan(1000).isLessThan(1002);
  }

  @Test
  void shouldRefuseARampFasterThanTheChamber() {
    PlanReport report = validate(custom("- ramp: { to: 85, rate: 20 }", "HOURS", "[1]"));

    assertThat(report.problems())
        .extracting(PlanProblem::path)
        .contains("legs[0].profile.segments[0].ramp.rate");
    assertThat(report.problems().toString())
        .contains("faster than the chamber's maximum of 15.0 K/min");
  }

  @Test
  void shouldRefuseTemperaturesOutsideTheRatedRange() {
    PlanReport report = validate(custom("- ramp: { to: 200, rate: 5 }", "HOURS", "[0.1]"));

    assertThat(report.problems().toString())
        .contains(
            "legs[0].profile.segments[0].ramp.to: 200.0 °C is outside the chamber's rated range");
  }

  @Test
  void shouldRefuseHumidityBeforeTemperatureBecauseItWouldCondense() {
    String segments =
        """
        - humidity: { setpoint: 85 }
              - ramp: { to: 85, rate: 2 }
              - soak: { duration: 10h }""";
    PlanReport report = validate(custom(segments, "HOURS", "[5]"));

    assertThat(report.problems())
        .anySatisfy(
            p -> {
              assertThat(p.path()).isEqualTo("legs[0].profile.segments[1].ramp");
              assertThat(p.message())
                  .contains("would condense")
                  .contains("Raise the temperature before the humidity");
            });
  }

  @Test
  void shouldRefuseCoolingWithHumidityOnBecauseTheAirWouldCondense() {
    String segments =
        """
        - ramp: { to: 85, rate: 2 }
              - humidity: { setpoint: 85 }
              - soak: { duration: 10h }
              - ramp: { to: 23, rate: 2 }""";
    PlanReport report = validate(custom(segments, "HOURS", "[5]"));

    assertThat(report.problems())
        .anySatisfy(
            p -> {
              assertThat(p.path()).isEqualTo("legs[0].profile.segments[3].ramp");
              assertThat(p.message())
                  .contains("dew point of 81.0 °C")
                  .contains("Lower the humidity before the temperature");
            });
  }

  @Test
  void shouldCheckTheRecoveryConditionAndTheRateToleranceNamingTheField() {
    String segments =
        """
        - ramp: { to: 85, duration: PT30M, rateTolerance: 1 }
              - soak: { duration: 10h }""";
    PlanReport report =
        validate(
            custom(segments, "HOURS", "[5]")
                .replace(
                    "at: [5] }",
                    "at: [5], mode: RECOVERY,"
                        + " recovery: { temperature: 50, band: 0, dwell: soon } }"));

    assertThat(report.problems())
        .extracting(PlanProblem::path)
        .contains(
            "legs[0].profile.segments[0].ramp.rateTolerance",
            "legs[0].readPoints.recovery.temperature",
            "legs[0].readPoints.recovery.band",
            "legs[0].readPoints.recovery.dwell");
    assertThat(report.problems().toString())
        .contains("standard atmosphere for recovery, 15 to 35 °C");
  }

  @Test
  void shouldReadInSituReadPointsAndDefaultToRecovery() {
    Leg.ReadPoints inSitu =
        PlanReader.read(
                custom("- soak: { duration: 10h }", "HOURS", "[5]")
                    .replace("at: [5] }", "at: [5], mode: IN_SITU }"),
                PRESETS)
            .legs()
            .get(0)
            .readPoints();
    Leg.ReadPoints byDefault =
        PlanReader.read(custom("- soak: { duration: 10h }", "HOURS", "[5]"), PRESETS)
            .legs()
            .get(0)
            .readPoints();

    assertThat(inSitu.effectiveMode()).isEqualTo(Leg.ReadPoints.Mode.IN_SITU);
    assertThat(byDefault.effectiveMode()).isEqualTo(Leg.ReadPoints.Mode.RECOVERY);
    assertThat(byDefault.effectiveRecovery())
        .isEqualTo(new Leg.ReadPoints.Recovery(23.0, 2.0, "PT1H", null));
  }

  @Test
  void shouldRefuseHumidityOutsideItsTemperatureWindow() {
    String segments =
        """
        - ramp: { to: -20, rate: 2 }
              - humidity: { setpoint: 50 }
              - soak: { duration: 1h }""";
    PlanReport report = validate(custom(segments, "HOURS", "[1]"));

    assertThat(report.problems().toString())
        .contains(
            "legs[0].profile.segments[1].humidity: humidity is set at -20.0 °C, but the chamber controls humidity only within [10.0, 95.0] °C");
  }

  @Test
  void shouldRefuseReadPointsOutsideTheLeg() {
    PlanReport report =
        validate(
            planWith("gr468-temperature-cycling", 11)
                .replace(
                    "chamber: chamber-1",
                    "chamber: chamber-1\n    readPoints: { unit: CYCLES, at: [100, 600] }"));

    assertThat(report.problems().toString())
        .contains(
            "legs[0].readPoints.at[1]: read point at cycle 600 is after the leg's last cycle (500)");
  }

  @Test
  void shouldShowTheLtpdWhenTheLegHasTooFewSamples() {
    PlanReport report = validate(planWith("gr468-damp-heat", 8));

    assertThat(report.problems())
        .containsExactly(
            new PlanProblem(
                "legs[0].acceptance.sampleSize",
                "11 modules are required (0 failures allowed: LTPD 18.9 % at 90 % confidence), but the leg stresses 8"));
  }

  @Test
  void shouldNameUnknownModulesChambersAndLegs() {
    String yaml =
        planWith("gr468-damp-heat", 11)
            .replace("chamber: chamber-1", "chamber: chamber-9\n    after: [nope]")
            .replace("samples: [M01", "samples: [X99, M01");

    PlanReport report = validate(yaml);

    assertThat(report.problems().toString())
        .contains("legs[0].chamber: 'chamber-9' is not a configured chamber")
        .contains("legs[0].after[0]: 'nope' is not another leg of this plan")
        .contains("legs[0].samples[0]: 'X99' is not among the plan's modules");
  }

  @Test
  void shouldNameTheFieldOfAnUnknownKeyWithItsLine() {
    String yaml =
        planWith("gr468-damp-heat", 11)
            .replace("chamber: chamber-1", "chamber: chamber-1\n    chamer: typo");

    PlanException e =
        catchThrowableOfType(PlanException.class, () -> PlanReader.read(yaml, PRESETS));

    assertThat(e.problems()).hasSize(1);
    assertThat(e.problems().get(0).path()).isEqualTo("legs[0].chamer");
    assertThat(e.problems().get(0).message()).startsWith("unknown field 'chamer' (line ");
  }

  @Test
  void shouldNameAnUnknownPresetAndListTheKnownOnes() {
    PlanException e =
        catchThrowableOfType(
            PlanException.class, () -> PlanReader.read(planWith("gr999", 11), PRESETS));

    assertThat(e.problems().get(0).path()).isEqualTo("legs[0].preset");
    assertThat(e.problems().get(0).message())
        .contains("unknown preset 'gr999'")
        .contains("gr468-damp-heat");
  }

  @Test
  void shouldNameAWrongTypeWithItsPath() {
    String yaml = custom("- ramp: { to: hot, rate: 2 }", "HOURS", "[1]");

    PlanException e =
        catchThrowableOfType(PlanException.class, () -> PlanReader.read(yaml, PRESETS));

    assertThat(e.problems().get(0).path()).isEqualTo("legs[0].profile.segments[0].ramp.to");
  }

  @Test
  void shouldReadAbsoluteLimitsAsPlanData() {
    String yaml =
        custom("- ramp: { to: 85, rate: 5 }", "HOURS", "[0.1]")
            .replace(
                "    acceptance:",
                "    failureCriteria: { txPowerDropDb: 1.0, txPowerMinDbm: -6.5, rxPowerMinDbm: -8.4,"
                    + " txBiasMaxMa: 12, temperatureMaxC: 70, vccMinV: 3.135, vccMaxV: 3.465 }\n"
                    + "    acceptance:");

    CampaignPlan plan = PlanReader.read(yaml, PRESETS);

    assertThat(VALIDATOR.validate(plan).problems()).isEmpty();
    Leg.FailureCriteria c = plan.legs().get(0).failureCriteria();
    assertThat(c.txPowerMinDbm()).isEqualTo(-6.5);
    assertThat(c.rxPowerMinDbm()).isEqualTo(-8.4);
    assertThat(c.txBiasMaxMa()).isEqualTo(12.0);
    assertThat(c.temperatureMaxC()).isEqualTo(70.0);
    assertThat(c.vccMinV()).isEqualTo(3.135);
    assertThat(c.vccMaxV()).isEqualTo(3.465);
  }

  @Test
  void shouldRefuseAbsoluteLimitsOutOfRangeNamingTheField() {
    String yaml =
        custom("- ramp: { to: 85, rate: 5 }", "HOURS", "[0.1]")
            .replace(
                "    acceptance:",
                "    failureCriteria: { txPowerDropDb: 0, txPowerMinDbm: -25, rxPowerMinDbm: 12,"
                    + " txBiasMaxMa: 0, temperatureMaxC: 200, vccMinV: 3.4, vccMaxV: 3.3 }\n"
                    + "    acceptance:");

    PlanReport report = validate(yaml);

    assertThat(report.problems())
        .extracting(p -> p.path() + ": " + p.message())
        .containsExactly(
            "legs[0].failureCriteria.txPowerDropDb: must be above 0 and at most 20 dB, but was 0",
            "legs[0].failureCriteria.txPowerMinDbm: must be between -20 and 10 dBm, but was -25",
            "legs[0].failureCriteria.rxPowerMinDbm: must be between -30 and 10 dBm, but was 12",
            "legs[0].failureCriteria.txBiasMaxMa: must be above 0 and at most 200 mA, but was 0",
            "legs[0].failureCriteria.temperatureMaxC: must be between -40 and 150 °C, but was 200",
            "legs[0].failureCriteria.vccMinV: must be below vccMaxV (3.3 V), but was 3.4 V");
  }

  @Test
  void shouldReadTheUseConditionAndRefuseValuesOutOfRangeNamingTheField() {
    String good =
        planWith("gr468-damp-heat", 11)
            + "useCondition: { temperatureC: 55, humidityPercent: 40, confidence: 0.9,"
            + " activationEnergyEv: 0.55, note: CO rack }\n";
    CampaignPlan plan = PlanReader.read(good, PRESETS);
    assertThat(VALIDATOR.validate(plan).problems()).isEmpty();
    assertThat(plan.useCondition().temperatureC()).isEqualTo(55);
    assertThat(plan.useCondition().activationEnergyEv()).isEqualTo(0.55);
    assertThat(plan.useCondition().note()).isEqualTo("CO rack");

    String bad =
        planWith("gr468-damp-heat", 11)
            + "useCondition: { temperatureC: 300, humidityPercent: 0, temperatureSwingK: -5,"
            + " cyclesPerDay: 0, confidence: 60, ltpdConfidence: 0.2, activationEnergyEv: 7,"
            + " peckActivationEnergyEv: 0, peckHumidityExponent: 40, coffinMansonExponent: 0 }\n";
    assertThat(validate(bad).problems())
        .extracting(p -> p.path() + ": " + p.message())
        .containsExactly(
            "useCondition.temperatureC: must be between -40 and 125 °C, but was 300",
            "useCondition.humidityPercent: must be above 0 and at most 100 %RH, but was 0",
            "useCondition.temperatureSwingK: must be above 0 and at most 200 K, but was -5",
            "useCondition.cyclesPerDay: must be above 0 and at most 1000 cycles a day, but was 0",
            "useCondition.confidence: must be between 0.5 and 0.999 (a fraction, e.g. 0.6), but"
                + " was 60",
            "useCondition.ltpdConfidence: must be between 0.5 and 0.999 (a fraction, e.g. 0.9),"
                + " but was 0.2",
            "useCondition.activationEnergyEv: must be between 0.1 and 2 eV, but was 7",
            "useCondition.peckActivationEnergyEv: must be between 0.1 and 2 eV, but was 0",
            "useCondition.peckHumidityExponent: must be between 0.5 and 10, but was 40",
            "useCondition.coffinMansonExponent: must be between 0.5 and 10, but was 0");
    assertThat(
            catchThrowableOfType(
                    PlanException.class,
                    () ->
                        PlanReader.read(
                            planWith("gr468-damp-heat", 11) + "useCondition: { tempC: 1 }\n",
                            PRESETS))
                .problems())
        .extracting(PlanProblem::path)
        .containsExactly("useCondition.tempC");
  }

  @Test
  void shouldAcceptASequentialGroupThroughShockThenVibrationBeforeAChamberLeg() {
    // the same three units through shock, then vibration, then damp heat in the chamber
    PlanReport report = validate(sequential("[shock]", "[vibration]"));

    assertThat(report.problems()).isEmpty();
    assertThat(report.legs().get(0).hours()).isZero();
    assertThat(report.legs().get(1).ltpd()).isCloseTo(0.536, within(0.001));
  }

  @Test
  void shouldRefuseTheSameUnitsInLegsThatCouldRunAtTheSameTime() {
    PlanReport report = validate(sequential("[]", "[shock, vibration]"));

    assertThat(report.problems())
        .extracting(PlanProblem::path)
        .containsExactly("legs[1].samples[0]", "legs[1].samples[1]", "legs[1].samples[2]");
    assertThat(report.problems().get(0).message())
        .isEqualTo(
            "'M01' is also a sample of leg 'shock', and the two legs could run at the same time:"
                + " a module is in one leg at a time. For a sequential group (the same units"
                + " through one test, then the next) add after: [shock]");
  }

  @Test
  void shouldRefuseAUnitInTwoChamberLegsEvenInSequence() {
    String yaml =
        planWith("gr468-damp-heat", 11)
            + """
              - id: storage
                preset: gr468-high-temperature-storage
                chamber: chamber-1
                after: [leg]
                samples: [M01, M02, M03, M04, M05, M06, M07, M08, M09, M10, M11]
            """;

    PlanReport report = validate(yaml);

    assertThat(report.problems()).hasSize(11);
    assertThat(report.problems().get(0).toString())
        .isEqualTo(
            "legs[1].samples[0]: 'M01' is also a sample of chamber leg 'leg': a module can go"
                + " through one chamber leg only (sampling follows it through one), before or"
                + " after any number of external legs");
  }

  @Test
  void shouldRefuseWhatOnlyAChamberLegCanUseOnAnExternalLeg() {
    String yaml =
        planWith("gr468-mechanical-shock", 11)
            .replace(
                "chamber: chamber-1",
                "chamber: chamber-1\n    readPoints: { unit: HOURS, at: [1] }\n    inSitu: 10m\n"
                    + "    profile: { segments: [{ ramp: { to: 85, rate: 5 } }] }\n"
                    + "    failureCriteria: { txPowerDropDb: 1 }");

    PlanReport report = validate(yaml);

    assertThat(report.problems())
        .extracting(PlanProblem::path)
        .containsExactly(
            "legs[0].chamber",
            "legs[0].profile",
            "legs[0].readPoints",
            "legs[0].inSitu",
            "legs[0].failureCriteria");
  }

  @Test
  void shouldNameAnUnknownExternalTestAndMissingConditions() {
    String yaml =
        """
        campaign: test
        product: { partNumber: P1 }
        modules: [{ serial: M01 }]
        legs:
          - id: drop
            external: { test: DROP, station: bench-3 }
            samples: [M01]
            acceptance: { sampleSize: 1 }
        """;

    PlanReport report = validate(yaml);

    assertThat(report.problems())
        .extracting(Object::toString)
        .containsExactly(
            "legs[0].external.test: 'DROP' is not a known external test; one of [MECHANICAL_SHOCK,"
                + " VIBRATION, ESD_HBM, COLD_STORAGE, THERMAL_SHOCK, OTHER]",
            "legs[0].external.conditions: is required: what the station does, e.g. '500 g, 1.0 ms"
                + " half-sine, 5 per direction'");
  }

  @Test
  void shouldTakeTheExternalFieldsALegLeavesOutFromItsPreset() {
    CampaignPlan plan =
        PlanReader.read(
            planWith("gr468-vibration", 11)
                .replace("    chamber: chamber-1\n", "    external: { station: shaker-2 }\n"),
            PRESETS);

    External external = plan.legs().get(0).external();
    assertThat(external.test()).isEqualTo("VIBRATION");
    assertThat(external.conditions()).startsWith("20 g, 20-2000 Hz");
    assertThat(external.station()).isEqualTo("shaker-2");
    assertThat(VALIDATOR.validate(plan).problems()).isEmpty();
  }

  private static String sequential(String vibrationAfter, String chamberAfter) {
    return """
        campaign: test
        product: { partNumber: P1 }
        modules: [{ serial: M01 }, { serial: M02 }, { serial: M03 }]
        legs:
          - id: shock
            preset: gr468-mechanical-shock
            samples: [M01, M02, M03]
            acceptance: { sampleSize: 3 }
          - id: vibration
            preset: gr468-vibration
            after: %s
            samples: [M01, M02, M03]
            acceptance: { sampleSize: 3 }
          - id: dh
            chamber: chamber-1
            after: %s
            samples: [M01, M02, M03]
            profile: { segments: [{ ramp: { to: 85, rate: 5 } }] }
            readPoints: { unit: HOURS, at: [0.1] }
            acceptance: { sampleSize: 3 }
        """
        .formatted(vibrationAfter, chamberAfter);
  }

  private static PlanReport validate(String yaml) {
    return VALIDATOR.validate(PlanReader.read(yaml, PRESETS));
  }

  static String planWith(String preset, int samples) {
    StringBuilder modules = new StringBuilder();
    StringBuilder serials = new StringBuilder();
    for (int i = 1; i <= samples; i++) {
      modules.append("  - { serial: M%02d, lot: L1 }\n".formatted(i));
      serials.append(i == 1 ? "" : ", ").append("M%02d".formatted(i));
    }
    return """
        campaign: test
        product: { partNumber: P1 }
        lots: [{ id: L1 }]
        modules:
        %slegs:
          - id: leg
            preset: %s
            chamber: chamber-1
            samples: [%s]
        """
        .formatted(modules, preset, serials);
  }

  private static String custom(String segments, String unit, String at) {
    return """
        campaign: test
        product: { partNumber: P1 }
        modules: [{ serial: M01 }]
        legs:
          - id: leg
            chamber: chamber-1
            samples: [M01]
            profile:
              segments:
              %s
            readPoints: { unit: %s, at: %s }
            acceptance: { sampleSize: 1, allowedFailures: 0 }
        """
        .formatted(segments, unit, at);
  }
}
