package io.virage.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.virage.SparkTestBase;
import io.virage.graph.engine.CoreDecomposition;
import io.virage.graph.engine.DenseIndex;
import io.virage.graph.engine.PageRank;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Personalized PageRank of several seed sets in one pass against networkx
 * ({@code pagerank(G, personalization=s, dangling=s)}), and core numbers against
 * {@code networkx.core_number}, on the fixtures in src/test/resources/reference.
 */
class BrandPageRankTest extends SparkTestBase {
  private static final StructType VERTICES = new StructType().add("user_id", DataTypes.StringType);
  private static final StructType EDGES = new StructType().add(InteractionGraph.SRC, DataTypes.StringType)
      .add(InteractionGraph.DST, DataTypes.StringType).add(InteractionGraph.WEIGHT, DataTypes.DoubleType);
  private static final StructType SEEDS = new StructType().add("brand_id", DataTypes.StringType)
      .add("user_id", DataTypes.StringType).add(BrandSeeds.WEIGHT, DataTypes.DoubleType);
  private static Dataset<Row> vertices(String graph) throws IOException {
    return rows(VERTICES, GraphFixtures.nodes(graph).stream().map(n -> new Object[] {n}).toArray(Object[][]::new));
  }

  @ParameterizedTest
  @ValueSource(strings = {"karate", "les_miserables", "florentine", "random_multigraph"})
  void personalizedPageRankOfTwoSeedSetsInOnePassMatchesNetworkx(String graph) throws IOException {
    Dataset<Row> seedRows = rows(SEEDS, GraphFixtures.seedSet(graph));
    Map<String, Double> expected = new HashMap<>();
    for (String[] line : GraphFixtures.csv(graph + ".ppr.csv")) {
      expected.put(line[0] + "/" + line[1], Double.parseDouble(line[2]));
    }
    try (DenseIndex index = DenseIndex.of(vertices(graph), "user_id");
        PageRank.Layout engine = PageRank.layout(index,
            rows(EDGES, GraphFixtures.edges(graph).toArray(Object[][]::new)), 2)) {
      BrandPageRank.Seeds seeds = BrandPageRank.seeds(index, seedRows);
      assertEquals(List.of("a", "b"), seeds.brands());
      PageRank.Outcome o = (PageRank.Outcome) PageRank.on(engine).tolerance(1e-13).maxIterations(1000)
          .personalized(seeds.teleport()).propagation("broadcast").run();
      Map<String, Double> actual = new HashMap<>();
      for (Row r : index.attachVectors(o, seeds.brands(), 0.0, "seeds", "pagerank").collectAsList()) {
        actual.put(r.getString(1) + "/" + r.getString(0), r.getDouble(2));
      }
      assertEquals(expected.size(), actual.size(), graph + ": one rank per node and seed set");
      for (Map.Entry<String, Double> e : expected.entrySet()) {
        assertEquals(e.getValue(), actual.get(e.getKey()), 1e-9, graph + ": " + e.getKey());
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"karate", "les_miserables", "florentine", "random_multigraph"})
  void coreNumbersMatchNetworkx(String graph) throws IOException {
    Map<String, Long> expected = new HashMap<>();
    for (String[] line : GraphFixtures.csv(graph + ".kcore.csv")) {
      expected.put(line[0], Long.parseLong(line[1]));
    }
    try (DenseIndex index = DenseIndex.of(vertices(graph), "user_id")) {
      CoreDecomposition.Result cores = CoreDecomposition.run(index,
          rows(EDGES, GraphFixtures.edges(graph).toArray(Object[][]::new)), 2);
      Map<String, Long> actual = new HashMap<>();
      for (Row r : index.attach(cores.cores(), "kcore").collectAsList()) {
        actual.put(r.getString(0), r.getLong(1));
      }
      assertEquals(expected, actual, graph);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1})
  void coreNumbersByHand(int unused) {
    // Triangle a-b-c (both directions, a parallel edge), pendant d on c, a self-loop on e, f isolated.
    List<Object[]> edges = new ArrayList<>(List.of(new Object[] {"a", "b", 1.0}, new Object[] {"b", "a", 1.0},
        new Object[] {"a", "b", 2.0}, new Object[] {"b", "c", 1.0}, new Object[] {"c", "a", 1.0},
        new Object[] {"d", "c", 1.0}, new Object[] {"e", "e", 1.0}));
    try (DenseIndex index = DenseIndex.of(rows(VERTICES, new Object[] {"a"}, new Object[] {"b"}, new Object[] {"c"},
        new Object[] {"d"}, new Object[] {"e"}, new Object[] {"f"}), "user_id")) {
      CoreDecomposition.Result cores = CoreDecomposition.run(index, rows(EDGES, edges.toArray(Object[][]::new)), 1 + unused);
      Map<String, Long> actual = new HashMap<>();
      index.attach(cores.cores(), "kcore").collectAsList().forEach(r -> actual.put(r.getString(0), r.getLong(1)));
      assertEquals(Map.of("a", 2L, "b", 2L, "c", 2L, "d", 1L, "e", 0L, "f", 0L), actual);
    }
  }
}
