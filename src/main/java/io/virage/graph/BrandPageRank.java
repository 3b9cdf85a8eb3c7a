package io.virage.graph;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;

import io.virage.graph.engine.DenseIndex;
import io.virage.graph.engine.PageRank;
import io.virage.schema.InputContract.Users;
import io.virage.schema.OutputTables;
import io.virage.schema.OutputTables.BrandInfluence;
import io.virage.schema.OutputTables.Influence;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Personalized PageRank of every brand in one pass: the brands' seed distributions
 * ({@link BrandSeeds}) become the teleport vectors of one {@link PageRank} run with one
 * rank vector per brand, so each iteration reads the edges once for all brands (TwitterRank-style
 * topic-sensitive influence: the same person ranks differently for different brands).
 */
public final class BrandPageRank {
  /** Brands that have seeds, in vector order, and their teleport distributions. */
  public record Seeds(List<String> brands, PageRank.Teleport teleport) {
    public boolean isEmpty() {
      return brands.isEmpty();
    }
  }

  private BrandPageRank() {}

  /** Maps seed rows (brand_id, user_id, seed_weight) to dense ids; weights renormalised per brand. */
  public static Seeds seeds(DenseIndex index, Dataset<Row> seedRows) {
    // Bounded by the number of (brand, seed user) pairs, which the driver holds as teleport vectors anyway.
    List<Row> rows = seedRows.join(index.rows(), Users.USER_ID)
        .select(col(OutputTables.BRAND_ID), col(DenseIndex.IDX), col(BrandSeeds.WEIGHT))
        .orderBy(OutputTables.BRAND_ID, DenseIndex.IDX).collectAsList();
    List<String> brands = new ArrayList<>();
    List<int[]> nodes = new ArrayList<>();
    List<double[]> weights = new ArrayList<>();
    int i = 0;
    while (i < rows.size()) {
      String brand = rows.get(i).getString(0);
      int j = i;
      while (j < rows.size() && rows.get(j).getString(0).equals(brand)) {
        j++;
      }
      int[] ids = new int[j - i];
      double[] w = new double[j - i];
      double total = 0;
      for (int r = i; r < j; r++) {
        ids[r - i] = (int) rows.get(r).getLong(1);
        w[r - i] = rows.get(r).getDouble(2);
        total += w[r - i];
      }
      for (int r = 0; r < w.length; r++) {
        w[r] /= total;
      }
      brands.add(brand);
      nodes.add(ids);
      weights.add(w);
      i = j;
    }
    return new Seeds(brands, new PageRank.Teleport(nodes.toArray(int[][]::new), weights.toArray(double[][]::new)));
  }

  /** The {@code brand_influence} rows of a run: ranks of at least {@code minRank}, rank per brand, seed weight. */
  public static Dataset<Row> rows(DenseIndex index, PageRank.Ranks ranks, Seeds seeds, Dataset<Row> seedRows,
      double minRank, LocalDate runDate) {
    Dataset<Row> kept = index.attachVectors(ranks, seeds.brands(), minRank, OutputTables.BRAND_ID,
        Influence.PAGERANK);
    return kept.join(seedRows, new String[] {OutputTables.BRAND_ID, Users.USER_ID}, "left")
        .withColumn(BrandInfluence.SEED_WEIGHT, coalesce(col(BrandSeeds.WEIGHT), lit(0.0)))
        .withColumn(BrandInfluence.BRAND_RANK, row_number().over(Window.partitionBy(OutputTables.BRAND_ID)
            .orderBy(col(Influence.PAGERANK).desc(), col(Users.USER_ID))).cast("long"))
        .withColumn(OutputTables.RUN_DATE, lit(Date.valueOf(runDate)));
  }
}
