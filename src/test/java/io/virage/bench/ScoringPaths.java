package io.virage.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.virage.jobs.SparkSessions;
import io.virage.lake.Lakehouse;
import io.virage.sentiment.ModelRegistry;
import io.virage.sentiment.SentimentFeatures;
import io.virage.sentiment.SentimentModel;
import io.virage.sentiment.TextAnalysis;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Scoring's CPU per post on one core, two ways, on the same cached posts: the champion's saved
 * pipeline run stage by stage ({@code PipelineModel.transform}) and Virage's scoring
 * ({@code SentimentModel.predict}, whose features are fused when the pipeline has the shape it
 * knows). Both print a checksum (posts scored, sum of the first class's probability and of the
 * predicted class index over scored posts): they must agree to the last digit. Three rounds each,
 * alternated, so that neither pays alone for compiling the code.
 *
 * <p>{@code java -cp target/virage.jar:target/virage-bench.jar io.virage.bench.ScoringPaths WAREHOUSE POSTS [N]}
 * (WAREHOUSE holds a champion model, e.g. after a {@code nightly}; POSTS a posts Parquet folder; N
 * posts, default 200000). Runs in {@code local[1]}.
 */
public final class ScoringPaths {
  private ScoringPaths() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: ScoringPaths WAREHOUSE POSTS [N]");
      System.exit(2);
    }
    int n = args.length > 2 ? Integer.parseInt(args[2]) : 200_000;
    try (SparkSession spark = SparkSessions.getOrCreate("virage-scoring-paths", args[0],
        Map.of("spark.master", "local[1]"))) {
      ModelRegistry registry = new ModelRegistry(spark, new Lakehouse(spark, args[0]));
      SentimentModel.Trained model = registry.load(registry.champion().orElseThrow());
      Dataset<Row> posts = spark.read().parquet(args[1]).select("text", "lang").limit(n).cache();
      long rows = posts.count();
      Column scored = col(SentimentFeatures.LANG).isin(TextAnalysis.SUPPORTED.toArray());
      String first = model.classes().get(0);
      for (int round = 1; round <= 3; round++) {
        long t0 = System.nanoTime();
        Row staged = model.pipeline().transform(posts).agg(count(when(scored, 1)),
            sum(when(scored, org.apache.spark.ml.functions.vector_to_array(col("_probability"), "float64").getItem(0))),
            sum(when(scored, col("_prediction")))).first();
        long t1 = System.nanoTime();
        Row virage = SentimentModel.predict(model, posts, "text", "lang").agg(count(when(scored, 1)),
            sum(col("p_" + first)), sum(when(scored, org.apache.spark.sql.functions.array_position(
                org.apache.spark.sql.functions.array(model.classes().stream().map(org.apache.spark.sql.functions::lit)
                    .toArray(Column[]::new)), col(SentimentModel.PREDICTED)).minus(1)))).first();
        long t2 = System.nanoTime();
        System.out.printf("round %d, %d posts: stage by stage %.1f us/post %s | predict %.1f us/post %s%n", round, rows,
            (t1 - t0) / 1e3 / rows, staged, (t2 - t1) / 1e3 / rows, virage);
      }
    }
  }
}
