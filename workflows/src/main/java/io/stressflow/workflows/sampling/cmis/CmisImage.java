package io.stressflow.workflows.sampling.cmis;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Raw bytes read from a CMIS module's management interface: the lower page (bytes 0–127) and the
 * upper pages (bytes 128–255 of each selected page, bank 0). Kept as read, so a decoder change can
 * be replayed on stored images.
 */
public final class CmisImage {

  /** Size of a page half in bytes. */
  public static final int PAGE = 128;

  private final byte[] lower;
  private final Map<Integer, byte[]> upper;

  private CmisImage(byte[] lower, Map<Integer, byte[]> upper) {
    this.lower = lower;
    this.upper = upper;
  }

  /**
   * Creates an image. Pages may be short or missing; the decoder reports what it could not read.
   *
   * @param lower the lower page, bytes 0–127 (copied).
   * @param upper upper pages by page number (00h, 01h, 02h, 11h, …), each bytes 128–255 (copied).
   * @return the image.
   */
  public static CmisImage of(byte[] lower, Map<Integer, byte[]> upper) {
    Map<Integer, byte[]> copy = new HashMap<>();
    upper.forEach((page, bytes) -> copy.put(page, bytes.clone()));
    return new CmisImage(lower == null ? new byte[0] : lower.clone(), Map.copyOf(copy));
  }

  /** The lower page as read (may be shorter than 128 bytes). */
  public byte[] lower() {
    return lower.clone();
  }

  /**
   * An upper page as read.
   *
   * @param page the page number, e.g. {@code 0x11}.
   * @return its bytes (128–255), if it was read.
   */
  public Optional<byte[]> upper(int page) {
    byte[] bytes = upper.get(page);
    return bytes == null ? Optional.empty() : Optional.of(bytes.clone());
  }

  byte[] lowerUnsafe() {
    return lower;
  }

  byte[] upperUnsafe(int page) {
    return upper.get(page);
  }

  @Override
  public String toString() {
    return "CmisImage[lower="
        + lower.length
        + " bytes, pages="
        + Arrays.toString(upper.keySet().stream().sorted().map(p -> "%02Xh".formatted(p)).toArray())
        + "]";
  }
}
