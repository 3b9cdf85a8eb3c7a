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
 * driver and broadcasts them each round (4 bytes per user, {@link #driverBytes} at the peak) with
 * one bit per user that changed, and recomputes only the users next to one; the shuffle path
 * ({@link ShuffledCores}) leaves them with the parts and recomputes every user, for graphs whose
 * estimates do not fit ({@link #path}). Both run the same rounds of {@link #hIndex} and give the
 * same numbers.
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
   * Bytes the driver path holds for {@code n} users at its peak, bounded by 4 x 4 x n: the
   * estimates, the broadcast's serialized copy and the updates collected (at most one int per user
   * each), and the changed users' bits (three copies of n / 8 bytes).
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
   *
   * <p>A round recomputes only the users one of whose neighbours changed in the round before
   * ({@link #round}): the others provably keep their estimate (below), so every round changes the
   * same users as a round over all of them, and the rounds and the numbers are the same. The set of
   * users that changed travels as one bit per user, which stays in the CPU cache where the
   * estimates (4 bytes per user) do not; in the late rounds, where few users still change, a round
   * is a sequential read of the adjacency. Why skipping is exact: write e_r(v) = min(e_{r-1}(v),
   * H_{r-1}(v)), H the h-index of the neighbours' estimates. If no neighbour changed in round r - 1,
   * H_{r-1}(v) = H_{r-2}(v) &gt;= e_{r-1}(v), so e_r(v) = e_{r-1}(v).
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
    long[] moved = new long[(n + 63) >>> 6];
    java.util.Arrays.fill(moved, -1L); // the first round computes every user
    int rounds = 0;
    while (true) {
      Broadcast<int[]> current = jsc.broadcast(est);
      Broadcast<long[]> changedBits = jsc.broadcast(moved);
      // Bounded: each block's update holds at most its own users' estimates (see Update).
      List<Update> updates = blocks.map(b -> round(b, current.value(), changedBits.value())).collect();
      // As PageRank's pages: held until the job has ended (RankPropagation#iterate).
      java.lang.ref.Reference.reachabilityFence(moved);
      current.destroy();
      changedBits.destroy();
      // The job has ended and its broadcasts are gone: the estimates are updated in place.
      long[] next = new long[moved.length];
      long changed = 0;
      for (Update u : updates) {
        changed += u.applyTo(est, next);
      }
      moved = next;
      rounds++;
      LOG.debug("k-core round {}: {} estimates changed", rounds, changed);
      if (changed == 0) {
        return new Result(est, rounds);
      }
    }
  }

  /**
   * A block's new estimates after one round: the users that changed ({@code at}, offsets from
   * {@code lo}, and their {@code values}), or, when more than a third of the block changed, every
   * user's estimate ({@code at} null), so that an update never holds more than its users' ints.
   */
  record Update(int lo, int[] at, int[] values) implements java.io.Serializable {
    /** Writes the update into {@code est}, sets each changed user's bit, and returns how many changed. */
    int applyTo(int[] est, long[] moved) {
      int changed = 0;
      for (int i = 0; i < values.length; i++) {
        int u = lo + (at == null ? i : at[i]);
        if (est[u] != values[i]) {
          est[u] = values[i];
          moved[u >>> 6] |= 1L << u;
          changed++;
        }
      }
      return changed;
    }
  }

  /**
   * One round of the driver path for one block: min(own estimate, h-index of the neighbours'
   * estimates) for each user with a neighbour in {@code moved} (one bit per user); the others keep
   * theirs ({@link #run}).
   */
  static Update round(CsrBlock b, int[] est, long[] moved) {
    int count = b.count();
    CsrBlock.IntArray at = new CsrBlock.IntArray(64);
    CsrBlock.IntArray values = new CsrBlock.IntArray(64);
    int[] counts = new int[16];
    for (int v = 0; v < count; v++) {
      int from = b.offsets[v];
      int to = b.offsets[v + 1];
      int e = from;
      while (e < to && (moved[b.neighbours[e] >>> 6] & (1L << b.neighbours[e])) == 0) {
        e++;
      }
      if (e == to) {
        continue;
      }
      int own = est[b.lo + v];
      if (counts.length <= own) {
        counts = new int[Math.max(own + 1, counts.length * 2)];
      }
      int h = hIndexOf(b.neighbours, from, to, est, own, counts);
      if (h != own) {
        at.add(v);
        values.add(h);
      }
    }
    if (3L * at.size() <= count) {
      return new Update(b.lo, at.toArray(), values.toArray());
    }
    int[] all = java.util.Arrays.copyOfRange(est, b.lo, b.lo + count);
    for (int i = 0; i < at.size(); i++) {
      all[at.get(i)] = values.get(i);
    }
    return new Update(b.lo, null, all);
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
      out[v] = hIndexOf(neighbours, offsets[v], offsets[v + 1], neighbourEst, own, counts);
    }
    return out;
  }

  /**
   * min(own, h-index of {@code est[neighbours[e]]} for e in {@code from .. to - 1}); {@code counts}
   * is scratch of at least own + 1 ints.
   */
  private static int hIndexOf(int[] neighbours, int from, int to, int[] est, int own, int[] counts) {
    java.util.Arrays.fill(counts, 0, own + 1, 0);
    for (int e = from; e < to; e++) {
      counts[Math.min(est[neighbours[e]], own)]++;
    }
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
