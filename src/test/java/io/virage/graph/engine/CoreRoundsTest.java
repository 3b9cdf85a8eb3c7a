package io.virage.graph.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virage.SparkTestBase;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * The k-core's driver path on a graph that takes many rounds (a long chain hanging off a dense
 * random part, in three blocks), against two references written here: Batagelj and Zaversnik's
 * bucket algorithm for the core numbers (another algorithm), and the plain synchronous h-index
 * iteration over every user for the rounds.
 */
class CoreRoundsTest extends SparkTestBase {
  private static final StructType EDGES = new StructType().add(DenseIndex.SRC_IDX, DataTypes.IntegerType)
      .add(DenseIndex.DST_IDX, DataTypes.IntegerType);

  @Test
  void coresAndRoundsMatchABucketAlgorithmAndThePlainIteration() {
    int dense = 400;
    int chain = 40;
    int n = dense + chain + 5; // the last five users have no edge
    Random random = new Random(7);
    List<Object[]> edges = new ArrayList<>();
    for (int i = 0; i < 3_000; i++) {
      edges.add(new Object[] {random.nextInt(dense), random.nextInt(dense)}); // self-loops and repeats included
    }
    for (int i = 0; i < 40; i++) { // a clique of 12 among the first users: a 11-core
      for (int j = 0; j < 12; j++) {
        if (i % 12 != j) {
          edges.add(new Object[] {i % 12, j});
        }
      }
    }
    edges.add(new Object[] {dense - 1, dense});
    for (int c = dense; c + 1 < dense + chain; c++) {
      edges.add(new Object[] {c + 1, c}); // either direction: the k-core ignores it
    }

    CoreDecomposition.Result cores = CoreDecomposition.runIndexed(rows(EDGES, edges.toArray(Object[][]::new)), n, 3);

    List<TreeSet<Integer>> adjacency = adjacency(edges, n);
    assertArrayEquals(bucketCores(adjacency), cores.cores());
    int rounds = synchronousRounds(adjacency);
    assertEquals(rounds, cores.rounds());
    // The chain's end reaches its core number one step per round: many rounds.
    assertTrue(rounds > chain / 2, "rounds " + rounds);
    assertEquals(1, cores.cores()[dense + chain - 1]);
    assertEquals(0, cores.cores()[n - 1]);
  }

  @Test
  void hubsAboveAByteStartOnIntEstimatesAndEndOnByteOnesWithTheSameCoresAndRounds() {
    int hubs = 3;
    int n = 700;
    Random random = new Random(11);
    List<Object[]> edges = new ArrayList<>();
    for (int h = 0; h < hubs; h++) {
      for (int j = 0; j < 300; j++) { // 300 leaves each, overlapping: degrees above a byte
        edges.add(new Object[] {h, hubs + (h * 150 + j) % (n - hubs)});
      }
    }
    for (int i = 0; i < 2_500; i++) {
      edges.add(new Object[] {hubs + random.nextInt(200), hubs + random.nextInt(200)});
    }

    CoreDecomposition.Result cores = CoreDecomposition.runIndexed(rows(EDGES, edges.toArray(Object[][]::new)), n, 3);

    List<TreeSet<Integer>> adjacency = adjacency(edges, n);
    // The first round reads int estimates (a hub's degree does not fit in a byte), the last ones bytes.
    assertTrue(adjacency.get(0).size() > CoreDecomposition.NARROW_MAX, "hub degree " + adjacency.get(0).size());
    int[] expected = bucketCores(adjacency);
    assertTrue(Arrays.stream(expected).max().getAsInt() <= CoreDecomposition.NARROW_MAX);
    assertArrayEquals(expected, cores.cores());
    assertEquals(synchronousRounds(adjacency), cores.rounds());
  }

