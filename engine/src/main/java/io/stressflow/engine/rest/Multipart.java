package io.stressflow.engine.rest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A minimal multipart/form-data reader: enough for the client's deployment requests. */
final class Multipart {
  private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?");
  private static final Pattern NAME = Pattern.compile("\\bname=\"([^\"]*)\"");
  private static final Pattern FILENAME = Pattern.compile("\\bfilename=\"([^\"]*)\"");

  /**
   * One part.
   *
   * @param name the form field name.
   * @param filename the file name, or null.
   * @param content the bytes.
   */
  record Part(String name, String filename, byte[] content) {
    String text() {
      return new String(content, StandardCharsets.UTF_8);
    }
  }

  /** RFC 2046: a boundary has 1 to 70 characters. */
  static final int MAX_BOUNDARY = 70;

  /** A part's headers: 8 KiB, far more than a name, a file name and a content type need. */
  static final int MAX_PART_HEADERS = 8 * 1024;

  private Multipart() {}

  static List<Part> parse(final String contentType, final byte[] body) {
    final Matcher boundaryMatcher = BOUNDARY.matcher(contentType == null ? "" : contentType);
    if (!boundaryMatcher.find()) {
      throw new InvalidRequestException(
          "Expected a multipart/form-data request with a boundary, but Content-Type was '%s'"
              .formatted(contentType));
    }
    if (boundaryMatcher.group(1).length() > MAX_BOUNDARY) {
      throw new InvalidRequestException(
          "Expected a multipart boundary of at most %d characters (RFC 2046), but it has %d"
              .formatted(MAX_BOUNDARY, boundaryMatcher.group(1).length()));
    }
    final byte[] delimiter =
        ("--" + boundaryMatcher.group(1)).getBytes(StandardCharsets.ISO_8859_1);
    final List<Part> parts = new ArrayList<>();
    int position = indexOf(body, delimiter, 0);
    while (position >= 0) {
      int start = position + delimiter.length;
      if (start + 1 < body.length && body[start] == '-' && body[start + 1] == '-') {
        break;
      }
      start = skipLineBreak(body, start);
      final int next = indexOf(body, delimiter, start);
      if (next < 0) {
        break;
      }
      int end = next;
      if (end >= 2 && body[end - 2] == '\r' && body[end - 1] == '\n') {
        end -= 2;
      }
      parts.add(part(Arrays.copyOfRange(body, start, end)));
      position = next;
    }
    return parts;
  }

  private static Part part(final byte[] raw) {
    final byte[] separator = "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
    final int headerEnd =
        indexOf(
            Arrays.copyOf(raw, Math.min(raw.length, MAX_PART_HEADERS + separator.length)),
            separator,
            0);
    if (headerEnd < 0) {
      throw new InvalidRequestException(
          "Expected a multipart part's headers to end within %d bytes, but they did not"
              .formatted(MAX_PART_HEADERS));
    }
    final String headers = new String(raw, 0, headerEnd, StandardCharsets.UTF_8);
    String name = null;
    String filename = null;
    for (final String line : headers.split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-disposition:")) {
        final Matcher n = NAME.matcher(line);
        name = n.find() ? n.group(1) : null;
        final Matcher f = FILENAME.matcher(line);
        filename = f.find() ? f.group(1) : null;
      }
    }
    return new Part(
        name, filename, Arrays.copyOfRange(raw, headerEnd + separator.length, raw.length));
  }

  private static int skipLineBreak(final byte[] body, final int position) {
    if (position + 1 < body.length && body[position] == '\r' && body[position + 1] == '\n') {
      return position + 2;
    }
    return position;
  }

  private static int indexOf(final byte[] data, final byte[] pattern, final int from) {
    outer:
    for (int i = Math.max(0, from); i <= data.length - pattern.length; i++) {
      for (int j = 0; j < pattern.length; j++) {
        if (data[i + j] != pattern[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
