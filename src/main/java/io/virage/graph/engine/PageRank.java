package io.virage.graph.engine;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The door to the graph engine's PageRank: K rank vectors at once over a weighted directed graph,
 * each with its own teleport distribution (uniform: the textbook weighted PageRank; a topic's seeds:
 * personalized, topic-sensitive PageRank).
 * <pre>
 *   r_0[k]        = s[k]                                  (s[k]: teleport distribution of vector k)
 *   r_{i+1}[k](v) = d * sum_{u -> v} r_i[k](u) * w(u,v) / W(u)  +  (d * D_i[k] + 1 - d) * s[k](v)
 *   W(u) = sum of u's out-edge weights;  D_i[k] = rank of vector k held by users without out-edges
 *   stop when max_k sum_v |r_{i+1}[k](v) - r_i[k](v)| < tolerance, or after maxIterations iterations
 * </pre>
 * Self-loops are ordinary edges and parallel edges add up; teleport and dangling mass both go to
 * s[k], so each vector sums to 1.
 *
 * <p>Use: {@code PageRank.on(graph).damping(d).tolerance(t).personalized(seeds).run()}, where the
 * graph is a laid-out {@link GraphBlocks} (pairs of users, the layout shared with the k-core) or a
 * laid-out edge list ({@link #layout}), both cached for any number of runs until their owner closes
 * them.
 *
 * <p>Output contract ({@link Ranks}): vectors in teleport order, users by the dense ids of the
 * graph's {@link DenseIndex} (0 .. n-1). The broadcast path ({@link Outcome}) returns them on the
 * driver, node-major ({@code ranks[user * K + k]}); the shuffle path ({@link Distributed}) leaves
 * them with the executors as {@link Slice}s, cached until the result is closed. Both paths give the
 * same bits; {@link #path} chooses from {@code propagation} and the driver memory budget. Turn ranks
 * back into rows with {@link DenseIndex#attach}, {@link DenseIndex#attachVectors},
 * {@link DenseIndex#attachRanked}. The engine behind the door: {@link RankPropagation} (broadcast
 * path and layout of an edge list), {@link ShuffledPropagation} (shuffle path), {@link TiledBlock}.
 */
public final class PageRank {
  private static final Logger LOG = LoggerFactory.getLogger(PageRank.class);

  /** Edge list input ({@link #layout}): source and destination ids (string). */
  public static final String SRC = "src";
  public static final String DST = "dst";
  /** Edge list input: the edge's weight, a positive double. */
  public static final String WEIGHT = "weight";

  /** Teleport distributions: per vector, node ids and weights summing to 1; null = uniform. */
  public record Teleport(int[][] nodes, double[][] weights) implements java.io.Serializable {
    public static Teleport uniform() {
      return new Teleport(null, null);
    }

    boolean isUniform() {
      return nodes == null;
    }

    int vectors() {
      return nodes == null ? 1 : nodes.length;
    }
  }

  /** How a run's rank vectors move between iterations: see {@link #path}. */
  public enum Path {
    /** The driver holds the vectors and broadcasts the shares every iteration: the fast path. */
    BROADCAST,
    /** The executors hold the vectors and send each other the shares through a shuffle. */
    SHUFFLE
  }

  /** A run's result: iterations run, last L1 change (the largest of the vectors'), and where the ranks are. */
  public sealed interface Ranks permits Outcome, Distributed {
    int vectors();

    int iterations();

    double residual();

    Path path();
  }

  /**
   * Ranks on the driver, the broadcast path's result: node-major in pages of 2^16 users
   * ({@code pages[node >>> 16][(node & 0xFFFF) * K + k]}), so that no array is larger than
   * 2^16 x K doubles (why: {@code RankPages}); {@code perBroadcast}: how many vectors each broadcast
   * carried ({@link #vectorsPerBroadcast}).
   */
  public record Outcome(double[][] pages, int users, int vectors, int iterations, double residual, int perBroadcast)
      implements Ranks {
    @Override
    public Path path() {
      return Path.BROADCAST;
    }

    /** Rank {@code k} of user {@code node}. */
    public double rank(int node, int k) {
      return pages[node >>> RankPages.BITS][(node & RankPages.MASK) * vectors + k];
    }

    /**
     * Every rank in one new node-major array ({@code ranks[node * K + k]}): 8 x n x K bytes in one
     * piece, for one vector or a small graph.
     */
    public double[] ranks() {
      return RankPages.flatten(pages);
    }
  }

  /** Users {@code start .. start + count - 1} of distributed ranks, node-major (K values per user). */
  public record Slice(int start, int count, double[] ranks) implements java.io.Serializable {}

  /**
   * Ranks held by the executors, one slice per owning partition: the shuffle path's result, cached
   * until {@link #close()}.
   */
  public record Distributed(JavaRDD<Slice> slices, int users, int vectors, int iterations, double residual,
      Runnable release) implements Ranks, AutoCloseable {
    @Override
    public Path path() {
      return Path.SHUFFLE;
    }

    @Override
    public void close() {
      release.run();
    }
  }

  /** Bytes the broadcast path holds on the driver for {@code k} vectors of {@code n} users in one broadcast: 5 x 8 x n x k. */
  public static long driverBytes(int n, int k) {
    return driverBytes(n, k, k);
  }

  /**
   * Bytes the broadcast path holds on the driver for {@code k} vectors of {@code n} users broadcast
   * {@code w} at a time: 8 x n x (k + 4w), the K vectors' ranks, and for the w in flight their
   * shares, the broadcast's copy, the results and the next ranks.
   */
  public static long driverBytes(int n, int k, int w) {
    return (long) Double.BYTES * n * (k + 4L * w);
  }

  /**
   * How many of {@code k} vectors of {@code n} users the broadcast path sends at a time within
   * {@code budgetBytes}: all k when they fit ({@link #driverBytes(int, int)}), else the most that
   * fit ({@link #driverBytes(int, int, int)}), 0 when not even one does.
   */
  public static int vectorsPerBroadcast(int n, int k, long budgetBytes) {
    if (driverBytes(n, k) <= budgetBytes || n == 0) {
      return k;
    }
    // The largest w with 8n(k + 4w) <= budget; negative when the K vectors alone do not fit.
    long w = (budgetBytes / ((long) Double.BYTES * n) - k) / 4;
    return (int) Math.max(0, Math.min(k, w));
  }

  /** Largest number of doubles one Java array holds. */
  static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

  /** The heap Spark keeps out of its unified memory (its memory manager's reserved system memory). */
  static final long SPARK_RESERVED_BYTES = 300L << 20;

  /**
   * The budget for the broadcast path's arrays: {@code megabytes}, or when 0 a third of the heap
   * that Spark leaves to the application's own data structures, (max heap - 300 MB) x (1 -
   * {@code memoryFraction}), {@code memoryFraction} being {@code spark.memory.fraction} (0.6 by
   * default): 763 MB of a 6,028 MB heap. Spark fills its unified memory with cached blocks and knows
   * nothing of these arrays, so they must fit in the rest with the tasks' own objects: at 10M users
   * and the default heap, a quarter of the whole heap (1,507 MB) let the brand run hold 1,295 MB,
   * and a task then ran out of memory (docs/benchmarks.md).
   */
  public static long driverBudget(long megabytes, double memoryFraction) {
    if (megabytes > 0) {
      return megabytes << 20;
    }
    long outside = (long) ((Runtime.getRuntime().maxMemory() - SPARK_RESERVED_BYTES) * (1 - memoryFraction));
    return Math.max(0, outside / 3);
  }

  /** As {@link #driverBudget(long, double)} with Spark's default memory fraction, 0.6. */
  public static long driverBudget(long megabytes) {
    return driverBudget(megabytes, 0.6);
  }

  /**
   * The path of a run of {@code k} vectors over {@code n} users: {@code "broadcast"} and
   * {@code "shuffle"} as named; {@code "auto"} broadcasts when at least one vector at a time fits in
   * {@code budgetBytes} ({@link #vectorsPerBroadcast}) and K x n fits in one array, and shuffles
   * otherwise. {@code "broadcast"} for vectors that no array can hold fails here, before any work.
   */
  public static Path path(String setting, int n, int k, long budgetBytes) {
    boolean holdable = (long) n * k <= MAX_ARRAY;
    switch (setting) {
      case "broadcast":
        if (!holdable) {
          throw new IllegalArgumentException("influence.propagation = broadcast: " + k + " rank vectors of " + n
              + " users do not fit in one array on the driver; use auto or shuffle");
        }
        return Path.BROADCAST;
      case "shuffle":
        return Path.SHUFFLE;
      case "auto":
        return holdable && vectorsPerBroadcast(n, k, budgetBytes) > 0 ? Path.BROADCAST : Path.SHUFFLE;
      default:
        throw new IllegalArgumentException("influence.propagation: expected auto, broadcast or shuffle, found "
            + setting);
    }
  }

  /**
   * An edge list laid out for PageRank ({@link #layout}): blocks by destination, cached until
   * {@link #close()}, for several runs over the same graph.
   */
  public static final class Layout implements AutoCloseable {
    private final RankPropagation engine;
    private final int users;

    private Layout(RankPropagation engine, int users) {
      this.engine = engine;
      this.users = users;
    }

    /** Edges held by the layout. */
    public long edges() {
      return engine.edges();
    }

    /** Builds the shuffle path's layout now rather than in the first shuffle-path run. */
    public void prepareShuffle() {
      engine.prepareShuffle();
    }

    @Override
    public void close() {
      engine.close();
    }
  }

  private final java.util.function.Supplier<RankPropagation> engine;
  private final int users;
  private double damping = 0.85;
  private double tolerance = 1e-9;
  private int maxIterations = 100;
  private Teleport teleport = Teleport.uniform();
  private String propagation = "auto";
  private long budgetBytes = driverBudget(0);
  private String name = "pagerank";

  private PageRank(java.util.function.Supplier<RankPropagation> engine, int users) {
    this.engine = engine;
    this.users = users;
  }

  /** PageRank over a laid-out graph, which stays cached for further runs until its owner closes it. */
  public static PageRank on(GraphBlocks graph) {
    return new PageRank(graph::propagation, graph.users());
  }

  /** PageRank over a laid-out edge list, which stays cached for further runs until it is closed. */
  public static PageRank on(Layout graph) {
    return new PageRank(() -> graph.engine, graph.users);
  }

  /**
   * Lays out an edge list for PageRank runs: string {@link #SRC}, {@link #DST} and positive double
   * {@link #WEIGHT}; edges whose ends are not in {@code index} are ignored. One shuffle by
   * destination into {@code partitions} blocks; one Spark job (to cache them).
   */
  public static Layout layout(DenseIndex index, Dataset<Row> edges, int partitions) {
    return new Layout(RankPropagation.of(index, edges, partitions), index.size());
  }

  /**
   * As {@link #layout} for edges already on dense ids: int {@link DenseIndex#SRC_IDX},
   * {@link DenseIndex#DST_IDX} below {@code n} and positive double {@link #WEIGHT}.
   */
  public static Layout layoutIndexed(Dataset<Row> edges, int n, int partitions) {
    return new Layout(RankPropagation.ofIndexed(edges, n, partitions), n);
  }

  /** Damping factor d, in (0, 1); 0.85 by default. */
  public PageRank damping(double d) {
    if (!(d > 0 && d < 1)) {
      throw new IllegalArgumentException("damping: expected a number in (0, 1), found " + d);
    }
    this.damping = d;
    return this;
  }

  /** Stop when the largest vector's L1 change falls below {@code t}; 1e-9 by default. */
  public PageRank tolerance(double t) {
    this.tolerance = t;
    return this;
  }

  /** At most {@code n} iterations; 100 by default. */
  public PageRank maxIterations(int n) {
    this.maxIterations = n;
    return this;
  }

  /** One vector per teleport distribution (personalized PageRank) instead of one uniform vector. */
  public PageRank personalized(Teleport seeds) {
    this.teleport = seeds;
    return this;
  }

  /** {@code auto} (the default), {@code broadcast} or {@code shuffle}: see {@link #path}. */
  public PageRank propagation(String setting) {
    this.propagation = setting;
    return this;
  }

  /** Driver memory the broadcast path may hold, in bytes; {@link #driverBudget driverBudget(0)} by default. */
  public PageRank driverMemory(long bytes) {
    this.budgetBytes = bytes;
    return this;
  }

  /** The run's name in the log. */
  public PageRank named(String runName) {
    this.name = runName;
    return this;
  }

  /**
   * Runs to the tolerance or the iteration cap, on the path {@link #path} chooses; the broadcast
   * path sends {@link #vectorsPerBroadcast} vectors at a time (at least one, when
   * {@code "broadcast"} is forced beyond the budget).
   */
  public Ranks run() {
    int k = teleport.vectors();
    Path p = path(propagation, users, k, budgetBytes);
    int w = Math.max(1, vectorsPerBroadcast(users, k, budgetBytes));
    LOG.info("{}: {} path (propagation = {}; broadcasting {} vector{} of {} users, {} at a time, holds {} MB on"
        + " the driver, budget {} MB)", name, p.name().toLowerCase(java.util.Locale.ROOT), propagation, k,
        k == 1 ? "" : "s", users, w, driverBytes(users, k, w) >> 20, budgetBytes >> 20);
    return engine.get().run(p, teleport, damping, tolerance, maxIterations, w);
  }
}
