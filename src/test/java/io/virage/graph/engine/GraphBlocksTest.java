package io.virage.graph.engine;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.when;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virage.SparkTestBase;
import io.virage.graph.BrandPageRank;
import io.virage.graph.BrandSeeds;
import io.virage.graph.GraphFixtures;
import io.virage.graph.InteractionGraph;
import io.virage.schema.InputContract.Interactions;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The influence stage's shared layout ({@link GraphBlocks}: one shuffle for PageRank and the
 * k-core) built the way the stage builds it (interactions, pairs, dense ids), against networkx's
 * PageRank, personalized PageRank and core numbers on the fixtures in src/test/resources/reference
 * (self-loops, parallel edges, dangling and isolated nodes in the random multigraph); a discounted
 * edge leaves PageRank's graph but not the k-core's. The shuffle path on the same fixtures, bit for
 * bit against the broadcast path, is {@link ShufflePathIT} (the integration step: it is the
 * suite's longest engine test, and the path large graphs take).
 */
class GraphBlocksTest extends SparkTestBase {
  private static final StructType VERTICES = new StructType().add("user_id", DataTypes.StringType);
  private static final StructType WINDOWED = new StructType().add(Interactions.SRC_USER_ID, DataTypes.StringType)
      .add(Interactions.DST_USER_ID, DataTypes.StringType).add(Interactions.TYPE, DataTypes.StringType)
      .add(InteractionGraph.INTERACTION_WEIGHT, DataTypes.DoubleType);
  private static final StructType EDGES = new StructType().add(InteractionGraph.SRC, DataTypes.StringType)
      .add(InteractionGraph.DST, DataTypes.StringType).add(InteractionGraph.WEIGHT, DataTypes.DoubleType);
  static final StructType SEEDS = new StructType().add("brand_id", DataTypes.StringType)
      .add("user_id", DataTypes.StringType).add(BrandSeeds.WEIGHT, DataTypes.DoubleType);

  /**
   * The stage's indexed pairs of these interactions: the interactions on dense ids, their pairs,
   * each direction from {@code discounted} (a user id, or "" for none) discounted by {@code discount}.
   */
  static Dataset<Row> indexedPairs(DenseIndex index, List<Object[]> edges, double discount, String discounted) {
    List<Object[]> windowed = new ArrayList<>();
    for (Object[] e : edges) {
      windowed.add(new Object[] {e[0], e[1], "share", e[2]});
    }
    int d = discounted.isEmpty() ? -1 : index.toDense(vertices(List.of(discounted)), "user_id").first().getInt(0);
    Dataset<Row> pairs = InteractionGraph.pairs(index.toDense(rows(WINDOWED, windowed.toArray(Object[][]::new)),
        Interactions.SRC_USER_ID, Interactions.DST_USER_ID));
    return pairs
        .withColumn(InteractionGraph.DW_AB, when(col(InteractionGraph.A).equalTo(d),
            col(InteractionGraph.W_AB).multiply(discount)).otherwise(col(InteractionGraph.W_AB)))
        .withColumn(InteractionGraph.DW_BA, when(col(InteractionGraph.B).equalTo(d),
            col(InteractionGraph.W_BA).multiply(discount)).otherwise(col(InteractionGraph.W_BA)))
        .select(col(InteractionGraph.A).as(DenseIndex.SRC_IDX), col(InteractionGraph.B).as(DenseIndex.DST_IDX),
            col(InteractionGraph.W_AB), col(InteractionGraph.W_BA), col(InteractionGraph.DW_AB), col(InteractionGraph.DW_BA));
  }

  static Dataset<Row> vertices(List<String> nodes) {
    return rows(VERTICES, nodes.stream().map(n -> new Object[] {n}).toArray(Object[][]::new));
  }

  static Map<String, Double> expected(String fixture, int keyColumns) throws IOException {
    Map<String, Double> out = new HashMap<>();
    for (String[] line : GraphFixtures.csv(fixture)) {
      out.put(keyColumns == 1 ? line[0] : line[0] + "/" + line[1], Double.parseDouble(line[keyColumns]));
    }
    return out;
  }

  @ParameterizedTest
  @ValueSource(strings = {"karate", "les_miserables", "florentine", "random_multigraph"})
  void pageRankPersonalizedPageRankAndCoresMatchNetworkx(String graph) throws IOException {
    try (DenseIndex index = DenseIndex.of(vertices(GraphFixtures.nodes(graph)), "user_id");
        GraphBlocks blocks = GraphBlocks.of(indexedPairs(index, GraphFixtures.edges(graph), 1.0, ""), index.size(), 2)) {
      Map<String, Double> global = new HashMap<>();
      Map<String, Double> personalized = new HashMap<>();
      try (RankPropagation engine = blocks.propagation()) {
        PageRank.Outcome o = engine.run(PageRank.Teleport.uniform(), 0.85, TOLERANCE, 1000);
        index.attach(o.ranks(), 1, 0, "pagerank").collectAsList().forEach(r -> global.put(r.getString(0), r.getDouble(1)));
        BrandPageRank.Seeds seeds = BrandPageRank.seeds(index, rows(SEEDS, GraphFixtures.seedSet(graph)));
        PageRank.Outcome p = engine.run(seeds.teleport(), 0.85, TOLERANCE, 1000);
        index.attachVectors(p, seeds.brands(), 0.0, "seeds", "pagerank").collectAsList()
            .forEach(r -> personalized.put(r.getString(1) + "/" + r.getString(0), r.getDouble(2)));
      }
      assertClose(expected(graph + ".pagerank.csv", 1), global, graph + " pagerank");
      assertClose(expected(graph + ".ppr.csv", 2), personalized, graph + " personalized pagerank");

      Map<String, Long> cores = new HashMap<>();
      index.attach(blocks.cores().cores(), "kcore").collectAsList().forEach(r -> cores.put(r.getString(0), r.getLong(1)));
      Map<String, Long> expectedCores = new HashMap<>();
      GraphFixtures.csv(graph + ".kcore.csv").forEach(l -> expectedCores.put(l[0], Long.parseLong(l[1])));
      assertEquals(expectedCores, cores, graph + " core numbers");
    }
  }

  /**
   * Brand vectors broadcast a few at a time (when all of them do not fit on the driver) give the
   * bits and the iterations of one broadcast of all: the vectors never mix and each one's sums run
   * in the same order. Three seed sets on the random multigraph (self-loops, parallel edges,
   * dangling nodes), one and two vectors per broadcast.
   */
  @Test
  void vectorsBroadcastAFewAtATimeGiveTheSameBitsAsAllAtOnce() throws IOException {
    String graph = "random_multigraph";
    List<String> nodes = GraphFixtures.nodes(graph);
    try (DenseIndex index = DenseIndex.of(vertices(nodes), "user_id");
        GraphBlocks blocks = GraphBlocks.of(indexedPairs(index, GraphFixtures.edges(graph), 1.0, ""), index.size(), 2);
        RankPropagation engine = blocks.propagation()) {
      int n = index.size();
      // Three teleports: the first user alone, the second and third 1:3, uniform over all.
      double[] all = new double[n];
      java.util.Arrays.fill(all, 1.0 / n);
      PageRank.Teleport three = new PageRank.Teleport(
          new int[][] {{0}, {1, 2}, java.util.stream.IntStream.range(0, n).toArray()},
          new double[][] {{1.0}, {0.25, 0.75}, all});
      PageRank.Outcome together = engine.run(three, 0.85, TOLERANCE, 1000);
      assertEquals(3, together.perBroadcast());
      for (int w : new int[] {1, 2}) {
        PageRank.Outcome batched = engine.run(three, 0.85, TOLERANCE, 1000, w);
        assertEquals(w, batched.perBroadcast());
        assertEquals(together.iterations(), batched.iterations(), w + " per broadcast");
        assertEquals(together.residual(), batched.residual(), 0.0, w + " per broadcast");
        assertArrayEquals(together.ranks(), batched.ranks(), 0.0, w + " per broadcast");
      }
      // The third vector's teleport is uniform: it is global PageRank, run alone.
      PageRank.Outcome global = engine.run(PageRank.Teleport.uniform(), 0.85, TOLERANCE, 1000);
      for (int u = 0; u < n; u++) {
        assertEquals(global.rank(u, 0), together.rank(u, 2), 1e-10, "user " + u);
      }
    }
  }

  /**
   * The networkx tests (here and in {@link ShufflePathIT}) stop at this L1 change: every iteration costs a Spark job (two on the shuffle path),
   * and the remaining error (at most d / (1 - d) times it, 5.7e-11) stays far below the 1e-9 held
   * to networkx.
   */
  static final double TOLERANCE = 1e-11;

  /** Distributed ranks laid out as the broadcast path's node-major array. */
  static double[] collected(PageRank.Distributed d) {
    double[] out = new double[d.users() * d.vectors()];
    for (PageRank.Slice s : d.slices().collect()) {
      System.arraycopy(s.ranks(), 0, out, s.start() * d.vectors(), s.count() * d.vectors());
    }
    return out;
  }

  @Test
  void aDiscountedEdgeLeavesPageRankButNotTheCores() {
    // Triangle a -> b -> c -> a, d -> c, self-loop on e, f isolated. b's only out-edge is discounted
    // to 0: for PageRank b becomes dangling; for the k-core the triangle stays a 2-core.
    List<Object[]> edges = List.of(new Object[] {"a", "b", 1.0}, new Object[] {"b", "c", 2.0},
        new Object[] {"c", "a", 1.0}, new Object[] {"d", "c", 1.0}, new Object[] {"e", "e", 1.0});
    List<Object[]> withoutB = List.of(new Object[] {"a", "b", 1.0}, new Object[] {"c", "a", 1.0},
        new Object[] {"d", "c", 1.0}, new Object[] {"e", "e", 1.0});
    try (DenseIndex index = DenseIndex.of(vertices(List.of("a", "b", "c", "d", "e", "f")), "user_id");
        GraphBlocks blocks = GraphBlocks.of(indexedPairs(index, edges, 0.0, "b"), index.size(), 2);
        RankPropagation reference = RankPropagation.of(index, rows(EDGES, withoutB.toArray(Object[][]::new)), 1);
        RankPropagation shared = blocks.propagation()) {
      assertEquals(4, shared.edges());
      PageRank.Outcome expected = reference.run(PageRank.Teleport.uniform(), 0.85, TOLERANCE, 1000);
      PageRank.Outcome actual = shared.run(PageRank.Teleport.uniform(), 0.85, TOLERANCE, 1000);
      assertEquals(expected.iterations(), actual.iterations());
      assertArrayEquals(expected.ranks(), actual.ranks(), 1e-15);
      // Ids in user_id order: a b c d e f.
      CoreDecomposition.Result cores = blocks.cores();
      assertArrayEquals(new int[] {2, 2, 2, 1, 0, 0}, cores.cores());
      // The shuffle path (estimates with the executors, 2 parts): the same numbers after the same rounds.
      try (CoreDecomposition.Distributed shuffled = (CoreDecomposition.Distributed) blocks.cores("shuffle", Long.MAX_VALUE)) {
        assertEquals(PageRank.Path.SHUFFLE, shuffled.path());
        assertArrayEquals(new int[] {2, 2, 2, 1, 0, 0}, collected(shuffled));
        assertEquals(cores.rounds(), shuffled.rounds());
        Map<String, Long> attached = new HashMap<>();
        index.attach(shuffled, "kcore").collectAsList().forEach(r -> attached.put(r.getString(0), r.getLong(1)));
        assertEquals(Map.of("a", 2L, "b", 2L, "c", 2L, "d", 1L, "e", 0L, "f", 0L), attached);
      }
      // Released early (the influence stage, once every result is on the driver): the parts leave
      // the cache, the driver's results stay as they were, and the later close does nothing more.
      assertTrue(blocks.cached());
      blocks.release();
      assertFalse(blocks.cached());
      assertArrayEquals(new int[] {2, 2, 2, 1, 0, 0}, cores.cores());
      blocks.close();
      assertFalse(blocks.cached());
    }
  }

  /** Distributed core numbers laid out as the driver path's array (0 for a user in no slice). */
  static int[] collected(CoreDecomposition.Distributed d) {
    int[] out = new int[d.users()];
    for (CoreDecomposition.Slice s : d.slices().collect()) {
      System.arraycopy(s.cores(), 0, out, s.start(), s.cores().length);
    }
    return out;
  }

  @Test
  void graphsWithoutEdgesGiveUniformRanksAndNoCores() {
    try (DenseIndex none = DenseIndex.of(vertices(List.of()), "user_id");
        GraphBlocks empty = GraphBlocks.of(indexedPairs(none, List.of(), 1.0, ""), 0, 2);
        RankPropagation emptyRanks = empty.propagation()) {
      assertEquals(0, emptyRanks.run(PageRank.Teleport.uniform(), 0.85, 1e-9, 100).ranks().length);
      try (PageRank.Distributed noRanks = emptyRanks.runShuffled(PageRank.Teleport.uniform(), 0.85, 1e-9, 100)) {
        assertEquals(0, noRanks.iterations());
        assertEquals(0, noRanks.slices().count());
      }
      assertEquals(0, empty.cores().cores().length);
      try (CoreDecomposition.Distributed noCores = (CoreDecomposition.Distributed) empty.cores("shuffle", 0)) {
        assertEquals(0, noCores.rounds());
        assertEquals(0, collected(noCores).length);
      }
      for (double d : new double[] {0.0, 1.0, -0.5, Double.NaN}) {
        assertThrows(IllegalArgumentException.class, () -> empty.pageRank().damping(d), "damping " + d);
      }
    }
    try (DenseIndex one = DenseIndex.of(vertices(List.of("solo", "other")), "user_id");
        GraphBlocks isolated = GraphBlocks.of(indexedPairs(one, List.of(), 1.0, ""), 2, 2);
        RankPropagation ranks = isolated.propagation()) {
      PageRank.Outcome broadcast = ranks.run(PageRank.Teleport.uniform(), 0.85, 1e-9, 100);
      assertArrayEquals(new double[] {0.5, 0.5}, broadcast.ranks(), 1e-15);
      // Without edges the shuffle path has no blocks: one owner of both users, the same ranks.
      try (PageRank.Distributed shuffled = ranks.runShuffled(PageRank.Teleport.uniform(), 0.85, 1e-9, 100)) {
        assertEquals(broadcast.iterations(), shuffled.iterations());
        assertArrayEquals(broadcast.ranks(), collected(shuffled));
      }
      assertArrayEquals(new int[] {0, 0}, isolated.cores().cores());
      try (CoreDecomposition.Distributed alone = (CoreDecomposition.Distributed) isolated.cores("auto", 0)) {
        assertEquals(isolated.cores().rounds(), alone.rounds());
        assertArrayEquals(new int[] {0, 0}, collected(alone));
      }
    }
  }

  @Test
  void denseIdsFollowUserIdOrderDropUnknownUsersAndTurnBack() {
    StructType interactions = new StructType().add("src", DataTypes.StringType).add("dst", DataTypes.StringType)
        .add("n", DataTypes.IntegerType);
    try (DenseIndex index = DenseIndex.of(vertices(List.of("c", "a", "b")), "user_id")) {
      Dataset<Row> dense = index.toDense(rows(interactions, new Object[] {"c", "a", 1}, new Object[] {"a", "zz", 2},
          new Object[] {"b", "b", 3}), "src", "dst");
      // Ids a=0, b=1, c=2; the row with an unknown user is not in the graph.
      assertEquals(List.of("src", "dst", "n"), List.of(dense.columns()));
      Map<Integer, String> got = new HashMap<>();
      dense.collectAsList().forEach(r -> got.put(r.getInt(2), r.getInt(0) + ">" + r.getInt(1)));
      assertEquals(Map.of(1, "2>0", 3, "1>1"), got);
      Map<Integer, String> back = new HashMap<>();
      index.toIds(dense, "src").collectAsList().forEach(r -> back.put(r.getInt(2), r.getString(0)));
      assertEquals(Map.of(1, "c", 3, "b"), back);
      Map<String, String> attached = new HashMap<>();
      index.attachAll(List.of(DenseIndex.Values.of("x", new double[] {0.5, 0.25, 0.125}),
              DenseIndex.Values.of("k", new int[] {7, 8, 9})))
          .collectAsList().forEach(r -> attached.put(r.getString(0), r.getDouble(1) + " " + r.getLong(2)));
      assertEquals(Map.of("a", "0.5 7", "b", "0.25 8", "c", "0.125 9"), attached);
    }
  }

  @Test
  void aLargeGraphIsSplitSoThatNoPartHoldsMoreThanItsRows() {
    // Two rows per pair, at most 4M rows per part: 2M pairs fill one part, one pair more needs two.
    assertEquals(2, GraphBlocks.partsFor(2, 0));
    assertEquals(1, GraphBlocks.partsFor(0, 0));
    assertEquals(1, GraphBlocks.partsFor(1, 2_000_000L));
    assertEquals(2, GraphBlocks.partsFor(1, 2_000_001L));
    assertEquals(2, GraphBlocks.partsFor(2, 4_000_000L));
    assertEquals(3, GraphBlocks.partsFor(2, 4_000_001L));
    // The 1M-user demo's graph, 19,313,748 rows: 4.83 parts' worth, so 5.
    assertEquals(5, GraphBlocks.partsFor(2, 9_656_874L));
    // The 10M-user demo's graph, 193,134,858 rows: out of a 12 GB heap in two parts and of the
    // default heap in 13 (2026-12-06); 48.28 parts' worth, so 49.
    assertEquals(49, GraphBlocks.partsFor(2, 96_567_429L));
    // A setting above what memory needs is kept.
    assertEquals(60, GraphBlocks.partsFor(60, 96_567_429L));
  }

  @Test
  void partitionBoundsSplitTheRowsAndEveryUserFallsInOneRange() {
    StructType pairs = new StructType().add(DenseIndex.SRC_IDX, DataTypes.IntegerType)
        .add(DenseIndex.DST_IDX, DataTypes.IntegerType);
    // Ends (a row per end, one for a self-loop): 0 0 0 1 2 3 5 5 6 6 (ten). Bounds of 2: the
    // sixth end (3: five rows each side); of 3: the fourth (1) and the seventh (5). Below 1000
    // pairs per partition the sample is every pair.
    Dataset<Row> p = rows(pairs, new Object[] {0, 1}, new Object[] {0, 2}, new Object[] {0, 3},
        new Object[] {5, 5}, new Object[] {5, 6}, new Object[] {6, 6});
    assertArrayEquals(new int[0], GraphBlocks.bounds(p, 1, 6));
    assertArrayEquals(new int[] {3}, GraphBlocks.bounds(p, 2, 6));
    assertArrayEquals(new int[] {1, 5}, GraphBlocks.bounds(p, 3, 6));
    // Partition = how many bounds are at most the id, repeated bounds leaving a range empty.
    int[] bounds = {3, 3, 7, 9};
    StructType ids = new StructType().add("id", DataTypes.IntegerType);
    Object[][] nodes = new Object[12][];
    for (int i = 0; i < nodes.length; i++) {
      nodes[i] = new Object[] {i};
    }
    Map<Integer, Integer> got = new HashMap<>();
    rows(ids, nodes).select(col("id"), GraphBlocks.partitionOf(col("id"), bounds)).collectAsList()
        .forEach(r -> got.put(r.getInt(0), r.getInt(1)));
    for (int i = 0; i < nodes.length; i++) {
      int expected = i < 3 ? 0 : i < 7 ? 2 : i < 9 ? 3 : 4;
      assertEquals(expected, got.get(i), "node " + i);
    }
  }

  static void assertClose(Map<String, Double> expected, Map<String, Double> actual, String what) {
    assertEquals(expected.size(), actual.size(), what + ": one value per node");
    for (Map.Entry<String, Double> e : expected.entrySet()) {
      assertEquals(e.getValue(), actual.get(e.getKey()), 1e-9, what + ": " + e.getKey());
    }
  }
  /**
   * Ranks over more users than one page ({@link RankPages}: 2^16 users), with edges that cross
   * pages, dangling users, and two vectors (uniform; seeds in three pages), against a plain
   * power iteration written here on flat arrays; one and two vectors per broadcast give the same
   * bits. Exactly 10 iterations each (tolerance 0).
   */
  @Test
  void ranksHeldInPagesMatchAFlatPowerIteration() {
    int n = 3 * (1 << RankPages.BITS) + 123;
    int iterations = 10;
    // Every user but each tenth sends to 7u + 1 and to u + 65,537 (mod n), weights 1 + u % 3 and 2.
    List<int[]> ends = new ArrayList<>();
    List<Double> weights = new ArrayList<>();
    for (int u = 0; u < n; u++) {
      if (u % 10 != 0) {
        ends.add(new int[] {u, (int) ((7L * u + 1) % n)});
        weights.add(1.0 + u % 3);
        ends.add(new int[] {u, (u + 65_537) % n});
        weights.add(2.0);
      }
    }
    Dataset<Row> edges = spark.range(n).filter(col("id").mod(10).notEqual(0))
        .selectExpr("cast(id as int) as " + DenseIndex.SRC_IDX,
            "explode(array(named_struct('d', cast((7 * id + 1) % " + n + " as int), 'w', 1.0 + id % 3),"
                + " named_struct('d', cast((id + 65537) % " + n + " as int), 'w', 2.0))) as e")
        .selectExpr("e.d as " + DenseIndex.DST_IDX, DenseIndex.SRC_IDX, "cast(e.w as double) as " + PageRank.WEIGHT);
    int[] seeds = {5, 70_000, 140_001};
    PageRank.Teleport two = new PageRank.Teleport(new int[][] {java.util.stream.IntStream.range(0, n).toArray(), seeds},
        new double[][] {uniform(n), {0.5, 0.25, 0.25}});
    try (RankPropagation engine = RankPropagation.ofIndexed(edges, n, 3)) {
      PageRank.Outcome together = engine.run(two, 0.85, 0.0, iterations, 2);
      PageRank.Outcome apart = engine.run(two, 0.85, 0.0, iterations, 1);
      assertEquals(4, together.pages().length);
      assertEquals(iterations, together.iterations());
      assertArrayEquals(together.ranks(), apart.ranks(), 0.0);
      double[][] expected = powerIteration(n, ends, weights, two, 0.85, iterations);
      for (int j = 0; j < 2; j++) {
        for (int u = 0; u < n; u++) {
          assertEquals(expected[j][u], together.rank(u, j), 1e-12 * expected[j][u], "vector " + j + ", user " + u);
        }
      }
    }
  }

  private static double[] uniform(int n) {
    double[] w = new double[n];
    java.util.Arrays.fill(w, 1.0 / n);
    return w;
  }

  /**
   * PageRank by the book on flat arrays: r'(v) = d x sum of r(u) w(u, v) / W(u) over in-edges, plus
   * (d x dangling mass + 1 - d) x s(v), the dangling mass being 1 minus what flowed along edges.
   */
  private static double[][] powerIteration(int n, List<int[]> ends, List<Double> weights, PageRank.Teleport t,
      double d, int iterations) {
    double[] out = new double[n];
    for (int e = 0; e < ends.size(); e++) {
      out[ends.get(e)[0]] += weights.get(e);
    }
    double[][] result = new double[t.vectors()][];
    for (int j = 0; j < t.vectors(); j++) {
      double[] s = new double[n];
      for (int i = 0; i < t.nodes()[j].length; i++) {
        s[t.nodes()[j][i]] += t.weights()[j][i];
      }
      double[] r = s.clone();
      for (int it = 0; it < iterations; it++) {
        double[] acc = new double[n];
        for (int e = 0; e < ends.size(); e++) {
          int u = ends.get(e)[0];
          acc[ends.get(e)[1]] += r[u] / out[u] * weights.get(e);
        }
        double flowed = java.util.Arrays.stream(acc).sum();
        double mass = d * Math.max(0.0, 1.0 - flowed) + 1 - d;
        for (int v = 0; v < n; v++) {
          r[v] = d * acc[v] + mass * s[v];
        }
      }
      result[j] = r;
    }
    return result;
  }
}
