package io.virage.graph.engine;

import java.io.Serializable;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Row;

/**
 * One partition of a weighted graph's in-edges, laid out for the PageRank loop: the destinations
 * {@code lo .. lo + count - 1} (a contiguous range of dense ids, from a range partitioning), with
 * their edges grouped by <em>source tile</em> (sources {@code t * 2^tileBits ..} up to the next
 * tile; {@link #tileBits(int)} chooses the size from the graph's), and inside a tile by
 * destination then source.
 *
 * <p>Why tiles: the loop reads, for every edge, the source's K values from an array of
 * {@code K x n} doubles. With many vectors that array outgrows the CPU cache and every edge costs
 * a random trip to memory; visiting the edges tile by tile keeps the part of the array being read
 * (2^16 sources x K x 8 bytes: 5 MB for 10 vectors) in cache, and turns the writes into a forward
 * sweep over the block's accumulators. The larger the graph, the fewer of a block's destinations
 * one tile's edges reach, and the sparser that sweep: hence larger tiles for larger graphs
 * ({@link #tileBits(int)}). A destination's edges are still summed in ascending source order, so
 * the result is bit for bit the one of a plain destination-major loop, whatever the tiles.
 *
 * <p>A <em>segment</em> is a run of edges with the same destination inside one tile and one page of
 * 2^{@link RankPages#BITS} sources (never across either, so that it reads one page):
 * {@code segDst[s]} (offset from {@code lo}) and its edges {@code segStart[s] .. segStart[s + 1] - 1}
 * in {@code src} and {@code weights}. Memory: 12 bytes per edge plus 8 per segment (at most one
 * segment per edge).
 */
final class TiledBlock implements Serializable {
  /** Tiles of 2^16 sources (512 KB of shares per vector) up to 2^21 users (2,097,152). */
  static final int TILE_BITS = 16;

  /** Tiles of 2^18 sources (2 MB of shares per vector, four pages) above 2^21 users. */
  static final int LARGE_TILE_BITS = 18;

  /**
   * The tile size for a graph of {@code n} users: {@link #TILE_BITS} up to 2^21 users,
   * {@link #LARGE_TILE_BITS} above, where a small tile's edges reach too few of a block's
   * destinations. Measured with {@code LoopBench} (random graphs of 10 edges per user, the blocks
   * of the engine's part counts, this project's 2-core machine; docs/benchmarks.md, "The PageRank
   * loop alone"): seconds per iteration with tiles of 2^16, 2^17 and 2^18 sources, one vector /
   * five vectors: 1M users 0.054, 0.057, 0.058 / 0.239, 0.288, 0.422; 4M users 0.262, 0.207, 0.162 /
   * 1.215, 1.102, 1.194; 10M users 1.086, 0.572, 0.572 / 3.566, 3.278, 2.947.
   */
  static int tileBits(int n) {
    return n > (1 << 21) ? LARGE_TILE_BITS : TILE_BITS;
  }

  final int lo;
  final int count;
  final int tileBits;
  final int[] segDst;
  final int[] segStart;
  final int[] src;
  final double[] weights;

  private TiledBlock(int lo, int count, int tileBits, int[] segDst, int[] segStart, int[] src, double[] weights) {
    this.lo = lo;
    this.count = count;
    this.tileBits = tileBits;
    this.segDst = segDst;
    this.segStart = segStart;
    this.src = src;
    this.weights = weights;
  }

  long edges() {
    return src.length;
  }

  /** The block's distinct sources, ascending. */
  int[] sources() {
    int[] sorted = src.clone();
    java.util.Arrays.sort(sorted);
    int distinct = 0;
    for (int i = 0; i < sorted.length; i++) {
      if (i == 0 || sorted[i] != sorted[i - 1]) {
        sorted[distinct++] = sorted[i];
      }
    }
    return java.util.Arrays.copyOf(sorted, distinct);
  }

  /**
   * The same block reading its sources from a compact array: each source replaced by its position
   * in {@code sources} (ascending, holding every source of the block). The positions keep the
   * sources' order, so {@link #contributions} sums the same terms in the same order.
   */
  TiledBlock withSourcesAt(int[] sources) {
    int[] local = new int[src.length];
    for (int e = 0; e < src.length; e++) {
      local[e] = java.util.Arrays.binarySearch(sources, src[e]);
      if (local[e] < 0) {
        throw new IllegalArgumentException("source " + src[e] + " of the block is not in the source list");
      }
    }
    return new TiledBlock(lo, count, tileBits, segDst, segStart, local, weights);
  }

  /**
   * The partition's block from rows (destination int, source int, weight double) sorted by
   * destination then source, in tiles of 2^{@code tileBits} sources; an empty partition gives none.
   */
  static Iterator<TiledBlock> of(Iterator<Row> rows, int tileBits) {
    if (!rows.hasNext()) {
      return Collections.emptyIterator();
    }
    return List.of(of(CsrBlock.SortedRows.read(rows, true, false), tileBits)).iterator();
  }

