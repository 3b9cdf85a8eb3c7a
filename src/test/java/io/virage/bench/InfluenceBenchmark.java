package io.virage.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;

import io.virage.config.Settings;
import io.virage.graph.InteractionGraph;
import io.virage.graph.engine.DenseIndex;
import io.virage.graph.engine.PageRank;
import io.virage.ingest.ValidatedInputs;
import io.virage.jobs.InfluenceStage;
import io.virage.jobs.JobRun;
import io.virage.jobs.RunContext;
import io.virage.jobs.SparkSessions;
import io.virage.lake.Lakehouse;
import io.virage.schema.InputContract.InputDataset;
import io.virage.schema.InputContract.Posts;
import io.virage.schema.InputContract.Users;
import io.virage.sentiment.BrandMentions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * Benchmark of the influence engine on an input root (for example {@code generate-demo} output),
 * side by side with a single-thread compressed-sparse-row PageRank on the same normalised edges:
 * <pre>
 *   java -cp target/virage.jar:target/virage-bench.jar io.virage.bench.InfluenceBenchmark INPUT RUN_DATE [ITERATIONS] [VECTORS]
 * </pre>
 * Prints a markdown table: building the cached blocks; ITERATIONS (default 20) iterations of global
 * PageRank; the same in the single-thread reference (and the largest difference between the two);
 * personalized vectors together, for each count of VECTORS (default 10; a comma list such as
 * {@code 1,2,5,10} gives a row per count: the input's brands, topped up with seed sets of 100 random
 * users, which costs the same per iteration); the same global PageRank and largest vector count on
 * the shuffle path (after building its layout), checked bit for bit against the broadcast path; and
 * the whole influence stage with its Delta writes (after validate, timed on its own, which reads
 * the Parquet input). Before the timed runs, a few untimed iterations of one vector and of the most
 * vectors on both paths compile the loops, so that no timed run pays for it; each PageRank row is
 * the median of three runs (every run printed on standard error).
 */
public final class InfluenceBenchmark {
  /** Iterations of each untimed warm-up run. */
  private static final int WARM_UP = 3;

