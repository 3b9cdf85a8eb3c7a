package io.virage.graph.engine;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;

import java.util.List;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Dense ids 0..n-1 for the users of a graph, assigned in user_id order (so they are the same on
 * every run), cached until {@link #close()}. Graph algorithms keep their per-user state in arrays
 * indexed by these ids and turn them back into rows with {@link #attach}.
 */
public final class DenseIndex implements AutoCloseable {
  /** Column holding the dense id in {@link #rows()}. */
  public static final String IDX = "_idx";

  private final SparkSession spark;
  private final String idColumn;
  private final JavaPairRDD<String, Long> index;
  private final Dataset<Row> rows;
  private final int n;
  private final java.util.List<Broadcast<?>> broadcasts = new java.util.ArrayList<>();

  private DenseIndex(SparkSession spark, String idColumn, JavaPairRDD<String, Long> index, long n) {
    this.spark = spark;
    this.idColumn = idColumn;
    this.index = index;
    if (n > Integer.MAX_VALUE - 8) {
      throw new IllegalStateException("graph has " + n + " users: more than an in-memory vector holds");
    }
    this.n = (int) n;
    StructType schema = new StructType().add(idColumn, DataTypes.StringType, false).add(IDX, DataTypes.LongType, false);
    // Cached as rows: every indexEdges broadcast and join reads it, and converting the pairs to
    // rows again each time cost seconds per million users.
    this.rows = spark.createDataFrame(index.map(t -> RowFactory.create(t._1(), t._2())), schema)
        .persist(StorageLevel.MEMORY_AND_DISK());
  }

  /** Indexes the distinct values of {@code idColumn} (runs a sort and a count). */
  public static DenseIndex of(Dataset<Row> vertices, String idColumn) {
    JavaPairRDD<String, Long> index = vertices.select(col(idColumn)).distinct().orderBy(col(idColumn))
        .javaRDD().map(r -> r.getString(0)).zipWithIndex().persist(StorageLevel.MEMORY_AND_DISK());
    return new DenseIndex(vertices.sparkSession(), idColumn, index, index.count());
  }

  public int size() {
    return n;
  }

  /** (idColumn, {@link #IDX}) rows. */
  public Dataset<Row> rows() {
    return rows;
  }

  /** Up to this many users, {@link #indexEdges} broadcasts the index (about 60 MB per million users). */
  public static final int BROADCAST_MAX_USERS = 2_000_000;

  /** Dense id of an edge's source, on {@link #indexEdges}'s output. */
  public static final String SRC_IDX = "_si";
  /** Dense id of an edge's destination, on {@link #indexEdges}'s output. */
  public static final String DST_IDX = "_di";

  /**
   * {@code edges} (string {@link PageRank#SRC} and {@link PageRank#DST}, other
   * columns kept) with the dense ids {@link #SRC_IDX} and {@link #DST_IDX} (int); edges whose ends
   * are not indexed are dropped.
   */
  public Dataset<Row> indexEdges(Dataset<Row> edges) {
    Dataset<Row> src = rows.select(col(idColumn).as("_s"), col(IDX).cast("int").as(SRC_IDX));
    Dataset<Row> dst = rows.select(col(idColumn).as("_d"), col(IDX).cast("int").as(DST_IDX));
    if (n <= BROADCAST_MAX_USERS) {
      // The index is small next to the edges: ship it to every task instead of shuffling the edges twice.
      src = broadcast(src);
      dst = broadcast(dst);
    }
    return edges.join(src, col(PageRank.SRC).equalTo(col("_s")))
        .join(dst, col(PageRank.DST).equalTo(col("_d")))
        .drop("_s", "_d");
  }

  /**
   * {@code rows} with each of the string id {@code columns} replaced by its dense id (int, same
   * name, same place); a row with an id that is not indexed is dropped: that user is not in the
   * graph. Joined as {@link #indexEdges} joins (the index broadcast up to {@link #BROADCAST_MAX_USERS}).
   */
  public Dataset<Row> toDense(Dataset<Row> rows, String... columns) {
    Dataset<Row> out = rows;
    for (int i = 0; i < columns.length; i++) {
      String key = "_k" + i;
      String value = "_v" + i;
      out = out.join(shipped(this.rows.select(col(idColumn).as(key), col(IDX).cast("int").as(value))),
              col(columns[i]).equalTo(col(key)))
          .withColumn(columns[i], col(value)).drop(key, value);
    }
    return out;
  }

  /** {@code rows} with the dense id column {@code column} (int) replaced by the user's id (string, same name). */
  public Dataset<Row> toIds(Dataset<Row> rows, String column) {
    return rows.join(shipped(this.rows.select(col(idColumn).as("_k"), col(IDX).cast("int").as("_v"))),
            col(column).equalTo(col("_v")))
        .withColumn(column, col("_k")).drop("_k", "_v");
  }

  private Dataset<Row> shipped(Dataset<Row> indexRows) {
    return n <= BROADCAST_MAX_USERS ? broadcast(indexRows) : indexRows;
  }

  /**
   * Rows (idColumn, name) with {@code values[idx * stride + offset]} for every user; the values are
   * broadcast once and released by {@link #close()}.
   */
  public Dataset<Row> attach(double[] values, int stride, int offset, String name) {
    Broadcast<double[]> b = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(values);
    broadcasts.add(b);
    JavaRDD<Row> out = index.map(t -> RowFactory.create(t._1(), b.value()[(int) (long) t._2() * stride + offset]));
    return spark.createDataFrame(out, schema(name, DataTypes.DoubleType));
  }

  /**
   * Rows (idColumn, name, rankName) for every user: its value, and its 1-based position when the
   * values are in descending order, ties by dense id (so by idColumn, the order ids were assigned
   * in). The position is computed here, over the array, instead of by a distributed sort of rows.
   */
  public Dataset<Row> attachRanked(double[] values, String name, String rankName) {
    return attachAll(List.of(Values.of(name, values), Values.of(rankName, descendingRanks(values))));
  }

  /** One per-user column for {@link #attachAll}: a double or a long per user (by dense id). */
  public record Values(String name, double[] doubles, long[] longs) implements java.io.Serializable {
    public static Values of(String name, double[] values) {
      return new Values(name, values, null);
    }

    public static Values of(String name, long[] values) {
      return new Values(name, null, values);
    }

    public static Values of(String name, int[] values) {
      long[] longs = new long[values.length];
      for (int i = 0; i < values.length; i++) {
        longs[i] = values[i];
      }
      return of(name, longs);
    }
  }

  /**
   * Rows (idColumn, one column per {@code columns}, in order) for every user: several arrays in one
   * dataset, so that a table built from them joins it once. The arrays are broadcast once and
   * released by {@link #close()}.
   */
  public Dataset<Row> attachAll(List<Values> columns) {
    int k = columns.size();
    List<Broadcast<Object>> arrays = new java.util.ArrayList<>();
    StructType schema = new StructType().add(idColumn, DataTypes.StringType, false);
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    for (Values v : columns) {
      Broadcast<Object> b = jsc.broadcast(v.doubles() != null ? (Object) v.doubles() : v.longs());
      broadcasts.add(b);
      arrays.add(b);
      schema = schema.add(v.name(), v.doubles() != null ? DataTypes.DoubleType : DataTypes.LongType, false);
    }
    JavaRDD<Row> out = index.map(t -> {
      int i = (int) (long) t._2();
      Object[] row = new Object[k + 1];
      row[0] = t._1();
      for (int j = 0; j < k; j++) {
        Object a = arrays.get(j).value();
        row[j + 1] = a instanceof double[] d ? (Object) d[i] : (Object) ((long[]) a)[i];
      }
      return RowFactory.create(row);
    });
    return spark.createDataFrame(out, schema);
  }

  /**
   * 1-based position of each value in descending order ({@link Double#compare}); equal values keep
   * ascending index order. A stable merge sort of the indices as ints: 8 bytes per user beside the
   * result's 8, where sorting boxed indices held about 24 more (an object per user and the sort's
   * buffer), at the influence stage's peak of driver memory.
   */
  public static long[] descendingRanks(double[] values) {
    int n = values.length;
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    int[] merged = new int[n];
    for (long width = 1; width < n; width *= 2) {
      for (long start = 0; start < n; start += 2 * width) {
        int lo = (int) start;
        int mid = (int) Math.min(start + width, n);
        int hi = (int) Math.min(start + 2 * width, n);
        int i = lo;
        int j = mid;
        int k = lo;
        while (i < mid && j < hi) {
          // The right run's value goes first only when strictly larger: ties keep their order.
          merged[k++] = Double.compare(values[order[j]], values[order[i]]) > 0 ? order[j++] : order[i++];
        }
        while (i < mid) {
          merged[k++] = order[i++];
        }
        while (j < hi) {
          merged[k++] = order[j++];
        }
      }
      int[] swap = order;
      order = merged;
      merged = swap;
    }
    long[] rank = new long[n];
    for (int p = 0; p < n; p++) {
      rank[order[p]] = p + 1;
    }
    return rank;
  }

  /**
   * Rows (idColumn, labelColumn, valueColumn) for every user and vector whose rank is at least
   * {@code min}, for ranks of either path: the driver's pages ({@link PageRank.Outcome}, broadcast
   * page by page as they are), or the slices the executors hold (the shuffle path), which are turned
   * into rows where they are and joined to the index by dense id.
   */
  public Dataset<Row> attachVectors(PageRank.Ranks ranks, List<String> labels, double min, String labelColumn,
      String valueColumn) {
    if (ranks instanceof PageRank.Outcome o) {
      return attachPages(o, labels, min, labelColumn, valueColumn);
    }
    PageRank.Distributed d = (PageRank.Distributed) ranks;
    int k = labels.size();
    String[] names = labels.toArray(String[]::new);
    JavaRDD<Row> kept = d.slices().flatMap(s -> {
      java.util.List<Row> rows = new java.util.ArrayList<>();
      double[] v = s.ranks();
      for (int i = 0; i < s.count(); i++) {
        for (int j = 0; j < k; j++) {
          if (v[i * k + j] >= min) {
            rows.add(RowFactory.create((long) (s.start() + i), names[j], v[i * k + j]));
          }
        }
      }
      return rows.iterator();
    });
    StructType schema = new StructType().add(IDX, DataTypes.LongType, false)
        .add(labelColumn, DataTypes.StringType, false).add(valueColumn, DataTypes.DoubleType, false);
    return spark.createDataFrame(kept, schema).join(rows, IDX).select(col(idColumn), col(labelColumn), col(valueColumn));
  }

  private Dataset<Row> attachPages(PageRank.Outcome ranks, List<String> labels, double min, String labelColumn,
      String valueColumn) {
    int k = labels.size();
    String[] names = labels.toArray(String[]::new);
    Broadcast<double[][]> b = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(ranks.pages());
    broadcasts.add(b);
    JavaRDD<Row> out = index.flatMap(t -> {
      java.util.List<Row> rows = new java.util.ArrayList<>(k);
      int idx = (int) (long) t._2();
      double[] page = b.value()[idx >>> RankPages.BITS];
      int base = (idx & RankPages.MASK) * k;
      for (int j = 0; j < k; j++) {
        if (page[base + j] >= min) {
          rows.add(RowFactory.create(t._1(), names[j], page[base + j]));
        }
      }
      return rows.iterator();
    });
    StructType schema = new StructType().add(idColumn, DataTypes.StringType, false)
        .add(labelColumn, DataTypes.StringType, false).add(valueColumn, DataTypes.DoubleType, false);
    return spark.createDataFrame(out, schema);
  }

  /**
   * As {@link #attachRanked}, for the one vector of distributed ranks: the position comes from a
   * distributed sort (value descending, then dense id) instead of a sort on the driver.
   */
  public Dataset<Row> attachRanked(PageRank.Distributed ranks, String name, String rankName) {
    if (ranks.vectors() != 1) {
      throw new IllegalArgumentException("attachRanked: one vector expected, found " + ranks.vectors());
    }
    JavaRDD<Row> values = ranks.slices().flatMap(s -> {
      java.util.List<Row> rows = new java.util.ArrayList<>(s.count());
      for (int i = 0; i < s.count(); i++) {
        rows.add(RowFactory.create((long) (s.start() + i), s.ranks()[i]));
      }
      return rows.iterator();
    });
    StructType schema = new StructType().add(IDX, DataTypes.LongType, false).add(name, DataTypes.DoubleType, false);
    JavaRDD<Row> ranked = spark.createDataFrame(values, schema).orderBy(col(name).desc(), col(IDX)).javaRDD()
        .zipWithIndex().map(t -> RowFactory.create(t._1().getLong(0), t._1().getDouble(1), t._2() + 1));
    StructType out = schema.add(rankName, DataTypes.LongType, false);
    return spark.createDataFrame(ranked, out).join(rows, IDX).select(col(idColumn), col(name), col(rankName));
  }

  /**
   * As {@link #attach(int[], String)}, for core numbers the executors hold (the k-core's shuffle
   * path): the slices are turned into rows where they are and joined to the index by dense id; a
   * user in no slice (no neighbour) gets 0.
   */
  public Dataset<Row> attach(CoreDecomposition.Distributed cores, String name) {
    JavaRDD<Row> values = cores.slices().flatMap(s -> {
      java.util.List<Row> out = new java.util.ArrayList<>(s.cores().length);
      for (int i = 0; i < s.cores().length; i++) {
        out.add(RowFactory.create((long) (s.start() + i), (long) s.cores()[i]));
      }
      return out.iterator();
    });
    StructType schema = new StructType().add(IDX, DataTypes.LongType, false).add(name, DataTypes.LongType, false);
    return rows.join(spark.createDataFrame(values, schema), IDX, "left")
        .select(col(idColumn), org.apache.spark.sql.functions.coalesce(col(name),
            org.apache.spark.sql.functions.lit(0L)).as(name));
  }

  /** As {@link #attach(double[], int, int, String)} for integer values (one per user). */
  public Dataset<Row> attach(int[] values, String name) {
    return attachAll(List.of(Values.of(name, values)));
  }

  private StructType schema(String name, DataType type) {
    return new StructType().add(idColumn, DataTypes.StringType, false).add(name, type, false);
  }

  @Override
  public void close() {
    rows.unpersist(false);
    index.unpersist(false);
    for (Broadcast<?> b : List.copyOf(broadcasts)) {
      b.destroy();
    }
    broadcasts.clear();
  }
}
