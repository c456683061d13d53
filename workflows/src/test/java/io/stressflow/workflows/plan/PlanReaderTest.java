package io.stressflow.workflows.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the reader refuses before a plan is even mapped: a second document, an oversized text. */
class PlanReaderTest {

  static final Map<String, Leg> PRESETS = PresetLibrary.load();

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
