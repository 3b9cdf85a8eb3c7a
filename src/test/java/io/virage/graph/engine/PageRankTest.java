package io.virage.graph.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virage.SparkTestBase;
import io.virage.graph.GraphFixtures;
import java.io.IOException;
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
 * The door's global PageRank over an edge list ({@link PageRank#layout}), the textbook weighted
 * PageRank, against values computed independently: by hand, and by networkx on real public graphs
 * (fixtures and their generator in src/test/resources/reference/).
 */
class PageRankTest extends SparkTestBase {
  private static final StructType VERTICES = new StructType().add("user_id", DataTypes.StringType);
  private static final StructType EDGES = new StructType().add(PageRank.SRC, DataTypes.StringType)
      .add(PageRank.DST, DataTypes.StringType).add(PageRank.WEIGHT, DataTypes.DoubleType);

  /** Ranks by user id, iterations run and the last L1 change. */
  private record Ranked(Map<String, Double> ranks, int iterations, double residual) {}

  private static Ranked run(List<String> nodes, List<Object[]> edges) {
    Dataset<Row> v = rows(VERTICES, nodes.stream().map(n -> new Object[] {n}).toArray(Object[][]::new));
    Dataset<Row> e = rows(EDGES, edges.toArray(Object[][]::new));
    try (DenseIndex index = DenseIndex.of(v, "user_id"); PageRank.Layout graph = PageRank.layout(index, e, 2)) {
      PageRank.Outcome o = (PageRank.Outcome) PageRank.on(graph).tolerance(1e-13).maxIterations(1000)
          .propagation("broadcast").run();
      Map<String, Double> ranks = new HashMap<>();
      for (Row row : index.attach(o.ranks(), 1, 0, "pagerank").collectAsList()) {
        ranks.put(row.getString(0), row.getDouble(1));
      }
      return new Ranked(ranks, o.iterations(), o.residual());
    }
  }

  private static Map<String, Double> ranks(Ranked r) {
    return r.ranks();
  }

  @Test
  void twoNodesByHand() {
    // a -> b, b dangling. With d = 0.85 and r_a + r_b = 1:
    // r_a = 0.15/2 + 0.85 * r_b / 2 = 0.075 + 0.425 (1 - r_a)  =>  r_a = 0.5 / 1.425
    Map<String, Double> r = ranks(run(List.of("a", "b"), List.<Object[]>of(new Object[] {"a", "b", 1.0})));
    assertEquals(0.5 / 1.425, r.get("a"), 1e-12);
    assertEquals(1 - 0.5 / 1.425, r.get("b"), 1e-12);
  }

  @Test
  void weightsSplitTheOutgoingRank() {
    // a -> b (weight 3), a -> c (weight 1); b and c dangling, a has no in-edge. By hand, with t = r_a:
    //   r_a = 0.05 + 0.85 (r_b + r_c) / 3            (teleport + dangling share)
    //   r_b = r_a + 0.85 * 3/4 * r_a = 1.6375 r_a,  r_c = r_a + 0.85 * 1/4 * r_a = 1.2125 r_a
    //   r_a + r_b + r_c = 3.85 r_a = 1
    Map<String, Double> r = ranks(run(List.of("a", "b", "c"),
        List.of(new Object[] {"a", "b", 3.0}, new Object[] {"a", "c", 1.0})));
    assertEquals(1 / 3.85, r.get("a"), 1e-12);
    assertEquals(1.6375 / 3.85, r.get("b"), 1e-12);
    assertEquals(1.2125 / 3.85, r.get("c"), 1e-12);
  }

  @Test
  void emptyGraphGivesNoRowsAndNoError() {
    Ranked r = run(List.of(), List.of());
    assertEquals(Map.of(), r.ranks());
    assertEquals(0, r.iterations());
  }

  @Test
  void singleNodeWithOrWithoutSelfLoopHoldsAllTheRank() {
    assertEquals(1.0, ranks(run(List.of("solo"), List.of())).get("solo"), 1e-15);
    assertEquals(1.0, ranks(run(List.of("solo"), List.<Object[]>of(new Object[] {"solo", "solo", 2.0}))).get("solo"), 1e-15);
  }

  @Test
  void rerunsAreBitIdentical() throws IOException {
    Fixture f = Fixture.load("les_miserables");
    assertEquals(ranks(run(f.nodes(), f.edges())), ranks(run(f.nodes(), f.edges())));
  }

  @ParameterizedTest
  @ValueSource(strings = {"karate", "les_miserables", "florentine", "random_multigraph"})
  void matchesNetworkx(String graph) throws IOException {
    Fixture f = Fixture.load(graph);
    Ranked result = run(f.nodes(), f.edges());
    Map<String, Double> r = ranks(result);
    assertEquals(f.expected().size(), r.size(), graph + ": one rank per node");
    double sum = 0;
    for (Map.Entry<String, Double> e : f.expected().entrySet()) {
      assertEquals(e.getValue(), r.get(e.getKey()), 1e-9, graph + ": node " + e.getKey());
      sum += r.get(e.getKey());
    }
    assertEquals(1.0, sum, 1e-12, graph + ": ranks sum to 1");
    assertTrue(result.residual() < 1e-13, graph + ": converged, residual " + result.residual());
  }

  /** A networkx fixture: nodes, directed weighted edges (parallel edges repeated), expected ranks. */
  record Fixture(List<String> nodes, List<Object[]> edges, Map<String, Double> expected) {
    static Fixture load(String name) throws IOException {
      Map<String, Double> expected = new HashMap<>();
      for (String[] line : GraphFixtures.csv(name + ".pagerank.csv")) {
        expected.put(line[0], Double.parseDouble(line[1]));
      }
      return new Fixture(GraphFixtures.nodes(name), GraphFixtures.edges(name), expected);
    }
  }
}
