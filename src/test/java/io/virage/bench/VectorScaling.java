package io.virage.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.xxhash64;

import io.virage.graph.InteractionGraph;
import io.virage.graph.engine.DenseIndex;
import io.virage.graph.engine.PageRank;
import io.virage.jobs.SparkSessions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * How the cost of many rank vectors grows with the graph, on the broadcast path: for uniform random
 * graphs of each size (every user with EDGES out-edges to users drawn by a hash, so no locality to
 * help), ITERATIONS iterations of one vector and of VECTORS personalized vectors, after an untimed
 * warm-up of both:
 * <pre>
 *   java -cp target/virage.jar:target/virage-bench.jar io.virage.bench.VectorScaling [USERS,USERS,...] [EDGES] [ITERATIONS] [VECTORS]
 * </pre>
 * Defaults: 100000,300000,1000000,3000000 users, 10 edges per user, 20 iterations, 10 vectors.
 * Prints a markdown table with the bytes the iterations touch per vector count (shares read and
 * contributions written: 16 bytes x users x vectors) beside the machine's last-level cache.
 */
public final class VectorScaling {
  private VectorScaling() {}

  public static void main(String[] args) throws Exception {
    int[] sizes = args.length > 0 ? Arrays.stream(args[0].split(",")).mapToInt(Integer::parseInt).toArray()
        : new int[] {100_000, 300_000, 1_000_000, 3_000_000};
    int degree = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    int iterations = args.length > 2 ? Integer.parseInt(args[2]) : 20;
    int vectors = args.length > 3 ? Integer.parseInt(args[3]) : 10;
    Path warehouse = Files.createTempDirectory("virage-bench");
    SparkSession spark = SparkSessions.getOrCreate("virage vector scaling", warehouse.toString(), Map.of());
    int partitions = spark.sparkContext().defaultParallelism();
    System.out.println("last-level cache: " + lastLevelCache() + "; " + partitions + " partitions, " + degree
        + " edges per user, " + iterations + " iterations");
    System.out.println();
    System.out.println("| users | edges | 1 vector, s | " + vectors + " vectors, s | ratio | bytes touched, 1 vector | "
        + "bytes touched, " + vectors + " vectors |");
    System.out.println("|---|---|---|---|---|---|---|");
    for (int n : sizes) {
      Dataset<Row> edges = spark.range((long) n * degree)
          .select(floor(col("id").divide(degree)).cast("int").as(DenseIndex.SRC_IDX),
              pmod(xxhash64(col("id"), lit(7L)), lit((long) n)).cast("int").as(DenseIndex.DST_IDX),
              lit(1.0).as(InteractionGraph.WEIGHT))
          .persist(StorageLevel.MEMORY_AND_DISK());
      long m = edges.count();
      try (PageRank.Layout engine = PageRank.layoutIndexed(edges, n, partitions)) {
        edges.unpersist();
        PageRank.Teleport seeds = seeds(n, vectors);
        InfluenceBenchmark.broadcast(engine, PageRank.Teleport.uniform(), 3);
        InfluenceBenchmark.broadcast(engine, seeds, 3);
        long t = System.nanoTime();
        InfluenceBenchmark.broadcast(engine, PageRank.Teleport.uniform(), iterations);
        double one = (System.nanoTime() - t) / 1e9;
        t = System.nanoTime();
        InfluenceBenchmark.broadcast(engine, seeds, iterations);
        double many = (System.nanoTime() - t) / 1e9;
        System.out.printf("| %d | %d | %.2f | %.2f | %.2f | %d MB | %d MB |%n", n, m, one, many, many / one,
            16L * n >> 20, 16L * n * vectors >> 20);
      }
    }
    spark.stop();
  }

  /** {@code vectors} seed sets of 100 users drawn at random (the cost does not depend on the seeds). */
  private static PageRank.Teleport seeds(int n, int vectors) {
    Random random = new Random(42);
    int[][] nodes = new int[vectors][];
    double[][] weights = new double[vectors][];
    for (int v = 0; v < vectors; v++) {
      nodes[v] = random.ints(100, 0, n).distinct().toArray();
      weights[v] = new double[nodes[v].length];
      Arrays.fill(weights[v], 1.0 / nodes[v].length);
    }
    return new PageRank.Teleport(nodes, weights);
  }

  /** The size of the first CPU's largest cache as Linux reports it, or "unknown". */
  private static String lastLevelCache() {
    String best = "unknown";
    for (int index = 0; index < 8; index++) {
      Path size = Path.of("/sys/devices/system/cpu/cpu0/cache/index" + index + "/size");
      try {
        best = Files.readString(size).trim();
      } catch (java.io.IOException e) {
        break;
      }
    }
    return best;
  }
}