  private InfluenceBenchmark() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: InfluenceBenchmark INPUT RUN_DATE [ITERATIONS] [VECTORS]");
      System.exit(2);
    }
    String input = args[0];
    LocalDate runDate = LocalDate.parse(args[1]);
    int iterations = args.length > 2 ? Integer.parseInt(args[2]) : 20;
    int[] vectorCounts = args.length > 3 ? Arrays.stream(args[3].split(",")).mapToInt(Integer::parseInt).toArray()
        : new int[] {10};
    int vectors = Arrays.stream(vectorCounts).max().orElse(10);
    Path warehouse = Files.createTempDirectory("virage-bench");
    SparkSession spark = SparkSessions.getOrCreate("virage benchmark", warehouse.toString(), Map.of());
    Settings settings = Settings.defaults();
    RunContext ctx = new RunContext(spark, settings, input, new Lakehouse(spark, warehouse.toString()), runDate,
        Instant.now());
    List<String[]> table = new ArrayList<>();
    JobRun run = new JobRun(spark, ctx.lake(), "benchmark", runDate, settings.hash());

    long t = System.nanoTime();
    ValidatedInputs in = run.stage("validate", () -> io.virage.jobs.ValidateStage.run(ctx,
        List.of(InputDataset.USERS, InputDataset.INTERACTIONS, InputDataset.POSTS, InputDataset.BRANDS)));
    double validate = secs(t);
    long interactions = in.counts(InputDataset.INTERACTIONS).loaded();
    table.add(row("validate (read Parquet, contract, quarantine)", interactions + " interactions", validate, "", ""));

    Dataset<Row> windowed = InteractionGraph.window(in.loaded(InputDataset.INTERACTIONS), runDate,
        settings.influence()).persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> users = in.loaded(InputDataset.USERS);
    Dataset<Row> edges = InteractionGraph.edges(windowed).persist(StorageLevel.MEMORY_AND_DISK());
    edges.count();
    int partitions = spark.sparkContext().defaultParallelism();
    try (DenseIndex index = DenseIndex.of(users, Users.USER_ID)) {
      t = System.nanoTime();
      try (PageRank.Layout engine = PageRank.layout(index, edges, partitions)) {
        double build = secs(t);
        long m = engine.edges();
        int n = index.size();
        table.add(row("build cached CSR blocks", n + " users, " + m + " edges", build, "", ""));

        // Untimed warm-up, so that no timed run pays for compiling the loops: a few iterations of
        // one vector and of the most vectors, on both paths.
        PageRank.Teleport seeds = seeds(spark, index, in, runDate, settings, vectors);
        broadcast(engine, PageRank.Teleport.uniform(), WARM_UP);
        broadcast(engine, seeds, WARM_UP);
        t = System.nanoTime();
        engine.prepareShuffle();
        double layout = secs(t);
        shuffled(engine, PageRank.Teleport.uniform(), WARM_UP).close();
        shuffled(engine, seeds, WARM_UP).close();

        PageRank.Outcome global = broadcast(engine, PageRank.Teleport.uniform(), iterations);
        double spark1 = median(() -> broadcast(engine, PageRank.Teleport.uniform(), iterations));

        Reference ref = Reference.of(index, edges);
        double[] refRanks = ref.run(0.85, iterations);
        double single = median(() -> ref.run(0.85, iterations));
        double diff = 0;
        double[] globalRanks = global.ranks();
        for (int i = 0; i < n; i++) {
          diff = Math.max(diff, Math.abs(refRanks[i] - globalRanks[i]));
        }
        table.add(row("single-thread CSR reference, " + iterations + " iterations", m + " edges", single,
            rate(m * iterations, single), "1.0"));
        table.add(row("global PageRank, " + iterations + " iterations", m + " edges", spark1,
            rate(m * iterations, spark1), String.format("%.2f", spark1 / single)));
        System.err.printf("largest |engine - reference| over users: %.3g%n", diff);

        PageRank.Outcome largest = null;
        for (int count : vectorCounts) {
          PageRank.Teleport some = new PageRank.Teleport(Arrays.copyOf(seeds.nodes(), count),
              Arrays.copyOf(seeds.weights(), count));
          double ppr = median(() -> broadcast(engine, some, iterations));
          if (count == vectors) {
            largest = broadcast(engine, some, iterations);
          }
          table.add(row(count + " personalized vector" + (count == 1 ? "" : "s") + " together, " + iterations
              + " iterations", m + " edges", ppr, rate(m * iterations, ppr), String.format("%.2f x global", ppr / spark1)));
        }

        // The shuffle path (influence.propagation = shuffle): the vectors stay on the executors.
        table.add(row("build the shuffle path's layout", m + " edges", layout, "", ""));
        try (PageRank.Distributed d = shuffled(engine, PageRank.Teleport.uniform(), iterations)) {
          check(global.ranks(), d);
        }
        double shuffleGlobal = median(() -> shuffled(engine, PageRank.Teleport.uniform(), iterations)
            .close());
        table.add(row("global PageRank, shuffle path, " + iterations + " iterations", m + " edges", shuffleGlobal,
            rate(m * iterations, shuffleGlobal), String.format("%.2f", shuffleGlobal / single)));
        try (PageRank.Distributed d = shuffled(engine, seeds, iterations)) {
          check(largest.ranks(), d);
        }
        double shufflePpr = median(() -> shuffled(engine, seeds, iterations).close());
        table.add(row(vectors + " personalized vectors, shuffle path, " + iterations + " iterations", m + " edges",
            shufflePpr, rate(m * iterations, shufflePpr), String.format("%.2f x shuffle global", shufflePpr / shuffleGlobal)));
      }
    }
    edges.unpersist();
    windowed.unpersist();

    // As the influence command runs it: the stage reads its two inputs once each, uncached.
    t = System.nanoTime();
    run.stage("influence", () -> InfluenceStage.run(ctx, in, InfluenceStage.windowed(ctx, in),
        io.virage.jobs.Pipeline.taggedPosts(ctx, in)));
    double stage = secs(t);
    table.add(row("whole influence stage (quality, PageRank, brand PageRank, k-core, Delta writes)",
        interactions + " interactions", stage, "", ""));
    in.close();

    System.out.println("| step | input | seconds | edge-visits/s | ratio |");
    System.out.println("|---|---|---|---|---|");
    for (String[] r : table) {
      System.out.println("| " + String.join(" | ", r) + " |");
    }
    spark.stop();
  }

  /** Timed runs per row: the table shows their median (a run of 20 iterations is a second or two, and noisy). */
  private static final int REPEATS = 3;

  /** Median seconds of {@link #REPEATS} runs. */
  private static double median(Runnable run) {
    double[] seconds = new double[REPEATS];
    for (int i = 0; i < REPEATS; i++) {
      long t = System.nanoTime();
      run.run();
      seconds[i] = secs(t);
    }
    Arrays.sort(seconds);
    System.err.println("runs (s): " + Arrays.toString(seconds));
    return seconds[REPEATS / 2];
  }

  /** Fails the benchmark unless the shuffle path's ranks are the broadcast path's, bit for bit. */
  private static void check(double[] broadcast, PageRank.Distributed shuffled) {
    int k = shuffled.vectors();
    // Benchmark only: the whole rank array comes to the driver for the comparison.
    for (PageRank.Slice s : shuffled.slices().collect()) {
      for (int i = 0; i < s.count() * k; i++) {
        if (Double.doubleToLongBits(s.ranks()[i]) != Double.doubleToLongBits(broadcast[s.start() * k + i])) {
          throw new IllegalStateException("shuffle path differs from the broadcast path at user " + (s.start() + i / k)
              + ", vector " + i % k);
        }
      }
    }
    System.err.println("shuffle path: " + k + " vector(s), the broadcast path's ranks bit for bit");
  }

  /** The teleport of the input's brands, topped up to {@code vectors} with 100 random users each. */
  private static PageRank.Teleport seeds(SparkSession spark, DenseIndex index, ValidatedInputs in,
      LocalDate runDate, Settings settings, int vectors) {
    Dataset<Row> posts = BrandMentions.tag(in.loaded(InputDataset.POSTS), in.loaded(InputDataset.BRANDS));
    io.virage.graph.BrandPageRank.Seeds brands = io.virage.graph.BrandPageRank.seeds(index,
        io.virage.graph.BrandSeeds.of(in.loaded(InputDataset.USERS), in.loaded(InputDataset.BRANDS), posts,
            settings.influence().brandAccountsShare()));
    List<int[]> nodes = new ArrayList<>(Arrays.asList(brands.teleport().nodes()));
    List<double[]> weights = new ArrayList<>(Arrays.asList(brands.teleport().weights()));
    Random random = new Random(42);
    while (nodes.size() < vectors) {
      int[] ids = random.ints(100, 0, index.size()).distinct().toArray();
      double[] w = new double[ids.length];
      Arrays.fill(w, 1.0 / ids.length);
      nodes.add(ids);
      weights.add(w);
    }
    return new PageRank.Teleport(nodes.subList(0, vectors).toArray(int[][]::new),
        weights.subList(0, vectors).toArray(double[][]::new));
  }

  /** Single-thread PageRank over CSR arrays on the driver: the yardstick, not the product. */
  private record Reference(int n, int[] offsets, int[] src, double[] weight) {
    static Reference of(DenseIndex index, Dataset<Row> edges) {
      Dataset<Row> indexed = index.indexEdges(edges);
      Dataset<Row> out = indexed.groupBy(col(DenseIndex.SRC_IDX).as("_o")).agg(sum(InteractionGraph.WEIGHT).as("_W"));
      // Benchmark only: the whole edge list comes to the driver to build the reference arrays.
      List<Row> rows = indexed.join(out, col(DenseIndex.SRC_IDX).equalTo(col("_o")))
          .select(col(DenseIndex.DST_IDX), col(DenseIndex.SRC_IDX), col(InteractionGraph.WEIGHT).divide(col("_W")))
          .orderBy(DenseIndex.DST_IDX, DenseIndex.SRC_IDX).collectAsList();
      int n = index.size();
      int[] offsets = new int[n + 1];
      int[] src = new int[rows.size()];
      double[] weight = new double[rows.size()];
      for (int e = 0; e < rows.size(); e++) {
        Row r = rows.get(e);
        offsets[r.getInt(0) + 1]++;
        src[e] = r.getInt(1);
        weight[e] = r.getDouble(2);
      }
      for (int i = 0; i < n; i++) {
        offsets[i + 1] += offsets[i];
      }
      return new Reference(n, offsets, src, weight);
    }

    double[] run(double d, int iterations) {
      double[] r = new double[n];
      Arrays.fill(r, 1.0 / n);
      for (int it = 0; it < iterations; it++) {
        double[] next = new double[n];
        double flowed = 0;
        for (int v = 0; v < n; v++) {
          double s = 0;
          for (int e = offsets[v]; e < offsets[v + 1]; e++) {
            s += r[src[e]] * weight[e];
          }
          next[v] = s;
          flowed += s;
        }
        double base = (d * Math.max(0, 1 - flowed) + 1 - d) / n;
        for (int v = 0; v < n; v++) {
          next[v] = d * next[v] + base;
        }
        r = next;
      }
      return r;
    }
  }

  private static String[] row(String step, String input, double seconds, String rate, String ratio) {
    return new String[] {step, input, String.format("%.2f", seconds), rate, ratio};
  }

  private static String rate(long visits, double seconds) {
    return String.format("%.1f M", visits / seconds / 1e6);
  }

  private static double secs(long start) {
    return (System.nanoTime() - start) / 1e9;
  }

  /** The broadcast path, run to {@code iterations} (tolerance 0), damping 0.85. */
  static PageRank.Outcome broadcast(PageRank.Layout graph, PageRank.Teleport teleport, int iterations) {
    return (PageRank.Outcome) PageRank.on(graph).tolerance(0).maxIterations(iterations).personalized(teleport)
        .propagation("broadcast").run();
  }

  /** The shuffle path, run to {@code iterations} (tolerance 0), damping 0.85; close the result. */
  static PageRank.Distributed shuffled(PageRank.Layout graph, PageRank.Teleport teleport, int iterations) {
    return (PageRank.Distributed) PageRank.on(graph).tolerance(0).maxIterations(iterations).personalized(teleport)
        .propagation("shuffle").run();
  }

}