  @Test
  void theByteEstimatesGiveTheIntEstimatesHIndex() {
    Random random = new Random(3);
    int n = 2_000;
    int[] offsets = new int[n + 1];
    int[] neighbours = new int[n * 12];
    for (int v = 0; v < n; v++) {
      int degree = random.nextInt(13);
      offsets[v + 1] = offsets[v] + degree;
      for (int e = offsets[v]; e < offsets[v + 1]; e++) {
        neighbours[e] = random.nextInt(n);
      }
    }
    int[] wide = new int[n];
    byte[] narrow = new byte[n];
    for (int v = 0; v < n; v++) {
      wide[v] = random.nextInt(CoreDecomposition.NARROW_MAX + 1); // 0 .. 255, negative as a signed byte from 128
      narrow[v] = (byte) wide[v];
    }
    int lo = 500; // a block of users 500 .. 1499: own estimates read at lo + v
    int[] blockOffsets = Arrays.copyOfRange(offsets, lo, lo + 1_001);
    assertArrayEquals(CoreDecomposition.hIndex(blockOffsets, neighbours, wide, wide, lo),
        CoreDecomposition.hIndex(blockOffsets, neighbours, narrow, lo));
  }

  /** The undirected simple graph: each user's distinct neighbours, itself excluded. */
  private static List<TreeSet<Integer>> adjacency(List<Object[]> edges, int n) {
    List<TreeSet<Integer>> adj = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      adj.add(new TreeSet<>());
    }
    for (Object[] e : edges) {
      int a = (Integer) e[0];
      int b = (Integer) e[1];
      if (a != b) {
        adj.get(a).add(b);
        adj.get(b).add(a);
      }
    }
    return adj;
  }

  /** Batagelj and Zaversnik (2003): peel users in order of current degree, with buckets. */
  static int[] bucketCores(List<TreeSet<Integer>> adj) {
    int n = adj.size();
    int[] deg = new int[n];
    int max = 0;
    for (int v = 0; v < n; v++) {
      deg[v] = adj.get(v).size();
      max = Math.max(max, deg[v]);
    }
    int[] bin = new int[max + 1];
    for (int v = 0; v < n; v++) {
      bin[deg[v]]++;
    }
    for (int d = 0, start = 0; d <= max; d++) {
      int count = bin[d];
      bin[d] = start;
      start += count;
    }
    int[] pos = new int[n];
    int[] vert = new int[n];
    for (int v = 0; v < n; v++) {
      pos[v] = bin[deg[v]]++;
      vert[pos[v]] = v;
    }
    for (int d = max; d > 0; d--) {
      bin[d] = bin[d - 1];
    }
    bin[0] = 0;
    for (int i = 0; i < n; i++) {
      int v = vert[i];
      for (int u : adj.get(v)) {
        if (deg[u] > deg[v]) {
          int du = deg[u];
          int pu = pos[u];
          int pw = bin[du];
          int w = vert[pw];
          if (u != w) {
            pos[u] = pw;
            vert[pu] = w;
            pos[w] = pu;
            vert[pw] = u;
          }
          bin[du]++;
          deg[u]--;
        }
      }
    }
    return deg;
  }

  /** Rounds of the synchronous iteration over every user until no estimate changes (the last round changes none). */
  static int synchronousRounds(List<TreeSet<Integer>> adj) {
    int n = adj.size();
    int[] est = new int[n];
    for (int v = 0; v < n; v++) {
      est[v] = adj.get(v).size();
    }
    int rounds = 0;
    while (true) {
      int[] next = new int[n];
      for (int v = 0; v < n; v++) {
        int[] values = adj.get(v).stream().mapToInt(u -> est[u]).sorted().toArray();
        int h = 0;
        while (h < values.length && values[values.length - 1 - h] >= h + 1) {
          h++;
        }
        next[v] = Math.min(est[v], h);
      }
      rounds++;
      if (Arrays.equals(next, est)) {
        return rounds;
      }
      System.arraycopy(next, 0, est, 0, n);
    }
  }
}
