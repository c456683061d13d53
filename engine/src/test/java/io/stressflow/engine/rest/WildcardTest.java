package io.stressflow.engine.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code $like} without a regular expression: right answers, and work linear in the text. */
class WildcardTest {

  @Test
  void shouldMatchStarsQuestionMarksAndLiterals() {
    assertThat(new Wildcard("COMP*").matches("COMPLETED")).isTrue();
    assertThat(new Wildcard("COMP*").matches("ACTIVE")).isFalse();
    assertThat(new Wildcard("*ED").matches("COMPLETED")).isTrue();
    assertThat(new Wildcard("C?MP*T?D").matches("COMPLETED")).isTrue();
    assertThat(new Wildcard("*PLE*").matches("COMPLETED")).isTrue();
    assertThat(new Wildcard("*a*b*").matches("xxaxxbxx")).isTrue();
    assertThat(new Wildcard("*a*b*").matches("xxbxxaxx")).isFalse();
    assertThat(new Wildcard("ab*ab").matches("ab")).isFalse();
    assertThat(new Wildcard("ab*ab").matches("abab")).isTrue();
    assertThat(new Wildcard("*").matches("")).isTrue();
    assertThat(new Wildcard("").matches("")).isTrue();
    assertThat(new Wildcard("?").matches("")).isFalse();
    assertThat(new Wildcard("a.c").matches("abc")).isFalse();
    assertThat(new Wildcard("[a]").matches("[a]")).isTrue();
    assertThat(new Wildcard("**x**").matches("x")).isTrue();
  }

  @Test
  void shouldAgreeWithARegularExpressionOnSmallCases() {
    String[] patterns = {"*", "a*", "*a", "a?b", "*ab*", "?*?", "a*b*a", "**", "*?a*"};
    String[] texts = {"", "a", "ab", "ba", "aab", "abab", "abba", "bab", "aaba"};
    for (String p : patterns) {
      String regex = p.replace("?", ".").replace("*", ".*");
      for (String t : texts) {
        assertThat(new Wildcard(p).matches(t)).as("%s ~ %s", p, t).isEqualTo(t.matches(regex));
      }
    }
  }

  /**
   * The issue's pattern, sixteen stars and a '#', took 11-17 s as a regex under the engine lock.
   */
  @Test
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void shouldRejectSixteenStarsAndAHashOverALongTextInLinearWork() {
    String text = "a".repeat(100_000);
    Wildcard w = new Wildcard("*".repeat(16) + "#");

    assertThat(w.matches(text)).isFalse();
    assertThat(w.comparisons()).isLessThanOrEqualTo(1);
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void shouldDoWorkBoundedByTheTextTimesTheLongestPiece() {
    int n = 100_000;
    String text = "a".repeat(n);
    // every piece fits at once until the last, which must end the text
    Wildcard stars = new Wildcard("*a".repeat(500) + "*b");
    assertThat(stars.matches(text)).isFalse();
    assertThat(stars.comparisons()).isLessThanOrEqualTo(501);

    // a piece that almost fits everywhere: at most n positions x its length
    Wildcard almost = new Wildcard("*" + "a".repeat(20) + "b*");
    assertThat(almost.matches(text)).isFalse();
    assertThat(almost.comparisons()).isLessThanOrEqualTo((long) n * 21);
  }

  @Test
  void shouldRefuseAPatternLongerThanTheLimit() {
    assertThatThrownBy(() -> new Wildcard("a".repeat(Wildcard.MAX_PATTERN + 1)))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("at most 1024 characters");
  }
}
