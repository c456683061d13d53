package io.stressflow.workflows.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the reader refuses before a plan is even mapped (a second document, an oversized text), and
 * how it reads a module's fields.
 */
class PlanReaderTest {

  static final Map<String, Leg> PRESETS = PresetLibrary.load();

  @Test
  void shouldReadAModuleMarkedForReuseAndLeaveTheOthersUnmarked() {
    String yaml =
        PlanBoundsTest.plan("")
            .replace(
                "modules: [{ serial: M01, lot: L1 }]",
                "modules: [{ serial: M01, lot: L1, reuse: true }, { serial: M02, lot: L1 },"
                    + " { serial: M03, lot: L1, reuse: false }]");

    CampaignPlan plan = PlanReader.read(yaml, PRESETS);

    assertThat(plan.modules())
        .extracting(CampaignPlan.Module::serial, CampaignPlan.Module::isReuse)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("M01", true),
            org.assertj.core.groups.Tuple.tuple("M02", false),
            org.assertj.core.groups.Tuple.tuple("M03", false));
  }

  @Test
  void shouldRefuseAReuseThatIsNotABooleanNamingItsField() {
    String yaml =
        PlanBoundsTest.plan("")
            .replace(
                "modules: [{ serial: M01, lot: L1 }]", "modules: [{ serial: M01, reuse: maybe }]");

    PlanException e =
        catchThrowableOfType(PlanException.class, () -> PlanReader.read(yaml, PRESETS));

    assertThat(e.problems()).extracting(PlanProblem::path).containsExactly("modules[0].reuse");
  }

  @Test
  void shouldRefuseASecondDocument() {
    String yaml = PlanBoundsTest.plan("") + "---\ncampaign: another\n";

    PlanException e =
        catchThrowableOfType(PlanException.class, () -> PlanReader.read(yaml, PRESETS));

    assertThat(e.problems()).extracting(PlanProblem::path).containsExactly("(document)");
    assertThat(e.getMessage()).contains("a plan is one YAML document, but another one starts");
  }

  @Test
  void shouldRefuseAPlanOverOneMebibyteNamingTheLimit() {
    String yaml =
        PlanBoundsTest.plan("")
            .replace("campaign: bounds", "campaign: \"" + "x".repeat(1 << 20) + "\"");

    PlanException e =
        catchThrowableOfType(PlanException.class, () -> PlanReader.read(yaml, PRESETS));

    assertThat(e.problems()).extracting(PlanProblem::path).containsExactly("(document)");
    assertThat(e.getMessage()).contains("a plan may be at most 1 MiB (1,048,576 bytes)");
  }

  @Test
  void shouldCountUtf8BytesNotCharacters() {
    assertThat(PlanReader.utf8Length("a")).isEqualTo(1);
    assertThat(PlanReader.utf8Length("°")).isEqualTo(2);
    assertThat(PlanReader.utf8Length("€")).isEqualTo(3);
    assertThat(PlanReader.utf8Length("\uD83D\uDE00")).isEqualTo(4);
    // 600,000 two-byte characters are 1.2 MB
    String yaml =
        PlanBoundsTest.plan("").replace("campaign: bounds", "campaign: " + "°".repeat(600_000));
    assertThat(catchThrowableOfType(PlanException.class, () -> PlanReader.read(yaml, PRESETS)))
        .isNotNull();
  }

  @Test
  void shouldRefuseALongRunWithoutASpaceBeforeParsingIt() {
    // the 20 MB quoted title kept a core busy for 129 s: such runs cost the YAML scanner
    // the square of their length, so they are refused on a linear scan first
    String yaml =
        PlanBoundsTest.plan("")
            .replace("campaign: bounds", "campaign: \"" + "x".repeat((1 << 20) - 2000) + "\"");

    PlanException e =
        catchThrowableOfType(PlanException.class, () -> PlanReader.read(yaml, PRESETS));

    assertThat(e.problems()).extracting(PlanProblem::path).containsExactly("(document)");
    assertThat(e.getMessage()).contains("line 1 has more than 32,768 characters without a space");
    assertThat(PlanReader.longRun("t: \"x" + " ".repeat(40_000) + "x\"")).contains("spaces");
  }

  @Test
  void shouldReadALongTitleWithSpacesAndLeaveItToTheBounds() {
    String title = "word ".repeat(100_000);
    String yaml =
        PlanBoundsTest.plan("").replace("campaign: bounds", "campaign: \"" + title + "\"");

    CampaignPlan plan = PlanReader.read(yaml, PRESETS);

    assertThat(PlanBounds.check(plan)).extracting(PlanProblem::path).containsExactly("campaign");
  }
}
