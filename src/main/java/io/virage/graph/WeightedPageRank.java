package io.virage.graph;

import io.virage.graph.engine.DenseIndex;
import io.virage.graph.engine.PageRank;
import io.virage.schema.OutputTables.Influence;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Weighted PageRank, the textbook definition (so that it can be checked against networkx):
 * <pre>
 *   r_0(v)     = 1 / N
 *   r_{k+1}(v) = (1 - d) / N + d * ( sum_{u -> v} r_k(u) * w(u,v) / W(u)  +  D_k / N )
 *   W(u)       = sum of the weights of u's out-edges;  D_k = sum of r_k(u) over dangling u (W(u) = 0)
 *   stop when sum_v |r_{k+1}(v) - r_k(v)| < tolerance, or after maxIter iterations
 * </pre>
 * Dangling mass is spread uniformly, so ranks always sum to 1. Self-loops are ordinary edges and
 * parallel edges add up. This class is the engine's ({@link PageRank}) one-vector, uniform-teleport
 * use on the driver, with ids and ranks as rows.
 *
 * <p>In: {@code vertices} with a string column {@code idColumn}; {@code edges} with string
 * {@link InteractionGraph#SRC}, {@link InteractionGraph#DST} and double {@link InteractionGraph#WEIGHT}.
 * Out: {@link Result#ranks()} with {@code idColumn} and {@link #PAGERANK} (double), one row per
 * vertex, computed from cached state: close the result after use.
 */
public final class WeightedPageRank {
  /** The ranks' column: influence_scores' name for them. */
  public static final String PAGERANK = Influence.PAGERANK;

  /** Ranks, iterations run and the last L1 change; {@link #close()} releases the cached state. */
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
  private int partitions = 0;

  /** In (0, 1), checked by {@link PageRank#damping}. */
  public WeightedPageRank damping(double d) {
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

  /** Edge partitions (0 = Spark's default parallelism). */
  public WeightedPageRank partitions(int p) {
    this.partitions = p;
    return this;
  }

  public Result run(Dataset<Row> vertices, String idColumn, Dataset<Row> edges) {
    DenseIndex index = DenseIndex.of(vertices, idColumn);
    if (index.size() == 0) {
      index.close();
      StructType schema = new StructType().add(idColumn, DataTypes.StringType, false)
          .add(PAGERANK, DataTypes.DoubleType, false);
      return new Result(vertices.sparkSession().createDataFrame(List.of(), schema), 0, 0.0, () -> {});
    }
    int p = partitions > 0 ? partitions : vertices.sparkSession().sparkContext().defaultParallelism();
    try (PageRank.Layout graph = PageRank.layout(index, edges, p)) {
      PageRank.Outcome o = (PageRank.Outcome) PageRank.on(graph).damping(damping).tolerance(tolerance)
          .maxIterations(maxIter).propagation("broadcast").named("weighted pagerank").run();
      return new Result(index.attach(o.ranks(), 1, 0, PAGERANK), o.iterations(), o.residual(), index::close);
    }
  }
}
