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
  private static TiledBlock block(int[][] rows, double[] weights) {
    CsrBlock.SortedRows r = new CsrBlock.SortedRows(true);
    for (int i = 0; i < rows.length; i++) {
      r.add(rows[i][0], rows[i][1], weights[i]);
    }
    return TiledBlock.of(r);
  }

  @Test
  void aDestinationWhoseEdgesEndOneTileAndStartTheNextReadsEachFromItsOwnPage() {
    // Destination 0 is the only destination: its in-edges come from source 5 (tile 0) and source
    // TILE + 7 (tile 1), so tile 0's last destination is tile 1's first. Shares: source s sends s + 1.
    int n = TILE + 100;
    double[][] pages = RankPages.allocate(n, 1);
    for (int s = 0; s < n; s++) {
      pages[s >>> RankPages.BITS][s & RankPages.MASK] = s + 1;
    }
    TiledBlock b = block(new int[][] {{0, 5}, {0, TILE + 7}}, new double[] {0.5, 0.25});
    // By hand: 6 x 0.5 + (TILE + 8) x 0.25; the pages hold exact integers, so the sum is exact.
    double expected = 6 * 0.5 + (TILE + 8) * 0.25;
    assertEquals(expected, b.contributions(pages, RankPages.BITS, 1)[0], 0.0);
    assertEquals(expected, TiledBlock.contributions(List.of(b), pages, RankPages.BITS, 1)[0][0], 0.0);
    // The one-page form (the shuffle path's) agrees.
    assertEquals(expected, b.contributions(RankPages.flatten(pages), 1)[0], 0.0);
  }

  @Test
  void blocksVisitedTogetherTileByTileGiveTheBitsOfEachBlockAlone() {
    // Four blocks of a random graph over three and a half tiles of sources, each destination with
    // edges in several tiles; K = 1 and K = 3 (node-major shares).
    int n = 3 * TILE + TILE / 2;
    Random random = new Random(7);
    for (int k : new int[] {1, 3}) {
      double[][] pages = RankPages.allocate(n, k);
      for (double[] page : pages) {
        for (int i = 0; i < page.length; i++) {
          page[i] = random.nextDouble();
        }
      }
      List<TiledBlock> blocks = new ArrayList<>();
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
        blocks.add(block(rows.toArray(int[][]::new), w.stream().mapToDouble(Double::doubleValue).toArray()));
      }
      double[][] together = TiledBlock.contributions(blocks, pages, RankPages.BITS, k);
      assertEquals(blocks.size(), together.length);
      for (int b = 0; b < blocks.size(); b++) {
        assertArrayEquals(blocks.get(b).contributions(pages, RankPages.BITS, k), together[b], 0.0, "block " + b);
        assertArrayEquals(blocks.get(b).contributions(RankPages.flatten(pages), k), together[b], 0.0, "block " + b);
      }
    }
  }
}
