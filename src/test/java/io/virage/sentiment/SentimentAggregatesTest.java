package io.virage.sentiment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.virage.SparkTestBase;
import io.virage.schema.OutputTables;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** Metrics, stratified split and the per-(user, brand) aggregate, against hand calculations. */
class SentimentAggregatesTest extends SparkTestBase {
  @Test
  void metricsMatchAHandComputedConfusionMatrix() {
    // truth \ predicted: neg->neg 3, neg->pos 1, pos->pos 4, pos->neg 2, neu->neu 1, neu->pos 1
    List<ClassificationMetrics.Cell> cells = List.of(
        new ClassificationMetrics.Cell("negative", "negative", "en", 3),
        new ClassificationMetrics.Cell("negative", "positive", "en", 1),
        new ClassificationMetrics.Cell("positive", "positive", "fr", 4),
        new ClassificationMetrics.Cell("positive", "negative", "fr", 2),
        new ClassificationMetrics.Cell("neutral", "neutral", "en", 1),
        new ClassificationMetrics.Cell("neutral", "positive", "en", 1));
    ClassificationMetrics m = ClassificationMetrics.fromCells(cells, true);
    assertEquals(12, m.n());
    assertEquals(8.0 / 12, m.accuracy(), 1e-12);
    // negative: P = 3/5, R = 3/4; neutral: P = 1, R = 1/2; positive: P = 4/6, R = 4/6.
    double f1Neg = 2 * 0.6 * 0.75 / 1.35;
    double f1Neu = 2 * 1 * 0.5 / 1.5;
    double f1Pos = 2.0 / 3;
    assertEquals((f1Neg + f1Neu + f1Pos) / 3, m.macroF1(), 1e-12);
    assertEquals(0.6, m.perClass().get("negative").precision(), 1e-12);
    assertEquals(4, m.perClass().get("negative").support());
    assertEquals(List.of(List.of(3L, 0L, 1L), List.of(0L, 1L, 1L), List.of(2L, 0L, 4L)), m.confusion());
    assertEquals(6, m.perLanguage().get("fr").n());
    assertEquals(4.0 / 6, m.perLanguage().get("fr").accuracy(), 1e-12);
    Map<String, Object> json = m.asMap();
    assertEquals(8.0 / 12, (double) json.get("accuracy"), 1e-12);
    // The keys come in one order on every run (the registry's metrics column is compared run to run).
    assertEquals(List.of("precision", "recall", "f1", "support"),
        List.copyOf(((Map<?, ?>) ((Map<?, ?>) json.get("per_class")).get("negative")).keySet()));
    assertEquals(List.of("labels", "rows_true_columns_predicted"),
        List.copyOf(((Map<?, ?>) json.get("confusion_matrix")).keySet()));
    assertEquals(List.of("n", "accuracy", "macro_f1"),
        List.copyOf(((Map<?, ?>) ((Map<?, ?>) json.get("per_language")).get("fr")).keySet()));
  }

  @Test
  void splitIsExactlyStratifiedAndReproducible() {
    StructType schema = new StructType().add("text", DataTypes.StringType).add("label", DataTypes.StringType)
        .add("lang", DataTypes.StringType);
    Object[][] data = new Object[150][];
    for (int i = 0; i < 150; i++) {
      data[i] = new Object[] {"text " + i, i < 100 ? "positive" : "negative", "en"};
    }
    Dataset<Row> labelled = rows(schema, data);
    Dataset<Row> split = StratifiedSplit.split(labelled, 0.2, 7);
    assertEquals(20, split.filter("_held_out AND label = 'positive'").count());
    assertEquals(10, split.filter("_held_out AND label = 'negative'").count());
    assertEquals(sorted(split.filter("_held_out").select("text"), "text"),
        sorted(StratifiedSplit.split(labelled.repartition(3), 0.2, 7).filter("_held_out").select("text"), "text"),
        "same seed, same held-out rows on any partitioning");
  }

  @Test
  void userBrandSentimentIsShrunkTowardNeutral() {
    StructType schema = new StructType().add("author_id", DataTypes.StringType)
        .add("brand_ids", DataTypes.createArrayType(DataTypes.StringType)).add("score", DataTypes.DoubleType)
        .add("label", DataTypes.StringType).add("ts", DataTypes.TimestampType);
    Timestamp t = Timestamp.valueOf("2026-11-01 10:00:00");
    Dataset<Row> posts = rows(schema,
        new Object[] {"u1", List.of("b1"), 0.9, "positive", t},
        new Object[] {"u2", List.of("b1", "b2"), 0.8, "positive", t},
        new Object[] {"u2", List.of("b1"), 0.6, "positive", Timestamp.valueOf("2026-11-02 10:00:00")},
        new Object[] {"u2", List.of("b1"), -0.2, "negative", t},
        new Object[] {"u3", List.of(), 0.9, "positive", t});
    Dataset<Row> out = UserBrandSentiment.aggregate(posts.withColumn("brand_ids",
        posts.col("brand_ids").cast(DataTypes.createArrayType(DataTypes.StringType))), 3, LocalDate.of(2026, 11, 2));
    List<Row> r = sorted(out.select("brand_id", "user_id", "posts", "positive_posts", "negative_posts", "mean_score",
        "sentiment", "confidence", "label", "last_post_ts"), "brand_id", "user_id");
    assertEquals(3, r.size(), "posts without brand give no row");
    // u1, b1: one post 0.9 -> 0.9 / (1 + 3) = 0.225, confidence 1/4.
    assertEquals("u1", r.get(0).getString(1));
    assertEquals(0.225, r.get(0).getDouble(6), 1e-12);
    assertEquals(0.25, r.get(0).getDouble(7), 1e-12);
    // u2, b1: 0.8 + 0.6 - 0.2 = 1.2 over 3 posts: mean 0.4, sentiment 1.2 / 6 = 0.2, confidence 0.5.
    assertEquals(3L, r.get(1).getLong(2));
    assertEquals(2L, r.get(1).getLong(3));
    assertEquals(1L, r.get(1).getLong(4));
    assertEquals(0.4, r.get(1).getDouble(5), 1e-12);
    assertEquals(0.2, r.get(1).getDouble(6), 1e-12);
    assertEquals(0.5, r.get(1).getDouble(7), 1e-12);
    assertEquals("positive", r.get(1).getString(8));
    assertEquals(Timestamp.valueOf("2026-11-02 10:00:00"), r.get(1).getTimestamp(9));
    // u2, b2: 0.8 / 4 = 0.2.
    assertEquals(0.2, r.get(2).getDouble(6), 1e-12);
    assertEquals(OutputTables.USER_BRAND_SENTIMENT.columnNames().size(), out.columns().length);
  }
}
