package io.virage.graph.engine;

import java.nio.charset.StandardCharsets;
import java.util.Iterator;

/**
 * The users' ids of a {@link DenseIndex} in one compact, shippable dictionary: their UTF-8 bytes end
 * to end in dense-id order (user_id order, as Spark sorts strings: unsigned bytes), where each one
 * starts, and an open-addressing hash table from an id to its position. A lookup hashes the id's
 * bytes and compares them at one or two slots; the position is the dense id.
 *
 * <p>Why: above {@link DenseIndex#BROADCAST_MAX_USERS} users Spark's broadcast hash join is too big
 * to ship (about 60 MB per million users), and joining the interactions to the index by a shuffle
 * sorts them twice (at 10M users, 100M rows each time). This holds the same index in 4 bytes of
 * offset and 4 to 8 of hash slots per user beside the ids' own bytes: 177 MB for the 10M-user
 * demo, whose ids take 8 bytes.
 *
 * <p>Size bounds: the bytes fit one Java array ({@link #MAX_BYTES}), and positions are ints.
 */
final class SortedIds implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  /** The most id bytes one dictionary holds (one array). */
  static final long MAX_BYTES = Integer.MAX_VALUE - 8L;

  private final byte[] bytes;
  /** offsets[i] .. offsets[i + 1]: the bytes of the id at dense id i. */
  private final int[] offsets;
  /** Dense id + 1 at each used slot, 0 where empty; a power-of-two length at least 1.5 times n. */
  private final int[] slots;

  private SortedIds(byte[] bytes, int[] offsets, int[] slots) {
    this.bytes = bytes;
    this.offsets = offsets;
    this.slots = slots;
  }

  /**
   * The dictionary of {@code n} distinct ids, given in ascending order (unsigned UTF-8 bytes) and
   * together {@code totalBytes} long. Throws when they are not in that order or not as many.
   */
  static SortedIds of(Iterator<String> ascending, int n, long totalBytes) {
    if (totalBytes > MAX_BYTES) {
      throw new IllegalArgumentException("ids take " + totalBytes + " bytes, more than one dictionary holds");
    }
    byte[] bytes = new byte[(int) totalBytes];
    int[] offsets = new int[n + 1];
    int[] slots = new int[tableSize(n)];
    int mask = slots.length - 1;
    int at = 0;
    int i = 0;
    while (ascending.hasNext()) {
      byte[] id = ascending.next().getBytes(StandardCharsets.UTF_8);
      if (i == n || at + id.length > bytes.length) {
        throw new IllegalStateException("dictionary: more ids or bytes than the " + n + " ids and " + totalBytes
            + " bytes counted");
      }
      System.arraycopy(id, 0, bytes, at, id.length);
      if (i > 0 && compare(bytes, offsets[i - 1], at, bytes, at, at + id.length) >= 0) {
        throw new IllegalStateException("dictionary: ids not strictly ascending at dense id " + i);
      }
      offsets[i] = at;
      at += id.length;
      offsets[i + 1] = at;
      int slot = hash(id, 0, id.length) & mask;
      while (slots[slot] != 0) {
        slot = (slot + 1) & mask;
      }
      slots[slot] = i + 1;
      i++;
    }
    if (i != n || at != totalBytes) {
      throw new IllegalStateException("dictionary: " + i + " ids and " + at + " bytes, counted " + n + " and "
          + totalBytes);
    }
    return new SortedIds(bytes, offsets, slots);
  }

  /** Slots for {@code n} ids: the next power of two at or above 1.5 n (at least 2). */
  static int tableSize(int n) {
    long want = Math.max(2L, (long) n + (n >> 1));
    long size = Long.highestOneBit(want);
    size = size < want ? size << 1 : size;
    if (size > 1 << 30) {
      throw new IllegalArgumentException(n + " ids: more than a dictionary's table holds");
    }
    return (int) size;
  }

  /** Heap bytes the dictionary of {@code n} ids of {@code totalBytes} bytes takes. */
  static long footprint(long n, long totalBytes) {
    return totalBytes + 4L * (n + 1) + 4L * tableSize((int) Math.min(n, 1 << 29));
  }

  int size() {
    return offsets.length - 1;
  }

  /** The dense id of {@code id}, or -1 when it is not indexed (or null). */
  int position(String id) {
    if (id == null) {
      return -1;
    }
    byte[] b = id.getBytes(StandardCharsets.UTF_8);
    int mask = slots.length - 1;
    int slot = hash(b, 0, b.length) & mask;
    int entry;
    while ((entry = slots[slot]) != 0) {
      int p = entry - 1;
      if (compare(bytes, offsets[p], offsets[p + 1], b, 0, b.length) == 0) {
        return p;
      }
      slot = (slot + 1) & mask;
    }
    return -1;
  }

  /** The id at dense id {@code position}. */
  String id(int position) {
    return new String(bytes, offsets[position], offsets[position + 1] - offsets[position], StandardCharsets.UTF_8);
  }

  /** Unsigned lexicographic order of two byte ranges, the shorter first on a common prefix (Spark's string order). */
  static int compare(byte[] a, int aFrom, int aTo, byte[] b, int bFrom, int bTo) {
    return java.util.Arrays.compareUnsigned(a, aFrom, aTo, b, bFrom, bTo);
  }

  /** FNV-1a over the bytes, then a 64-bit finaliser (MurmurHash3's) so that the low bits mix. */
  private static int hash(byte[] b, int from, int to) {
    long h = 0xcbf29ce484222325L;
    for (int i = from; i < to; i++) {
      h = (h ^ (b[i] & 0xff)) * 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return (int) h;
  }
}
