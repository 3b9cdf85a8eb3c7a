package io.virage.graph.engine;

import static io.virage.graph.engine.GraphBlocksTest.SEEDS;
import static io.virage.graph.engine.GraphBlocksTest.TOLERANCE;
import static io.virage.graph.engine.GraphBlocksTest.assertClose;
import static io.virage.graph.engine.GraphBlocksTest.collected;
import static io.virage.graph.engine.GraphBlocksTest.expected;
import static io.virage.graph.engine.GraphBlocksTest.indexedPairs;
import static io.virage.graph.engine.GraphBlocksTest.vertices;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.virage.SparkTestBase;
import io.virage.graph.BrandPageRank;
import io.virage.graph.GraphFixtures;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * PageRank's shuffle path (the one a graph takes when its rank vectors do not fit the driver) on
 * {@link GraphBlocksTest}'s networkx fixtures: the broadcast path's bits, networkx's ranks, the same
 * rank positions and kept rows; the k-core's shuffle path against the driver path and networkx.
 * In the integration step: every iteration is two Spark jobs, about a
 * minute for the four graphs.
 */
class ShufflePathIT extends SparkTestBase {
  @ParameterizedTest
  @ValueSource(strings = {"karate", "les_miserables", "florentine", "random_multigraph"})
  void theShufflePathGivesTheBroadcastPathsBitsAndNetworkxsRanks(String graph) throws IOException {
    // 5 partitions: owner ranges with gaps (isolated, dangling users) and partitions that own
    // nothing on these small graphs; 1 (karate only: the layout does not depend on the graph): one
    // owner of every user.
    for (int partitions : graph.equals("karate") ? new int[] {1, 5} : new int[] {5}) {
      String what = graph + " on " + partitions + " partition(s)";
      try (DenseIndex index = DenseIndex.of(vertices(GraphFixtures.nodes(graph)), "user_id");
          GraphBlocks blocks = GraphBlocks.of(indexedPairs(index, GraphFixtures.edges(graph), 1.0, ""), index.size(),
              partitions)) {
        BrandPageRank.Seeds seeds = BrandPageRank.seeds(index, rows(SEEDS, GraphFixtures.seedSet(graph)));
        // Through the door, its default damping (0.85); "auto" takes the broadcast path when the
        // vectors fit in the driver memory given, the shuffle path when they do not (0 bytes).
        java.util.function.LongFunction<PageRank> door = bytes -> blocks.pageRank().tolerance(TOLERANCE)
            .maxIterations(1000).propagation("auto").driverMemory(bytes);
        PageRank.Outcome broadcastGlobal = (PageRank.Outcome) door.apply(Long.MAX_VALUE).run();
        PageRank.Outcome broadcastSeeds = (PageRank.Outcome) door.apply(Long.MAX_VALUE)
            .personalized(seeds.teleport()).run();
        try (PageRank.Distributed global = (PageRank.Distributed) door.apply(0).run();
            PageRank.Distributed personalized = (PageRank.Distributed) door.apply(0).personalized(seeds.teleport())
                .run()) {
          assertEquals(PageRank.Path.SHUFFLE, global.path());
          assertEquals(PageRank.Path.BROADCAST, broadcastSeeds.path());
          assertEquals(broadcastGlobal.iterations(), global.iterations(), what + ": iterations");
          assertEquals(broadcastSeeds.iterations(), personalized.iterations(), what + ": iterations, seeds");
          assertArrayEquals(broadcastGlobal.ranks(), collected(global), what + ": global ranks, bit for bit");
          assertArrayEquals(broadcastSeeds.ranks(), collected(personalized), what + ": personalized ranks, bit for bit");

          Map<String, Double> ranks = new HashMap<>();
          Map<String, Long> positions = new HashMap<>();
          index.attachRanked(global, "pagerank", "pagerank_rank").collectAsList().forEach(r -> {
            ranks.put(r.getString(0), r.getDouble(1));
            positions.put(r.getString(0), r.getLong(2));
          });
          assertClose(expected(graph + ".pagerank.csv", 1), ranks, what + " pagerank");
          // The distributed sort ranks exactly as the driver's sort of the array (ties by dense id).
          Map<String, Long> expectedPositions = new HashMap<>();
          index.attachAll(List.of(DenseIndex.Values.of("r", DenseIndex.descendingRanks(broadcastGlobal.ranks()))))
              .collectAsList().forEach(r -> expectedPositions.put(r.getString(0), r.getLong(1)));
          assertEquals(expectedPositions, positions, what + ": pagerank_rank");

          Map<String, Double> seeded = new HashMap<>();
          index.attachVectors(personalized, seeds.brands(), 0.0, "seeds", "pagerank").collectAsList()
              .forEach(r -> seeded.put(r.getString(1) + "/" + r.getString(0), r.getDouble(2)));
          assertClose(expected(graph + ".ppr.csv", 2), seeded, what + " personalized pagerank");
          // Rows below the threshold are left out on both paths alike.
          double min = broadcastSeeds.ranks()[broadcastSeeds.ranks().length / 2];
          assertEquals(index.attachVectors(broadcastSeeds, seeds.brands(), min, "seeds", "pagerank").count(),
              index.attachVectors(personalized, seeds.brands(), min, "seeds", "pagerank").count(), what + ": kept rows");
        }
        // The k-core's shuffle path: the driver path's numbers and rounds, networkx's core numbers.
        CoreDecomposition.Result driver = blocks.cores();
        try (CoreDecomposition.Distributed cores = (CoreDecomposition.Distributed) blocks.cores("auto", 0)) {
          assertEquals(driver.rounds(), cores.rounds(), what + ": k-core rounds");
          assertArrayEquals(driver.cores(), GraphBlocksTest.collected(cores), what + ": core numbers");
          Map<String, Long> attached = new HashMap<>();
          index.attach(cores, "kcore").collectAsList().forEach(r -> attached.put(r.getString(0), r.getLong(1)));
          Map<String, Long> expectedCores = new HashMap<>();
          GraphFixtures.csv(graph + ".kcore.csv").forEach(l -> expectedCores.put(l[0], Long.parseLong(l[1])));
          assertEquals(expectedCores, attached, what + ": networkx core numbers");
        }
      }
    }
  }
}
