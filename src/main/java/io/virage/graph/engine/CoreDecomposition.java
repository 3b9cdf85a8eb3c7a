package io.virage.graph.engine;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;

import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * Core numbers (k-core decomposition) of the undirected simple graph under the interactions:
 * direction, weights, parallel edges and self-loops are ignored. A user's core number is the
 * largest k such that it belongs to a subgraph where every user has at least k neighbours.
 *
 * <p>Algorithm (Montresor, De Pellegrini, Miorandi 2011; Lu et al. 2016): start from the degree,
 * then repeatedly replace each estimate by min(estimate, h-index of the neighbours' estimates)
 * until nothing changes; the fixed point is exactly the core number. Adjacency is cached as
 * range-partitioned {@link CsrBlock}s. The driver path ({@link #run}) holds the estimates on the
 * driver and broadcasts them each round (4 bytes per user, {@link #driverBytes} at the peak; one
 * byte per user once every estimate is at most {@link #NARROW_MAX}); the
 * shuffle path ({@link ShuffledCores}) leaves them with the parts, for graphs whose estimates do
 * not fit ({@link #path}). Both run the same rounds of {@link #hIndex} and give the same numbers.
 */
public final class CoreDecomposition {
  private static final Logger LOG = LoggerFactory.getLogger(CoreDecomposition.class);

  /**
   * Core numbers and the rounds they took, wherever they are: on the driver ({@link Result}) or
   * with the executors ({@link Distributed}). Both paths run the same rounds and give the same
   * numbers.
   */
  public sealed interface Cores permits Result, Distributed {
    int rounds();

    PageRank.Path path();
  }

  /** Core numbers on the driver, by dense id, and the rounds it took: the driver path's result. */
  public record Result(int[] cores, int rounds) implements Cores {
    @Override
    public PageRank.Path path() {
      return PageRank.Path.BROADCAST;
    }
  }

  /** Core numbers of users {@code start .. start + cores.length - 1}. */
  public record Slice(int start, int[] cores) implements java.io.Serializable {}

  /**
   * Core numbers held by the executors, one slice per part of the graph (a user in no slice has no
   * neighbour: core 0): the shuffle path's result ({@link ShuffledCores}), cached until {@link #close()}.
   */
  public record Distributed(JavaRDD<Slice> slices, int users, int rounds, Runnable release)
      implements Cores, AutoCloseable {
    @Override
    public PageRank.Path path() {
      return PageRank.Path.SHUFFLE;
    }

    @Override
    public void close() {
      release.run();
    }
  }

  /**
   * Bytes the driver path holds for {@code n} users at its peak: 4 x 4 x n (the estimates, the
   * broadcast's serialized copy, the slices collected, the next estimates).
   */
  public static long driverBytes(int n) {
    return 4L * Integer.BYTES * n;
  }

  /**
   * The path for {@code n} users, as {@link PageRank#path} chooses for rank vectors, from the same
   * setting ({@code influence.propagation}) and budget: {@code "broadcast"} keeps the estimates on
   * the driver, {@code "shuffle"} with the executors; {@code "auto"} keeps them on the driver when
   * {@link #driverBytes} fits in {@code budgetBytes}.
   */
  public static PageRank.Path path(String setting, int n, long budgetBytes) {
    return switch (setting) {
      case "broadcast" -> PageRank.Path.BROADCAST;
      case "shuffle" -> PageRank.Path.SHUFFLE;
      case "auto" -> driverBytes(n) <= budgetBytes ? PageRank.Path.BROADCAST : PageRank.Path.SHUFFLE;
      default -> throw new IllegalArgumentException("influence.propagation: expected auto, broadcast or shuffle, found "
          + setting);
    };
  }

  private CoreDecomposition() {}

  /** {@code edges}: string {@link PageRank#SRC} and {@link PageRank#DST}. */
  public static Result run(DenseIndex index, Dataset<Row> edges, int partitions) {
    return runIndexed(index.indexEdges(edges), index.size(), partitions);
  }

  /** As {@link #run} for edges already carrying dense ids: int {@link DenseIndex#SRC_IDX}, {@link DenseIndex#DST_IDX}. */
  public static Result runIndexed(Dataset<Row> edges, int n, int partitions) {
    if (n == 0) {
      return new Result(new int[0], 0);
    }
    Dataset<Row> pairs = edges
        .filter(col(DenseIndex.SRC_IDX).notEqual(col(DenseIndex.DST_IDX)))
        .select(least(col(DenseIndex.SRC_IDX), col(DenseIndex.DST_IDX)).as("_a"), greatest(col(DenseIndex.SRC_IDX), col(DenseIndex.DST_IDX)).as("_b"));
    Dataset<Row> adjacency = pairs.select(col("_a").as("_u"), col("_b").as("_v"))
        .union(pairs.select(col("_b").as("_u"), col("_a").as("_v")))
        .repartitionByRange(Math.max(1, partitions), col("_u"))
        .sortWithinPartitions("_u", "_v");
    // Parallel edges and both directions of a pair meet in sorted order: the block keeps one.
    JavaRDD<CsrBlock> blocks = adjacency.javaRDD().mapPartitions(rows -> CsrBlock.of(rows, false, true))
        .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      return run(JavaSparkContext.fromSparkContext(edges.sparkSession().sparkContext()), blocks, n);
    } finally {
      blocks.unpersist(false);
    }
  }

  /**
   * Over cached blocks of the undirected simple graph (each node's distinct neighbours, itself
   * excluded; nodes {@code 0 .. n-1}), which the caller owns.
   */
  static Result run(JavaSparkContext jsc, JavaRDD<CsrBlock> blocks, int n) {
    int[] est = new int[n];
    if (n == 0) {
      return new Result(est, 0);
    }
    // Bounded: one int per user in all.
    for (Tuple2<Integer, int[]> degrees : blocks.map(CoreDecomposition::degrees).collect()) {
      System.arraycopy(degrees._2(), 0, est, degrees._1(), degrees._2().length);
    }
    int rounds = 0;
    int max = max(est);
    while (true) {
      // Once every estimate fits in a byte (estimates only go down), the rounds read a byte copy.
      boolean narrow = max <= NARROW_MAX;
      Broadcast<int[]> wide = narrow ? null : jsc.broadcast(est);
      Broadcast<byte[]> bytes = narrow ? jsc.broadcast(narrowed(est)) : null;
      // Bounded: the slices hold one int per user, like the estimates themselves.
      List<Tuple2<Integer, int[]>> slices = blocks
          .map(b -> new Tuple2<>(b.lo, bytes != null ? hIndex(b.offsets, b.neighbours, bytes.value(), b.lo)
              : hIndex(b.offsets, b.neighbours, wide.value(), wide.value(), b.lo)))
          .collect();
      (narrow ? bytes : wide).destroy();
      int[] next = est.clone();
      long changed = 0;
      for (Tuple2<Integer, int[]> slice : slices) {
        int[] values = slice._2();
        for (int i = 0; i < values.length; i++) {
          if (next[slice._1() + i] != values[i]) {
            changed++;
            next[slice._1() + i] = values[i];
          }
        }
      }
      est = next;
      max = max(est);
      rounds++;
      LOG.debug("k-core round {}: {} estimates changed{}", rounds, changed, narrow ? " (byte estimates)" : "");
      if (changed == 0) {
        return new Result(est, rounds);
      }
    }
  }

  /**
   * Largest estimate the rounds read from a byte. At 10M users the estimates are 38 MiB as ints,
   * more than this machine's 32 MiB last-level cache, and every neighbour read is a random access
   * into them; as bytes they are 9.5 MiB and stay in the cache. The h-index loop alone
   * ({@code CoreLoopBench}, 200M neighbour reads, two threads) took 0.74 s per round against 3.17 s,
   * and the 10M demo's k-core 38.1 s against 81.7 s (docs/benchmarks.md, "The k-core's byte
   * estimates"). The demo graphs' core numbers are at most 14; a graph whose estimates stay above
   * 255 runs every round on ints, as before.
   */
  static final int NARROW_MAX = 255;

  private static int max(int[] values) {
    int max = 0;
    for (int v : values) {
      max = Math.max(max, v);
    }
    return max;
  }

  private static byte[] narrowed(int[] est) {
    byte[] out = new byte[est.length];
    for (int i = 0; i < est.length; i++) {
      out[i] = (byte) est[i];
    }
    return out;
  }

  private static Tuple2<Integer, int[]> degrees(CsrBlock b) {
    int[] d = new int[b.count()];
    for (int v = 0; v < d.length; v++) {
      d[v] = b.offsets[v + 1] - b.offsets[v];
    }
    return new Tuple2<>(b.lo, d);
  }

  /**
   * min(own estimate, h-index of the neighbours' estimates) for each node of a block: node v's
   * neighbours are {@code neighbours[offsets[v] .. offsets[v + 1] - 1]}, each read as
   * {@code neighbourEst[neighbour]}; its own estimate is {@code ownEst[ownBase + v]}. Both paths
   * call this, the driver path with global ids, the shuffle path with positions in what it received.
   */
  static int[] hIndex(int[] offsets, int[] neighbours, int[] neighbourEst, int[] ownEst, int ownBase) {
    int[] out = new int[offsets.length - 1];
    int[] counts = new int[16];
    for (int v = 0; v < out.length; v++) {
      int own = ownEst[ownBase + v];
      if (counts.length <= own) {
        counts = new int[Math.max(own + 1, counts.length * 2)];
      }
      java.util.Arrays.fill(counts, 0, own + 1, 0);
      for (int e = offsets[v]; e < offsets[v + 1]; e++) {
        counts[Math.min(neighbourEst[neighbours[e]], own)]++;
      }
      out[v] = hIndexOf(counts, own);
    }
    return out;
  }

  /**
   * As {@link #hIndex(int[], int[], int[], int[], int)} with every estimate in {@code est} as an
   * unsigned byte (at most {@link #NARROW_MAX}), read by global id, own and neighbours alike.
   */
  static int[] hIndex(int[] offsets, int[] neighbours, byte[] est, int ownBase) {
    int[] out = new int[offsets.length - 1];
    int[] counts = new int[NARROW_MAX + 1];
    for (int v = 0; v < out.length; v++) {
      int own = est[ownBase + v] & 0xff;
      java.util.Arrays.fill(counts, 0, own + 1, 0);
      for (int e = offsets[v]; e < offsets[v + 1]; e++) {
        counts[Math.min(est[neighbours[e]] & 0xff, own)]++;
      }
      out[v] = hIndexOf(counts, own);
    }
    return out;
  }

  /** The largest h <= own with at least h neighbours counted at h or more ({@code counts[min(estimate, own)]}). */
  private static int hIndexOf(int[] counts, int own) {
    int atLeast = 0;
    int h = own;
    for (; h > 0; h--) {
      atLeast += counts[h];
      if (atLeast >= h) {
        break;
      }
    }
    return h;
  }
}
