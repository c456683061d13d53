package io.stressflow.engine.rest;

import java.util.ArrayList;
import java.util.List;

/**
 * Camunda's {@code $like} pattern: {@code *} matches any run of characters, {@code ?} any one
 * character, everything else itself. Matched without regular expressions or backtracking: the
 * pattern is split at its stars, the first piece must start the text, the last must end it, and
 * each piece between is placed at its leftmost fit after the one before (leftmost is always safe,
 * as a star absorbs whatever lies between). The work is at most the text's length times the longest
 * piece, which {@link #MAX_PATTERN} bounds; a run of stars costs nothing.
 */
final class Wildcard {

  /** The longest pattern accepted, in characters. */
  static final int MAX_PATTERN = 1024;

  private final String pattern;
  private final List<String> pieces = new ArrayList<>();
  private final boolean anchoredStart;
  private final boolean anchoredEnd;
  private long comparisons;

  /**
   * Compiles a pattern.
   *
   * @param pattern the pattern.
   * @throws InvalidRequestException if it is longer than {@link #MAX_PATTERN}.
   */
  Wildcard(final String pattern) {
    if (pattern.length() > MAX_PATTERN) {
      throw new InvalidRequestException(
          "Expected a $like pattern of at most %d characters, but it has %d"
              .formatted(MAX_PATTERN, pattern.length()));
    }
    this.pattern = pattern;
    int start = 0;
    for (int i = 0; i <= pattern.length(); i++) {
      if (i == pattern.length() || pattern.charAt(i) == '*') {
        pieces.add(pattern.substring(start, i));
        start = i + 1;
      }
    }
    this.anchoredStart = !pattern.startsWith("*");
    this.anchoredEnd = !pattern.endsWith("*");
  }

  /**
   * Whether the whole text matches.
   *
   * @param text the text.
   * @return true if it matches.
   */
  boolean matches(final String text) {
    if (pieces.size() == 1) {
      // no star: the text is exactly one piece long
      return text.length() == pattern.length() && fits(text, 0, pattern);
    }
    final String first = pieces.get(0);
    final String last = pieces.get(pieces.size() - 1);
    if (first.length() + last.length() > text.length()) {
      return false;
    }
    if (anchoredStart && !fits(text, 0, first)) {
      return false;
    }
    final int end = text.length() - last.length();
    if (anchoredEnd && !fits(text, end, last)) {
      return false;
    }
    int from = first.length();
    for (int p = 1; p < pieces.size() - 1; p++) {
      final String piece = pieces.get(p);
      final int at = find(text, piece, from, end);
      if (at < 0) {
        return false;
      }
      from = at + piece.length();
    }
    return true;
  }

  /** Character comparisons made so far: what the tests bound. */
  long comparisons() {
    return comparisons;
  }

  /** The leftmost place in {@code [from, to)} where {@code piece} fits whole, or -1. */
  private int find(final String text, final String piece, final int from, final int to) {
    for (int at = from; at + piece.length() <= to; at++) {
      if (fits(text, at, piece)) {
        return at;
      }
    }
    return -1;
  }

  private boolean fits(final String text, final int at, final String piece) {
    for (int i = 0; i < piece.length(); i++) {
      comparisons++;
      final char p = piece.charAt(i);
      if (p != '?' && p != text.charAt(at + i)) {
        return false;
      }
    }
    return true;
  }
}
