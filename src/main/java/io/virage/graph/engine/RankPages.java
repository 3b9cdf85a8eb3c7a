package io.virage.graph.engine;

/**
 * K values per user, node-major, in pages of 2^16 users: user {@code u}'s value {@code j} is
 * {@code pages[u >>> BITS][(u & MASK) * K + j]} (512 KB per vector and page). The broadcast path
 * keeps its rank vectors, shares and next ranks this way.
 *
 * <p>Why pages and not one array: no allocation then needs a long contiguous run of the heap. G1
 * stores an object of half a region or more (2 MB in a 6 GB heap) in whole regions of its own and,
 * in Java 17, never moves it; with Spark's large buffers spread over the heap, gigabytes can be free
 * in pieces while one 400 MB array still fails (the 10M night of ca62282 in docs/benchmarks.md: the
 * five brand vectors' first allocation, 2.3 GB free). A segment of the loop reads all its sources
 * from one page ({@link TiledBlock#contributions(double[][], int, int)}): a tile of the smallest
 * size is one page, a larger one a few.
 */
final class RankPages {
  static final int BITS = 16;
  static final int MASK = (1 << BITS) - 1;

  private RankPages() {}

  /** Zeroed pages for {@code k} values of each of {@code n} users; the last page holds the rest. */
  static double[][] allocate(int n, int k) {
    int count = (int) (((long) n + MASK) >>> BITS);
    double[][] pages = new double[count][];
    for (int p = 0; p < count; p++) {
      pages[p] = new double[(Math.min(n, (p + 1) << BITS) - (p << BITS)) * k];
    }
    return pages;
  }

  /** The same values in one node-major array ({@code out[u * K + j]}): 8 x n x K bytes in one piece. */
  static double[] flatten(double[][] pages) {
    long size = 0;
    for (double[] page : pages) {
      size += page.length;
    }
    double[] out = new double[Math.toIntExact(size)];
    int at = 0;
    for (double[] page : pages) {
      System.arraycopy(page, 0, out, at, page.length);
      at += page.length;
    }
    return out;
  }
}
