package io.virage.graph;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;

import java.io.Serializable;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Weighted PageRank, the textbook definition (so that it can be checked against networkx):
 * <pre>
 *   r_0(v)     = 1 / N
 *   r_{k+1}(v) = (1 - d) / N + d * ( sum_{u -> v} r_k(u) * w(u,v) / W(u)  +  D_k / N )
 *   W(u)       = sum of the weights of u's out-edges;  D_k = sum of r_k(u) over dangling u (W(u) = 0)
 *   stop when sum_v |r_{k+1}(v) - r_k(v)| < tolerance, or after maxIter iterations
 * </pre>
 * Dangling mass is spread uniformly, so ranks always sum to 1. Self-loops are ordinary edges.
 *
 * <p>Design: users get dense ids 0..N-1 (sorted by user_id). Edges become one cached block per
 * partition (parallel arrays of dst, src and normalised weight, sorted by dst then src). Each
 * iteration broadcasts the rank vector, every block accumulates its contributions into a local
 * array in one tight loop, and the driver adds the per-partition arrays in partition order. Summing
 * in a fixed order makes reruns bit-identical. Driver memory: O(N * partitions) doubles (8 MB per
 * million users and partition); graphs whose rank vector does not fit the driver need a shuffle-based
 * path (not built yet).
 *
 * <p>In: {@code vertices} with a string column {@code idColumn}; {@code edges} with string
 * {@link InteractionGraph#SRC}, {@link InteractionGraph#DST} and double {@link InteractionGraph#WEIGHT}
 * (edges whose ends are not vertices are ignored). Out: {@link Result#ranks()} with
 * {@code idColumn} and {@link #PAGERANK} (double), one row per vertex, computed from a cached
 * index: close the result after use.
 */
public final class WeightedPageRank {
  private static final Logger LOG = LoggerFactory.getLogger(WeightedPageRank.class);
  public static final String PAGERANK = "pagerank";
  private static final String IDX = "_idx";

  /**
   * Ranks, with the iterations run and the L1 change of the last one. {@link #close()} releases
   * the cached vertex index and the rank broadcast once {@code ranks} has been consumed.
   */
  public record Result(Dataset<Row> ranks, int iterations, double residual, Runnable release)
      implements AutoCloseable {
    @Override
    public void close() {
      release.run();
    }
  }

  private double damping = 0.85;
  private double tolerance = 1e-9;
  private int maxIter = 100;

  public WeightedPageRank damping(double d) {
    if (!(d > 0 && d < 1)) {
      throw new IllegalArgumentException("damping: expected a number in (0, 1), found " + d);
    }
    this.damping = d;
    return this;
  }

  public WeightedPageRank tolerance(double t) {
    this.tolerance = t;
    return this;
  }

  public WeightedPageRank maxIter(int n) {
    this.maxIter = n;
    return this;
  }

  /** Computes ranks. Runs Spark jobs (indexing and iterations); the result itself is lazy. */
  public Result run(Dataset<Row> vertices, String idColumn, Dataset<Row> edges) {
    SparkSession spark = vertices.sparkSession();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    JavaPairRDD<String, Long> index = vertices.select(col(idColumn)).distinct().orderBy(col(idColumn))
        .javaRDD().map(r -> r.getString(0)).zipWithIndex().persist(StorageLevel.MEMORY_AND_DISK());
    StructType indexSchema = new StructType().add(idColumn, DataTypes.StringType, false)
        .add(IDX, DataTypes.LongType, false);
    Dataset<Row> indexDf = spark.createDataFrame(index.map(t -> RowFactory.create(t._1(), t._2())), indexSchema);
    long n = index.count();
    StructType outSchema = new StructType().add(idColumn, DataTypes.StringType, false)
        .add(PAGERANK, DataTypes.DoubleType, false);
    if (n == 0) {
      index.unpersist(false);
      return new Result(spark.createDataFrame(List.of(), outSchema), 0, 0.0, () -> {});
    }
    if (n > Integer.MAX_VALUE - 8) {
      throw new IllegalStateException("graph has " + n + " users: more than the in-memory rank vector holds");
    }
    int size = (int) n;

    Dataset<Row> indexed = edges
        .join(indexDf.select(col(idColumn).as("_s"), col(IDX).as("_si")), col(InteractionGraph.SRC).equalTo(col("_s")))
        .join(indexDf.select(col(idColumn).as("_d"), col(IDX).as("_di")), col(InteractionGraph.DST).equalTo(col("_d")))
        .select(col("_si"), col("_di"), col(InteractionGraph.WEIGHT).as("_w"));
    Dataset<Row> outWeight = indexed.groupBy(col("_si").as("_o")).agg(sum("_w").as("_wsum"));
    Dataset<Row> normalised = indexed.join(outWeight, col("_si").equalTo(col("_o")))
        .select(col("_di"), col("_si"), col("_w").divide(col("_wsum")).as("_nw"))
        .sortWithinPartitions("_di", "_si");
    JavaRDD<EdgeBlock> blocks = normalised.javaRDD().mapPartitions(EdgeBlock::of)
        .persist(StorageLevel.MEMORY_AND_DISK());

    double[] ranks = new double[size];
    java.util.Arrays.fill(ranks, 1.0 / size);
    int iterations = 0;
    double residual = Double.NaN;
    try {
      while (iterations < maxIter) {
        Broadcast<double[]> current = jsc.broadcast(ranks);
        // Bounded: one array of N doubles per edge partition (see class comment), in partition order.
        List<double[]> parts = blocks.map(b -> b.contributions(current.value())).collect();
        current.destroy();
        double[] next = new double[size];
        for (double[] part : parts) {
          for (int i = 0; i < size; i++) {
            next[i] += part[i];
          }
        }
        double flowed = 0;
        for (double v : next) {
          flowed += v;
        }
        double dangling = Math.max(0.0, 1.0 - flowed);
        double base = (1 - damping) / size + damping * dangling / size;
        residual = 0;
        for (int i = 0; i < size; i++) {
          next[i] = base + damping * next[i];
          residual += Math.abs(next[i] - ranks[i]);
        }
        ranks = next;
        iterations++;
        if (iterations % 10 == 0) {
          LOG.info("pagerank iteration {}: L1 change {}", iterations, residual);
        }
        if (residual < tolerance) {
          break;
        }
      }
    } finally {
      blocks.unpersist(false);
    }
    Broadcast<double[]> fin = jsc.broadcast(ranks);
    JavaRDD<Row> rows = index.map(t -> RowFactory.create(t._1(), fin.value()[(int) (long) t._2()]));
    Dataset<Row> result = spark.createDataFrame(rows, outSchema);
    LOG.info("pagerank: {} users, {} iterations, final L1 change {}", size, iterations, residual);
    return new Result(result, iterations, residual, () -> {
      index.unpersist(false);
      fin.destroy();
    });
  }

  /** One partition's edges, sorted by destination then source. */
  static final class EdgeBlock implements Serializable {
    private final int[] dst;
    private final int[] src;
    private final double[] weight;
    private final int size;

    private EdgeBlock(int[] dst, int[] src, double[] weight) {
      this.dst = dst;
      this.src = src;
      this.weight = weight;
      this.size = dst.length;
    }

    static Iterator<EdgeBlock> of(Iterator<Row> rows) {
      IntList d = new IntList();
      IntList s = new IntList();
      double[] w = new double[1024];
      while (rows.hasNext()) {
        Row r = rows.next();
        if (d.size() == w.length) {
          w = java.util.Arrays.copyOf(w, w.length * 2);
        }
        w[d.size()] = r.getDouble(2);
        d.add((int) r.getLong(0));
        s.add((int) r.getLong(1));
      }
      return List.of(new EdgeBlock(d.toArray(), s.toArray(), java.util.Arrays.copyOf(w, d.size()))).iterator();
    }

    /** sum over this block's edges u -> v of r(u) * w(u,v) / W(u), as a dense vector. */
    double[] contributions(double[] ranks) {
      double[] acc = new double[ranks.length];
      for (int e = 0; e < size; e++) {
        acc[dst[e]] += ranks[src[e]] * weight[e];
      }
      return acc;
    }
  }

  /** A growable int array (no boxing). */
  private static final class IntList {
    private int[] a = new int[1024];
    private int n;

    void add(int v) {
      if (n == a.length) {
        a = java.util.Arrays.copyOf(a, a.length * 2);
      }
      a[n++] = v;
    }

    int size() {
      return n;
    }

    int[] toArray() {
      return java.util.Arrays.copyOf(a, n);
    }
  }
}
