package io.stressflow.chamber.registermap;

/**
 * Byte order of a 32-bit value across two registers, named after where the bytes of the big-endian
 * value {@code A B C D} ({@code A} most significant) land on the wire. A 16-bit value {@code A B}
 * is sent as {@code A B} under ABCD/CDAB and as {@code B A} under BADC/DCBA.
 */
public enum WordOrder {
  /** Big-endian, high word first: the Modbus convention. */
  ABCD(new int[] {0, 1, 2, 3}, new int[] {0, 1}),
  /** Low word first, bytes big-endian within each word ("Low High" on Watlow, Binder CDAB). */
  CDAB(new int[] {2, 3, 0, 1}, new int[] {0, 1}),
  /** High word first, bytes swapped within each word. */
  BADC(new int[] {1, 0, 3, 2}, new int[] {1, 0}),
  /** Fully little-endian. */
  DCBA(new int[] {3, 2, 1, 0}, new int[] {1, 0});

  private final int[] order32;
  private final int[] order16;

  WordOrder(int[] order32, int[] order16) {
    this.order32 = order32;
    this.order16 = order16;
  }

  /**
   * Rearranges big-endian bytes into wire order, or wire bytes back into big-endian order (every
   * order is its own inverse).
   *
   * @param bytes 2 or 4 bytes starting at {@code offset}.
   * @param offset where the value starts.
   * @param length 2 or 4.
   * @return a new array of the same length, rearranged.
   */
  byte[] permute(byte[] bytes, int offset, int length) {
    int[] order = length == 4 ? order32 : order16;
    byte[] out = new byte[length];
    for (int i = 0; i < length; i++) {
      out[i] = bytes[offset + order[i]];
    }
    return out;
  }
}
