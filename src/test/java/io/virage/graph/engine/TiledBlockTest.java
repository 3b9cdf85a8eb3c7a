package io.virage.graph.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The PageRank loop over tiled blocks (no Spark): pages, tiles and groups of blocks. */
class TiledBlockTest {
  private static final int TILE = 1 << TiledBlock.TILE_BITS;

  /** A block of (destination, source, weight) rows, already sorted by destination then source. */
  private static TiledBlock block(int[][] rows, double[] weights, int tileBits) {
    CsrBlock.SortedRows r = new CsrBlock.SortedRows(true);
    for (int i = 0; i < rows.length; i++) {
      r.add(rows[i][0], rows[i][1], weights[i]);
    }
    return TiledBlock.of(r, tileBits);
  }

  /**
   * The reference: for each destination, in order, the sum of share x weight over its rows in the
   * rows' (ascending source) order, one addition after the other, as a plain destination-major loop.
   */
  private static double[] plainLoop(int lo, int count, List<int[]> rows, List<Double> weights, double[][] pages,
      int k) {
    double[] acc = new double[count * k];
    for (int i = 0; i < rows.size(); i++) {
      int d = rows.get(i)[0] - lo;
      int s = rows.get(i)[1];
      for (int j = 0; j < k; j++) {
        acc[d * k + j] += pages[s >>> RankPages.BITS][(s & RankPages.MASK) * k + j] * weights.get(i);
      }
    }
    return acc;
  }

  @Test
  void aDestinationWhoseEdgesEndOneTileOrPageAndStartTheNextReadsEachFromItsOwnPage() {
    // Destination 0 is the only destination: its in-edges come from source 5 (page 0) and source
    // TILE + 7 (page 1): with tiles of one page, tile 0's last destination is tile 1's first; with
    // tiles of four pages (2^18 sources), both edges are in tile 0 but not in one page. Shares:
    // source s sends s + 1.
    int n = TILE + 100;
    double[][] pages = RankPages.allocate(n, 1);
    for (int s = 0; s < n; s++) {
      pages[s >>> RankPages.BITS][s & RankPages.MASK] = s + 1;
    }
    for (int tileBits : new int[] {TiledBlock.TILE_BITS, TiledBlock.LARGE_TILE_BITS}) {
      TiledBlock b = block(new int[][] {{0, 5}, {0, TILE + 7}}, new double[] {0.5, 0.25}, tileBits);
      // By hand: 6 x 0.5 + (TILE + 8) x 0.25; the pages hold exact integers, so the sum is exact.
      double expected = 6 * 0.5 + (TILE + 8) * 0.25;
      assertEquals(expected, b.contributions(pages, RankPages.BITS, 1)[0], 0.0, "tile bits " + tileBits);
      assertEquals(expected, TiledBlock.contributions(List.of(b), pages, RankPages.BITS, 1)[0][0], 0.0);
      // The one-page form (the shuffle path's) agrees.
      assertEquals(expected, b.contributions(RankPages.flatten(pages), 1)[0], 0.0);
    }
  }

  @Test
  void theTileSizeChoosesLargerTilesForLargerGraphs() {
    assertEquals(TiledBlock.TILE_BITS, TiledBlock.tileBits(1_000_000));
    assertEquals(TiledBlock.TILE_BITS, TiledBlock.tileBits(1 << 21));
    assertEquals(TiledBlock.LARGE_TILE_BITS, TiledBlock.tileBits((1 << 21) + 1));
    assertEquals(TiledBlock.LARGE_TILE_BITS, TiledBlock.tileBits(10_000_000));
  }

  @Test
  void blocksOfAnyTileSizeVisitedTogetherGiveTheBitsOfAPlainLoop() {
    // Four blocks of a random graph over three and a half pages of sources, each destination with
    // edges in several pages; K = 1 and K = 3 (node-major shares); tiles of a quarter page, one
    // page, two pages and four: every way gives the plain destination-major loop's bits.
    int n = 3 * TILE + TILE / 2;
    Random random = new Random(7);
    for (int[] kt : new int[][] {{1, 14}, {1, 16}, {3, 16}, {1, 17}, {3, 18}}) {
      int k = kt[0];
      int tileBits = kt[1];
      double[][] pages = RankPages.allocate(n, k);
      for (double[] page : pages) {
        for (int i = 0; i < page.length; i++) {
          page[i] = random.nextDouble();
        }
      }
      List<TiledBlock> blocks = new ArrayList<>();
      List<double[]> expected = new ArrayList<>();
      int[] los = {0, 40, 41, 900};
      int[] counts = {40, 1, 859, 300};
      for (int b = 0; b < los.length; b++) {
        List<int[]> rows = new ArrayList<>();
        List<Double> w = new ArrayList<>();
        for (int d = los[b]; d < los[b] + counts[b]; d++) {
          java.util.TreeSet<Integer> sources = new java.util.TreeSet<>();
          int degree = 1 + random.nextInt(12);
          while (sources.size() < degree) {
            sources.add(random.nextInt(n));
          }
          for (int s : sources) {
            rows.add(new int[] {d, s});
            w.add(0.5 + random.nextDouble());
          }
        }
        blocks.add(block(rows.toArray(int[][]::new), w.stream().mapToDouble(Double::doubleValue).toArray(), tileBits));
        expected.add(plainLoop(los[b], counts[b], rows, w, pages, k));
      }
      double[][] together = TiledBlock.contributions(blocks, pages, RankPages.BITS, k);
      assertEquals(blocks.size(), together.length);
      for (int b = 0; b < blocks.size(); b++) {
        String what = "K = " + k + ", tile bits " + tileBits + ", block " + b;
        assertArrayEquals(expected.get(b), together[b], 0.0, what);
        assertArrayEquals(expected.get(b), blocks.get(b).contributions(pages, RankPages.BITS, k), 0.0, what);
        assertArrayEquals(expected.get(b), blocks.get(b).contributions(RankPages.flatten(pages), k), 0.0, what);
      }
    }
  }
}
