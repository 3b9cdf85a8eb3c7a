package io.virage.sentiment;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.xxhash64;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * A seeded, exactly stratified held-out split: within each label, rows are ordered by a hash of
 * (text, lang, seed) and the first round(n_label x fraction) are held out. Same rows and seed, same
 * split, on any partitioning. Identical (text, lang, label) rows fall on the same side.
 *
 * <p>In: rows with {@code text}, {@code label}, {@code lang}. Out: the same rows plus
 * {@link #HELD_OUT} (boolean).
 */
public final class StratifiedSplit {
  public static final String HELD_OUT = "_held_out";

  private StratifiedSplit() {}

  public static Dataset<Row> split(Dataset<Row> labelled, double fraction, long seed) {
    WindowSpec byLabel = Window.partitionBy(SentimentModel.LABEL);
    Dataset<Row> ordered = labelled
        .withColumn("_h", xxhash64(col(SentimentModel.TEXT), col(SentimentModel.LANG), lit(seed)))
        .withColumn("_i", row_number().over(byLabel.orderBy(col("_h"), col(SentimentModel.TEXT))))
        .withColumn("_n", count(lit(1)).over(byLabel));
    return ordered.withColumn(HELD_OUT, col("_i").leq(round(col("_n").multiply(fraction))))
        .drop("_h", "_i", "_n");
  }
}
