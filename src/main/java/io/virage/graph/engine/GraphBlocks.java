package io.virage.graph.engine;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * A run's graph laid out once for both iterative algorithms. The indexed pairs (one row per pair
 * of users, both directions side by side) become one row per (user, neighbour) with the weight the
 * neighbour sends to the user, the weight the user sends back, and whether the two are neighbours
 * in the undirected simple graph; one shuffle by user id range ({@link #bounds}) gives, per partition:
 * <ul>
 *   <li>PageRank's {@link TiledBlock} (the in-edges with a positive discounted weight);</li>
 *   <li>the k-core's {@link CsrBlock} (distinct neighbours other than the user, by raw weight);</li>
 *   <li>the users' summed out-weights W(u), which PageRank divides by.</li>
 * </ul>
 * Against building each layout from its own edge list, this saves a shuffle and a sort of the
 * edges and the aggregation of the out-weights; the rows of a partition are put in order in
 * memory (see {@link #part}), not by a sort of the shuffled rows. Cached until {@link #close()}.
 * Building a part holds its rows in arrays, about 100 bytes per (user, neighbour) row at the peak
 * (two rows per pair), outside Spark's memory accounting: a graph is split in at least
 * {@link #partsFor} parts, so that no part holds more than {@link #MAX_ROWS_PER_PART} rows (about
 * 400 MB at the peak of its build, one build per core at a time).
 *
 * <p>In: int {@link DenseIndex#SRC_IDX} (pair's lower id a) and {@link DenseIndex#DST_IDX} (b, at
 * least a; equal for a self-loop), raw weights {@link #W_AB}, {@link #W_BA}
 * and discounted {@link #DW_AB}, {@link #DW_BA}; one row per pair.
 */
public final class GraphBlocks implements AutoCloseable {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(GraphBlocks.class);

  /** One partition's share of the graph: users {@code lo ..} in a contiguous id range. */
  static final class Part implements Serializable {
    final TiledBlock tiled;
    final CsrBlock simple;
    final int lo;
    final double[] outWeight;

    Part(TiledBlock tiled, CsrBlock simple, int lo, double[] outWeight) {
      this.tiled = tiled;
      this.simple = simple;
      this.lo = lo;
      this.outWeight = outWeight;
    }
  }

  /** Input: the raw weights a sends to b and b to a (0 when none; equal for a self-loop). */
  public static final String W_AB = "w_ab";
  public static final String W_BA = "w_ba";
  /** Input: the same weights after discounts (PageRank's edge weights; the k-core reads the raw ones). */
  public static final String DW_AB = "dw_ab";
  public static final String DW_BA = "dw_ba";

  private static final String NODE = "_x";
  private static final String NEIGHBOUR = "_y";
  private static final String IN = "_in";
  private static final String OUT = "_out";
  private static final String SIMPLE = "_simple";

  private final JavaSparkContext jsc;
  private final JavaRDD<Part> parts;
  private final int n;
  private final int partCount;
  private RankPropagation propagation;

  private GraphBlocks(JavaSparkContext jsc, JavaRDD<Part> parts, int n, int partCount) {
    this.jsc = jsc;
    this.parts = parts;
    this.n = n;
    this.partCount = partCount;
  }

  /** Parts the graph is laid out in (one task each): see {@link #blocks}. */
  public int parts() {
    return partCount;
  }

  /**
   * Builds and caches the parts of the users {@code 0 .. n-1}; runs the shuffle's map side, the
   * first reader of the parts builds them. {@code indexedPairs} is read by the range bounds (its
   * two id columns) and by the shuffle: cache it, or see {@link #of(Dataset, Dataset, int, int)}.
   */
  public static GraphBlocks of(Dataset<Row> indexedPairs, int n, int partitions) {
    return of(indexedPairs, indexedPairs, n, partitions);
  }

  /**
   * As {@link #of(Dataset, int, int)}, the range bounds sampled from {@code ids} instead: the same
   * pairs' {@link DenseIndex#SRC_IDX} and {@link DenseIndex#DST_IDX}, cached (the stage's pairs
   * before the discount), so that {@code indexedPairs} is read once, by the shuffle, and need not be.
   */
  public static GraphBlocks of(Dataset<Row> indexedPairs, Dataset<Row> ids, int n, int partitions) {
    Column a = col(DenseIndex.SRC_IDX);
    Column b = col(DenseIndex.DST_IDX);
    Column selfLoop = a.equalTo(b);
    Column simple = a.notEqual(b).and(col(W_AB).gt(0).or(col(W_BA).gt(0)));
    // User a receives b -> a and sends a -> b; a self-loop a -> a is both what a receives and sends.
    Dataset<Row> asA = indexedPairs.select(a.as(NODE), b.as(NEIGHBOUR),
        when(selfLoop, col(DW_AB)).otherwise(col(DW_BA)).as(IN),
        col(DW_AB).as(OUT), simple.as(SIMPLE));
    Dataset<Row> asB = indexedPairs.filter(a.notEqual(b)).select(b.as(NODE), a.as(NEIGHBOUR),
        col(DW_AB).as(IN), col(DW_BA).as(OUT), simple.as(SIMPLE));
    long pairs = ids.count();
    int p = partsFor(partitions, pairs);
    Dataset<Row> rows = asA.union(asB)
        .filter(col(IN).gt(0).or(col(OUT).gt(0)).or(col(SIMPLE)))
        .repartitionById(p, partitionOf(col(NODE), bounds(ids, p, pairs)));
    int tileBits = TiledBlock.tileBits(Math.max(0, n));
    JavaRDD<Part> parts = rows.javaRDD().mapPartitions(it -> part(it, tileBits))
        .persist(StorageLevel.MEMORY_AND_DISK());
    return new GraphBlocks(JavaSparkContext.fromSparkContext(indexedPairs.sparkSession().sparkContext()), parts,
        Math.max(0, n), p);
  }

  /**
   * Most (user, neighbour) rows one part is built from: two per pair. A part's build peaks at about
   * 100 bytes per row, so 400 MB here, one build per core at once, in the heap Spark leaves outside
   * its storage and execution memory (40%, 2.2 GB of the default 6 GB heap on a 24 GiB machine),
   * beside the driver's rank vectors in local mode. The 10M-user demo's graph (193M rows) ran out
   * of the default heap in 13 parts of 16M rows, and of a 12 GB heap in two parts.
   */
  public static final long MAX_ROWS_PER_PART = 4_000_000L;

  /**
   * Parts for a graph of {@code pairs} pairs: {@code partitions} (at least 1), raised to what keeps
   * each part within {@link #MAX_ROWS_PER_PART} rows.
   */
  static int partsFor(int partitions, long pairs) {
    long needed = (2 * Math.max(0, pairs) + MAX_ROWS_PER_PART - 1) / MAX_ROWS_PER_PART;
    return (int) Math.min(Integer.MAX_VALUE, Math.max(Math.max(1, partitions), needed));
  }

  /** Pairs sampled per partition to place the range bounds. */
  static final int SAMPLE_PER_PARTITION = 1000;

  /**
   * The first user of partitions 1 .. p-1: contiguous id ranges with about as many rows each, from
   * a sample of the pairs' ends (a row per end and pair). Read from the cached pairs' two id
   * columns, which costs far less than the range partitioner's sample of the rows to shuffle (a
   * pass of the whole select and union with a copy of every key).
   */
  static int[] bounds(Dataset<Row> ids, int partitions, long pairs) {
    if (partitions == 1) {
      return new int[0];
    }
    double fraction = Math.min(1.0, (double) SAMPLE_PER_PARTITION * partitions / Math.max(1, pairs));
    // Bounded: about SAMPLE_PER_PARTITION pairs per partition.
    List<Row> sample = ids.select(col(DenseIndex.SRC_IDX), col(DenseIndex.DST_IDX))
        .sample(false, fraction, 17).collectAsList();
    CsrBlock.IntArray ends = new CsrBlock.IntArray();
    for (Row r : sample) {
      ends.add(r.getInt(0));
      if (r.getInt(1) != r.getInt(0)) {
        ends.add(r.getInt(1));
      }
    }
    int[] sorted = new int[ends.size()];
    for (int i = 0; i < sorted.length; i++) {
      sorted[i] = ends.get(i);
    }
    Arrays.sort(sorted);
    int[] bounds = new int[partitions - 1];
    for (int i = 0; i < bounds.length; i++) {
      bounds[i] = sorted.length == 0 ? Integer.MAX_VALUE : sorted[(int) ((long) (i + 1) * sorted.length / partitions)];
    }
    return bounds;
  }

  /** Partition of a node: how many bounds are at most its id (a balanced tree of comparisons). */
  static Column partitionOf(Column node, int[] bounds) {
    return partitionOf(node, bounds, 0, bounds.length);
  }

  private static Column partitionOf(Column node, int[] bounds, int from, int to) {
    if (from == to) {
      return lit(from);
    }
    int mid = (from + to) >>> 1;
    return when(node.lt(bounds[mid]), partitionOf(node, bounds, from, mid))
        .otherwise(partitionOf(node, bounds, mid + 1, to));
  }

  /**
   * A partition's rows (node, neighbour, in, out, simple), in any order, one per (node, neighbour):
   * read into arrays, put in (node, neighbour) order by a counting sort on the node and a sort of
   * each node's neighbours (a node has few next to the partition: cheaper than a sort of all rows),
   * then laid out (PageRank's block in tiles of 2^{@code tileBits} sources: {@link TiledBlock#tileBits}).
   */
  private static Iterator<Part> part(Iterator<Row> rows, int tileBits) {
    if (!rows.hasNext()) {
      return Collections.emptyIterator();
    }
    CsrBlock.IntArray xs = new CsrBlock.IntArray();
    CsrBlock.IntArray ys = new CsrBlock.IntArray();
    double[] ins = new double[1024];
    double[] outs = new double[1024];
    boolean[] simples = new boolean[1024];
    int lo = Integer.MAX_VALUE;
    int hi = Integer.MIN_VALUE;
    while (rows.hasNext()) {
      Row r = rows.next();
      int m = xs.size();
      if (m == ins.length) {
        ins = Arrays.copyOf(ins, 2 * m);
        outs = Arrays.copyOf(outs, 2 * m);
        simples = Arrays.copyOf(simples, 2 * m);
      }
      int x = r.getInt(0);
      xs.add(x);
      ys.add(r.getInt(1));
      ins[m] = r.getDouble(2);
      outs[m] = r.getDouble(3);
      simples[m] = r.getBoolean(4);
      lo = Math.min(lo, x);
      hi = Math.max(hi, x);
    }
    int m = xs.size();
    int count = hi - lo + 1;
    int[] start = new int[count + 1];
    for (int e = 0; e < m; e++) {
      start[xs.get(e) - lo + 1]++;
    }
    for (int i = 0; i < count; i++) {
      start[i + 1] += start[i];
    }
    // Sort key: neighbour in the high half, row in the low half (both below 2^31).
    long[] order = new long[m];
    int[] next = Arrays.copyOf(start, count);
    for (int e = 0; e < m; e++) {
      order[next[xs.get(e) - lo]++] = ((long) ys.get(e) << 32) | e;
    }
    // The read arrays are done with; the sorted rows get their exact size (no doubling, no copy).
    xs = null;
    ys = null;
    CsrBlock.SortedRows in = new CsrBlock.SortedRows(true, m);
    CsrBlock.SortedRows simple = new CsrBlock.SortedRows(false, m);
    double[] outWeight = new double[count];
    for (int i = 0; i < count; i++) {
      Arrays.sort(order, start[i], start[i + 1]);
      int x = lo + i;
      for (int p = start[i]; p < start[i + 1]; p++) {
        int e = (int) order[p];
        int y = (int) (order[p] >>> 32);
        if (ins[e] > 0) {
          in.add(x, y, ins[e]);
        }
        if (simples[e]) {
          simple.add(x, y, 0.0);
        }
        outWeight[i] += outs[e];
      }
    }
    return List.of(new Part(in.size() == 0 ? null : TiledBlock.of(in, tileBits), simple.size() == 0 ? null : CsrBlock.of(simple, false),
        lo, outWeight)).iterator();
  }

  /** Users of the graph: dense ids 0 .. n-1. */
  public int users() {
    return n;
  }

  /** Directed edges with a positive discounted weight: PageRank's edges. */
  public long edges() {
    return propagation().edges();
  }

  /** PageRank over these blocks: see {@link PageRank}. */
  public PageRank pageRank() {
    return PageRank.on(this);
  }

  /**
   * The engine over the shared blocks, with W(u) from them, built on first use; the blocks stay
   * cached until {@link #close()}. Building runs two jobs: the out-weights (the first reader of the
   * parts, which builds and caches them) and the edge count.
   */
  RankPropagation propagation() {
    if (propagation != null) {
      return propagation;
    }
    double[] inverseOutWeight = new double[n];
    // Bounded: the slices hold one double per user in all, like the rank vector.
    for (Tuple2<Integer, double[]> slice : parts.map(p -> new Tuple2<>(p.lo, p.outWeight)).collect()) {
      double[] w = slice._2();
      for (int i = 0; i < w.length; i++) {
        inverseOutWeight[slice._1() + i] = w[i] > 0 ? 1.0 / w[i] : 0.0;
      }
    }
    JavaRDD<TiledBlock> tiled = parts.filter(p -> p.tiled != null).map(p -> p.tiled);
    long edges = tiled.map(TiledBlock::edges).fold(0L, Long::sum);
    propagation = RankPropagation.ofBlocks(jsc, tiled, n, edges, inverseOutWeight);
    return propagation;
  }

  /** Core numbers of the undirected simple graph, over the shared blocks, on the driver. */
  public CoreDecomposition.Result cores() {
    return CoreDecomposition.run(jsc, simpleBlocks(), n);
  }

  /**
   * Core numbers of the undirected simple graph, over the shared blocks, on the path
   * {@link CoreDecomposition#path} chooses from {@code propagation} (auto, broadcast, shuffle) and
   * the driver memory budget: the driver's estimates, or the executors' ({@link ShuffledCores}).
   */
  public CoreDecomposition.Cores cores(String propagation, long budgetBytes) {
    PageRank.Path path = CoreDecomposition.path(propagation, n, budgetBytes);
    LOG.info("k-core: {} path (propagation = {}; estimates of {} users hold {} MB on the driver, budget {} MB)",
        path.name().toLowerCase(java.util.Locale.ROOT), propagation, n,
        CoreDecomposition.driverBytes(n) >> 20, budgetBytes >> 20);
    return path == PageRank.Path.BROADCAST ? cores() : ShuffledCores.run(jsc, simpleBlocks(), n);
  }

  /** The parts' k-core blocks, each in its part's partition (a part without one: an empty partition). */
  private JavaRDD<CsrBlock> simpleBlocks() {
    return parts.filter(p -> p.simple != null).map(p -> p.simple);
  }

  /**
   * Releases the cached parts now and waits until their blocks are gone, for a caller whose
   * results are all on the driver and that allocates more before it closes: at 10M users the parts
   * are the largest item in the heap (about 2.9 GB of ints and doubles while the k-core runs). Later
   * runs over these blocks would build them again; {@link #close()} after it does nothing more.
   */
  public void release() {
    close(true);
  }

  @Override
  public void close() {
    close(false);
  }

  /** Whether the parts are still cached (persisted with a storage level). */
  boolean cached() {
    return parts.getStorageLevel().useMemory() || parts.getStorageLevel().useDisk();
  }

  private boolean closed;

  private void close(boolean blocking) {
    if (closed) {
      return;
    }
    closed = true;
    if (propagation != null) {
      propagation.close();
    }
    parts.unpersist(blocking);
  }
}