  /**
   * The block of weighted rows already read (at least one), sorted by destination then source, in
   * tiles of 2^{@code tileBits} sources.
   */
  static TiledBlock of(CsrBlock.SortedRows r, int tileBits) {
    if (tileBits < 1 || tileBits > 30) {
      throw new IllegalArgumentException("tile bits: expected 1 to 30, found " + tileBits);
    }
    CsrBlock.IntArray node = r.node;
    CsrBlock.IntArray nbr = r.nbr;
    int m = r.size();
    int lo = node.get(0);
    int count = node.get(m - 1) - lo + 1;
    int tiles = 0;
    for (int e = 0; e < m; e++) {
      tiles = Math.max(tiles, (nbr.get(e) >>> tileBits) + 1);
    }
    // Counting sort by tile; stable, so each tile keeps the (destination, source) order.
    int[] next = new int[tiles + 1];
    for (int e = 0; e < m; e++) {
      next[(nbr.get(e) >>> tileBits) + 1]++;
    }
    for (int t = 0; t < tiles; t++) {
      next[t + 1] += next[t];
    }
    int[] src = new int[m];
    double[] weights = new double[m];
    int[] dst = new int[m];
    for (int e = 0; e < m; e++) {
      int p = next[nbr.get(e) >>> tileBits]++;
      src[p] = nbr.get(e);
      weights[p] = r.weight(e);
      dst[p] = node.get(e) - lo;
    }
    CsrBlock.IntArray segDst = new CsrBlock.IntArray();
    CsrBlock.IntArray segStart = new CsrBlock.IntArray();
    // A new segment at each destination, at each tile and at each page of shares (the smaller of
    // the two): one tile's last destination can be the next tile's first, and a segment reads all
    // its sources from one page.
    int cut = Math.min(tileBits, RankPages.BITS);
    for (int p = 0; p < m; p++) {
      if (p == 0 || dst[p] != dst[p - 1] || (src[p] >>> cut) != (src[p - 1] >>> cut)) {
        segDst.add(dst[p]);
        segStart.add(p);
      }
    }
    segStart.add(m);
    return new TiledBlock(lo, count, tileBits, segDst.toArray(), segStart.toArray(), src, weights);
  }

  /**
   * For each destination of the block and each of the K vectors: the sum over its in-edges of
   * {@code share[src * K + k] * weight}, node-major ({@code acc[(dst - lo) * K + k]}). The shuffle
   * path's form: {@code share} holds what the block's sources send, read at {@code src}.
   */
  double[] contributions(double[] share, int k) {
    // One page of every source: src >>> 31 is 0 for any id, and the mask keeps the id whole.
    return contributions(new double[][] {share}, 31, k);
  }

  /**
   * As {@link #contributions(double[], int)} with {@code share} in pages of 2^{@code pageBits}
   * sources ({@link RankPages}: source {@code s} reads {@code pages[s >>> pageBits][(s & mask) * K + k]}),
   * {@code pageBits} at least the smaller of {@link RankPages#BITS} and the tile's bits, so that each
   * segment's sources lie in one page.
   * The same terms are summed in the same order, so the result does not depend on the pages.
   */
  double[] contributions(double[][] share, int pageBits, int k) {
    int mask = pageBits >= 31 ? Integer.MAX_VALUE : (1 << pageBits) - 1;
    double[] acc = new double[count * k];
    addSegments(0, segDst.length, acc, share, pageBits, mask, k);
    return acc;
  }

  /**
   * {@link #contributions(double[][], int, int)} of several blocks in one pass, tile by tile: the
   * edges of every block from source tile 0, then from tile 1, and so on, so that each tile of the
   * shares is brought into the CPU cache once for the group instead of once per block. Each
   * destination's edges are still summed in the same order (its tiles in order, its sources in
   * order within a tile), so every block's result is the same bits as its own pass. Returns one
   * array per block, in the order given. For blocks built by {@link #of} (sources as dense ids, so
   * a source's tile is its id's), not by {@link #withSourcesAt}; {@code pageBits} as for one block.
   */
  static double[][] contributions(List<TiledBlock> blocks, double[][] share, int pageBits, int k) {
    int mask = pageBits >= 31 ? Integer.MAX_VALUE : (1 << pageBits) - 1;
    int b = blocks.size();
    double[][] acc = new double[b][];
    int[] cursor = new int[b];
    int tiles = 0;
    for (int i = 0; i < b; i++) {
      TiledBlock block = blocks.get(i);
      acc[i] = new double[block.count * k];
      if (block.src.length > 0) {
        tiles = Math.max(tiles, (block.src[block.src.length - 1] >>> block.tileBits) + 1);
      }
    }
    for (int t = 0; t < tiles; t++) {
      for (int i = 0; i < b; i++) {
        TiledBlock block = blocks.get(i);
        int s = cursor[i];
        int end = s;
        int segments = block.segDst.length;
        while (end < segments && (block.src[block.segStart[end]] >>> block.tileBits) == t) {
          end++;
        }
        block.addSegments(s, end, acc[i], share, pageBits, mask, k);
        cursor[i] = end;
      }
    }
    return acc;
  }

  /** Adds segments {@code from .. to - 1} into {@code acc}: the inner loop of {@link #contributions}. */
  private void addSegments(int from, int to, double[] acc, double[][] share, int pageBits, int mask, int k) {
    if (k == 1) {
      for (int s = from; s < to; s++) {
        int v = segDst[s];
        double[] page = share[src[segStart[s]] >>> pageBits];
        double sum = acc[v];
        for (int e = segStart[s]; e < segStart[s + 1]; e++) {
          sum += page[src[e] & mask] * weights[e];
        }
        acc[v] = sum;
      }
    } else {
      for (int s = from; s < to; s++) {
        int out = segDst[s] * k;
        double[] page = share[src[segStart[s]] >>> pageBits];
        for (int e = segStart[s]; e < segStart[s + 1]; e++) {
          int in = (src[e] & mask) * k;
          double w = weights[e];
          for (int j = 0; j < k; j++) {
            acc[out + j] += page[in + j] * w;
          }
        }
      }
    }
  }
}
