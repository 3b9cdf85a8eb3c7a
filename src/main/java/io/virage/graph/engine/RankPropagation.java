package io.virage.graph.engine;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;

import io.virage.graph.engine.PageRank.Distributed;
import io.virage.graph.engine.PageRank.Outcome;
import io.virage.graph.engine.PageRank.Path;
import io.virage.graph.engine.PageRank.Ranks;
import io.virage.graph.engine.PageRank.Teleport;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
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
 * The engine behind {@link PageRank} (the door, which states the iteration and the output
 * contract): the broadcast path, and the layout of an edge list.
 *
 * <p>Layout ({@link #of}; the influence stage builds the same blocks with {@link GraphBlocks},
 * which shares the shuffle with the k-core): edges are joined to the dense ids (a broadcast of the
 * index), range-partitioned by destination and cached as one {@link TiledBlock} per partition
 * (destinations in a contiguous id range, their in-edges grouped by source tile so that the values
 * read stay in the CPU cache); the driver keeps 1 / W(u) per user. An iteration
 * broadcasts the K values r(u) / W(u) of every user (node-major, in pages of 2^16 users:
 * {@link RankPages}), each block computes the new contributions of its destinations in a tight
 * loop (the blocks in a few groups, one task each, tile by tile across the group), and the driver
 * places the slices (each destination belongs to one block, so the result is the same on every
 * run). Driver memory: about 5 x 8 x K x n bytes (ranks, shares, next, broadcast
 * copy, results), in pages and block slices, no array of K x n: see
 * {@link PageRank#driverBytes}; when that does not fit, the vectors are broadcast a few at a time
 * (the same bits, 8 x n x (K + 4w) bytes). When not even one fits, {@link #runShuffled} runs the same iteration with
 * the vectors held by the executors ({@link ShuffledPropagation}); {@link PageRank#path} chooses.
 *
 * <p>The dangling mass and the L1 change are summed per <em>owner range</em> (the users from one
 * block's first destination to the next block's; the first from user 0, the last to n) and the
 * ranges' sums added in partition order, as the shuffle path must: both paths give the same bits.
 */
final class RankPropagation implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RankPropagation.class);

  private final JavaSparkContext jsc;
  private final JavaRDD<TiledBlock> blocks;
  private final int n;
  private final long edges;

  private final double[] inverseOutWeight;
  private ShuffledPropagation shuffled;
  private JavaRDD<TiledBlock> grouped;

  private RankPropagation(JavaSparkContext jsc, JavaRDD<TiledBlock> blocks, int n, long edges,
      double[] inverseOutWeight) {
    this.jsc = jsc;
    this.blocks = blocks;
    this.n = n;
    this.edges = edges;
    this.inverseOutWeight = inverseOutWeight;
  }

  /**
   * Builds and caches the blocks. {@code edges}: string {@link PageRank#SRC},
   * {@link PageRank#DST} and positive double {@link PageRank#WEIGHT}; edges whose
   * ends are not in {@code index} are ignored. Runs one Spark job (to cache the blocks).
   */
  public static RankPropagation of(DenseIndex index, Dataset<Row> edges, int partitions) {
    return ofIndexed(index.indexEdges(edges), index.size(), partitions);
  }

  /**
   * As {@link #of} for edges already carrying dense ids: int {@link DenseIndex#SRC_IDX},
   * {@link DenseIndex#DST_IDX} below {@code n} and positive double {@link PageRank#WEIGHT}.
   */
  public static RankPropagation ofIndexed(Dataset<Row> edges, int n, int partitions) {
    // Read twice below (out-weights, blocks): cached so the edges' own lineage runs once.
    Dataset<Row> indexed = edges
        .select(col(DenseIndex.DST_IDX), col(DenseIndex.SRC_IDX), col(PageRank.WEIGHT))
        .persist(StorageLevel.MEMORY_AND_DISK());
    double[] inverseOutWeight = new double[n];
    int tileBits = TiledBlock.tileBits(n);
    JavaRDD<TiledBlock> blocks;
    long e;
    try {
      // Bounded: one row per user with out-edges (partial aggregation keeps the shuffle small).
      for (Row r : indexed.groupBy(DenseIndex.SRC_IDX).agg(sum(PageRank.WEIGHT)).collectAsList()) {
        inverseOutWeight[r.getInt(0)] = 1.0 / r.getDouble(1);
      }
      blocks = indexed
          .repartitionByRange(Math.max(1, partitions), col(DenseIndex.DST_IDX))
          .sortWithinPartitions(DenseIndex.DST_IDX, DenseIndex.SRC_IDX)
          .javaRDD().mapPartitions(rows -> TiledBlock.of(rows, tileBits))
          .persist(StorageLevel.MEMORY_AND_DISK());
      e = blocks.map(TiledBlock::edges).fold(0L, Long::sum);
    } finally {
      indexed.unpersist(false);
    }
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(edges.sparkSession().sparkContext());
    return new RankPropagation(jsc, blocks, n, e, inverseOutWeight);
  }

  /**
   * Over blocks built elsewhere ({@link GraphBlocks}), which keep ownership of them: {@link #close()}
   * then releases nothing. {@code inverseOutWeight}: 1 / W(u) per user, 0 for dangling users.
   */
  static RankPropagation ofBlocks(JavaSparkContext jsc, JavaRDD<TiledBlock> blocks, int n, long edges,
      double[] inverseOutWeight) {
    return new RankPropagation(jsc, blocks, n, edges, inverseOutWeight);
  }

  /**
   * The blocks in at most {@link #GROUPS_PER_CORE} groups per core (Spark's default parallelism),
   * one task each: with one task per block, each block reads every tile of the shares, so an
   * iteration brings the vector into the cache once per block. At 1M users forced to 49 blocks,
   * grouping cut the global run's CPU from 8.2 to 3.2 s (45 iterations); at 10M (49 blocks by
   * default) it saved nothing measurable (docs/benchmarks.md). Grouping needs no shuffle; on a
   * cluster Spark's coalescing keeps a group's blocks on one executor where it can (not measured on
   * a cluster).
   */
  private JavaRDD<TiledBlock> groups() {
    if (grouped == null) {
      int parts = blocks.getNumPartitions();
      int groups = Math.max(1, Math.min(parts, GROUPS_PER_CORE * jsc.defaultParallelism()));
      grouped = groups == parts ? blocks : blocks.coalesce(groups);
    }
    return grouped;
  }

  /** Groups of blocks per core in an iteration's job: two, so that a core never waits long for the other. */
  static final int GROUPS_PER_CORE = 2;

  /** Edges held by the blocks. */
  public long edges() {
    return edges;
  }

  /**
   * Runs on {@code path}: {@link #run(Teleport, double, double, int, int)} broadcasting
   * {@code perBroadcast} vectors at a time, or {@link #runShuffled}.
   */
  public Ranks run(Path path, Teleport teleport, double damping, double tolerance, int maxIter, int perBroadcast) {
    return path == Path.BROADCAST ? run(teleport, damping, tolerance, maxIter, perBroadcast)
        : runShuffled(teleport, damping, tolerance, maxIter);
  }

  /**
   * The shuffle path: the same iteration and the same bits, with the vectors held by the executors.
   * Builds the shuffle path's layout on first use (kept until {@link #close()}); the result stays
   * cached until it is closed.
   */
  public Distributed runShuffled(Teleport teleport, double damping, double tolerance, int maxIter) {
    if (n == 0) {
      return new Distributed(jsc.emptyRDD(), 0, teleport.vectors(), 0, 0.0, () -> {});
    }
    prepareShuffle();
    return shuffled.run(teleport, damping, tolerance, maxIter);
  }

  /**
   * Builds and caches the shuffle path's layout (each block's sources and who sends what to whom),
   * if not built yet; {@link #runShuffled} does it on first use.
   */
  public void prepareShuffle() {
    if (shuffled == null && n > 0) {
      shuffled = ShuffledPropagation.of(jsc, blocks, n, inverseOutWeight);
    }
  }

  /** The broadcast path with every vector in one broadcast. */
  public Outcome run(Teleport teleport, double damping, double tolerance, int maxIter) {
    return run(teleport, damping, tolerance, maxIter, teleport.vectors());
  }

  /**
   * The broadcast path: the K vectors on the driver, broadcast {@code perBroadcast} at a time (a
   * <em>batch</em>; the last may be narrower). Every iteration runs one job per batch, and the run
   * stops when the largest change of all K vectors falls below the tolerance, as one broadcast of
   * all K would: the vectors do not mix, each vector's sums run over the same terms in the same
   * order whatever its batch, so the ranks and the iterations are the same bits. Driver memory:
   * the K vectors, and for the batch in flight its shares, the broadcast's copy, the results and
   * its next ranks ({@link PageRank#driverBytes(int, int, int)}).
   */
  public Outcome run(Teleport teleport, double damping, double tolerance, int maxIter, int perBroadcast) {
    int k = teleport.vectors();
    int w = Math.max(1, Math.min(perBroadcast, k));
    double[][] ranks = RankPages.allocate(n, k);
    if (n == 0) {
      return new Outcome(ranks, 0, k, 0, 0.0, w);
    }
    addTeleport(ranks, teleport, new double[k], 1.0, k);
    int iterations = 0;
    double residual = Double.NaN;
    long[] nanos = new long[3];
    int[] owners = null;
    while (iterations < maxIter) {
      double[] change = new double[k];
      double[][] next = w == k ? null : ranks;
      for (int from = 0; from < k; from += w) {
        int width = Math.min(w, k - from);
        Batch batch = iterate(ranks, k, from, width, slice(teleport, from, width), damping, owners, nanos);
        owners = batch.owners();
        System.arraycopy(batch.change(), 0, change, from, width);
        if (width == k) {
          next = batch.next();
        } else {
          // Only this batch's vectors move, into their columns of the K-wide pages.
          double[][] b = batch.next();
          for (int p = 0; p < b.length; p++) {
            for (int i = 0, users = b[p].length / width; i < users; i++) {
              System.arraycopy(b[p], i * width, next[p], i * k + from, width);
            }
          }
        }
      }
      ranks = next;
      residual = Arrays.stream(change).max().orElse(0.0);
      iterations++;
      if (iterations % 10 == 0) {
        LOG.info("pagerank ({} vector{}) iteration {}: L1 change {}", k, k == 1 ? "" : "s", iterations, residual);
      }
      if (residual < tolerance) {
        break;
      }
    }
    LOG.info("pagerank ({} vector{}, {} per broadcast): {} iterations, broadcast {} s, tasks and results {} s,"
        + " driver {} s", k, k == 1 ? "" : "s", w, iterations, nanos[0] / 1e9, nanos[1] / 1e9, nanos[2] / 1e9);
    return new Outcome(ranks, n, k, iterations, residual, w);
  }

  /** One iteration of a batch: its next ranks (pages, its width per user), L1 changes, the owner ranges. */
  private record Batch(double[][] next, double[] change, int[] owners) {}

  /**
   * One iteration of vectors {@code from .. from + width - 1} of the K-wide {@code ranks}: one
   * broadcast and one job. {@code owners}: the owner ranges, null before the first job.
   * {@code nanos}: broadcast, tasks and driver time, added to. Every array on the driver is a page
   * ({@link RankPages}) or a block's slice.
   */
  private Batch iterate(double[][] ranks, int k, int from, int width, Teleport teleport, double damping, int[] owners,
      long[] nanos) {
    long t0 = System.nanoTime();
    // What each user sends along one unit of edge weight: r(u) / W(u) (0 for dangling users).
    double[][] share = RankPages.allocate(n, width);
    for (int p = 0; p < share.length; p++) {
      double[] out = share[p];
      double[] in = ranks[p];
      for (int i = 0, base = p << RankPages.BITS, users = out.length / width; i < users; i++) {
        double inverse = inverseOutWeight[base + i];
        for (int j = 0; j < width; j++) {
          out[i * width + j] = in[i * k + from + j] * inverse;
        }
      }
    }
    Broadcast<double[][]> current = jsc.broadcast(share);
    long t1 = System.nanoTime();
    // Bounded: the slices together hold width x n doubles, the size of the batch's ranks. One task
    // per group of blocks, which reads each tile of the shares once for all its blocks; the slices
    // back in the blocks' order (by first destination, as the range partitioning laid them out).
    List<Tuple2<Integer, double[]>> slices = new ArrayList<>(groups().mapPartitions(it -> {
      List<TiledBlock> group = new ArrayList<>();
      it.forEachRemaining(group::add);
      double[][] acc = TiledBlock.contributions(group, current.value(), RankPages.BITS, width);
      List<Tuple2<Integer, double[]>> out = new ArrayList<>(group.size());
      for (int i = 0; i < group.size(); i++) {
        out.add(new Tuple2<>(group.get(i).lo, acc[i]));
      }
      return out.iterator();
    }).collect());
    slices.sort(Comparator.comparingInt(Tuple2::_1));
    // In local mode the tasks find the driver's own pages through weak references (the broadcast's
    // value, Spark's cache of broadcast values): held here until the job ends, they cannot be cleared
    // mid-job, which would have a task read a copy back from the block store.
    java.lang.ref.Reference.reachabilityFence(share);
    current.destroy();
    long t2 = System.nanoTime();
    int[] starts = owners == null ? ownerStarts(slices) : owners;
    double[][] next = RankPages.allocate(n, width);
    double[] flowed = new double[width];
    double[] part = new double[width];
    for (Tuple2<Integer, double[]> slice : slices) {
      double[] acc = slice._2();
      int lo = slice._1();
      Arrays.fill(part, 0.0);
      for (int c = 0, users = acc.length / width; c < users; c++) {
        int u = lo + c;
        double[] page = next[u >>> RankPages.BITS];
        int at = (u & RankPages.MASK) * width;
        for (int j = 0; j < width; j++) {
          page[at + j] = damping * acc[c * width + j];
          part[j] += acc[c * width + j];
        }
      }
      for (int j = 0; j < width; j++) {
        flowed[j] += part[j];
      }
    }
    double[] mass = new double[width];
    for (int v = 0; v < width; v++) {
      double dangling = Math.max(0.0, 1.0 - flowed[v]);
      mass[v] = damping * dangling + 1 - damping;
    }
    addTeleport(next, teleport, mass, 0.0, width);
    double[] change = new double[width];
    for (int o = 0; o + 1 < starts.length; o++) {
      Arrays.fill(part, 0.0);
      for (int u = starts[o]; u < starts[o + 1]; u++) {
        double[] now = next[u >>> RankPages.BITS];
        double[] before = ranks[u >>> RankPages.BITS];
        int at = (u & RankPages.MASK) * width;
        int was = (u & RankPages.MASK) * k + from;
        for (int j = 0; j < width; j++) {
          part[j] += Math.abs(now[at + j] - before[was + j]);
        }
      }
      for (int j = 0; j < width; j++) {
        change[j] += part[j];
      }
    }
    nanos[0] += t1 - t0;
    nanos[1] += t2 - t1;
    nanos[2] += System.nanoTime() - t2;
    return new Batch(next, change, starts);
  }

  /** Vectors {@code from .. from + width - 1} of a teleport (a uniform one is its own slice). */
  private static Teleport slice(Teleport t, int from, int width) {
    if (t.isUniform() || (from == 0 && width == t.vectors())) {
      return t;
    }
    return new Teleport(Arrays.copyOfRange(t.nodes(), from, from + width),
        Arrays.copyOfRange(t.weights(), from, from + width));
  }

  /**
   * First user of each owner range, then n: 0, the second slice's first destination, the third's,
   * ... (the slices in partition order); one range of every user when there are none.
   */
  private int[] ownerStarts(List<Tuple2<Integer, double[]>> slices) {
    int[] starts = new int[Math.max(1, slices.size()) + 1];
    for (int i = 1; i < slices.size(); i++) {
      starts[i] = slices.get(i)._1();
    }
    starts[starts.length - 1] = n;
    return starts;
  }

  /**
   * ranks[v][k] += mass[k] * s[k](v) over {@code k}-wide pages, or sets the initial distribution
   * when {@code initial > 0}.
   */
  private void addTeleport(double[][] ranks, Teleport t, double[] mass, double initial, int k) {
    for (int v = 0; v < k; v++) {
      double m = initial > 0 ? initial : mass[v];
      if (t.isUniform()) {
        double share = m / n;
        for (double[] page : ranks) {
          for (int at = v; at < page.length; at += k) {
            page[at] += share;
          }
        }
      } else {
        int[] nodes = t.nodes()[v];
        double[] w = t.weights()[v];
        for (int i = 0; i < nodes.length; i++) {
          ranks[nodes[i] >>> RankPages.BITS][(nodes[i] & RankPages.MASK) * k + v] += m * w[i];
        }
      }
    }
  }

  @Override
  public void close() {
    if (shuffled != null) {
      shuffled.close();
    }
    blocks.unpersist(false);
  }
}
