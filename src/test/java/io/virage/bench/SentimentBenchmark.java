package io.virage.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.signum;
import static org.apache.spark.sql.functions.when;

import io.virage.config.Settings;
import io.virage.demo.DemoGenerator;
import io.virage.jobs.SentimentStage;
import io.virage.jobs.SentimentTraining;
import io.virage.jobs.SparkSessions;
import io.virage.lake.Lakehouse;
import io.virage.schema.OutputTables;
import io.virage.sentiment.BrandMentions;
import io.virage.sentiment.ModelRegistry;
import io.virage.sentiment.SentimentFeatures;
import io.virage.sentiment.SentimentModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Speed of the sentiment lifecycle, on demo data, in one JVM:
 *
 * <ol>
 *   <li>train-sentiment on N demo labelled texts (product defaults: held-out split, 3-fold CV over
 *       the L2 grid, refit, held-out metrics, registry write);
 *   <li>scoring every post of a demo input with that champion: brand tagging, text analysis,
 *       prediction and the Delta merge into post_sentiment (validation not included);
 *   <li>the French lexicon's coverage on the demo's French labelled texts.
 * </ol>
 *
 * <p>{@code java -cp target/virage.jar:target/virage-bench.jar io.virage.bench.SentimentBenchmark INPUT_ROOT [LABELLED_N]}
 * (INPUT_ROOT: a {@code generate-demo} output; LABELLED_N default 100000).
 */
public final class SentimentBenchmark {
  private SentimentBenchmark() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("usage: SentimentBenchmark INPUT_ROOT [LABELLED_N]");
      System.exit(2);
    }
    String input = args[0];
    long n = args.length > 1 ? Long.parseLong(args[1]) : 100_000;
    Path warehouse = Files.createTempDirectory("virage-sentiment-bench");
    Settings settings = Settings.defaults();
    try (SparkSession spark = SparkSessions.getOrCreate("virage-sentiment-bench", warehouse.toString(), Map.of())) {
      Lakehouse lake = new Lakehouse(spark, warehouse.toString());
      ModelRegistry registry = new ModelRegistry(spark, lake);

      Path labels = warehouse.resolve("labels");
      new DemoGenerator(spark, new DemoGenerator.Params(1000, 42, LocalDate.of(2026, 11, 26), 10))
          .sentimentLabels(n).write().parquet(labels.toString());
      long t0 = System.nanoTime();
      SentimentTraining.Outcome trained = SentimentTraining.train(spark, registry, settings.sentiment(),
          labels.toString(), false, new ModelRegistry.Lineage("sentiment-benchmark", "sentiment-benchmark",
              settings.hash(), io.virage.jobs.Version.gitCommit()));
      double trainSeconds = (System.nanoTime() - t0) / 1e9;

      Dataset<Row> posts = io.virage.ingest.InputReader.read(spark, input, io.virage.schema.InputContract.InputDataset.POSTS).filter(col("post_id").isNotNull()
          .and(col("text").isNotNull())).dropDuplicates("post_id");
      Dataset<Row> brands = io.virage.ingest.InputReader.read(spark, input, io.virage.schema.InputContract.InputDataset.BRANDS);
      long postCount = posts.count();
      ModelRegistry.Entry champion = registry.champion().orElseThrow();
      SentimentModel.Trained model = registry.load(champion);
      long t1 = System.nanoTime();
      Dataset<Row> scored = SentimentStage.score(model, champion, BrandMentions.tag(posts, brands),
          LocalDate.of(2026, 11, 26));
      lake.merge(OutputTables.POST_SENTIMENT, scored, List.of(OutputTables.POST_ID));
      double scoreSeconds = (System.nanoTime() - t1) / 1e9;
      long written = lake.read(OutputTables.POST_SENTIMENT).count();

      Dataset<Row> french = SentimentFeatures.add(spark.read().parquet(labels.toString())
          .filter(col("lang").equalTo("fr").and(col("label").isin("negative", "positive"))), "text", "lang", 1.0);
      Row cov = french.agg(count(lit(1)), count(when(col(SentimentFeatures.COMPOUND).notEqual(0), 1)),
          count(when(signum(col(SentimentFeatures.COMPOUND)).equalTo(when(col("label").equalTo("positive"), 1.0)
              .otherwise(-1.0)), 1))).first();

      System.out.println("| step | rows | seconds | rows/s |");
      System.out.println("|---|---:|---:|---:|");
      System.out.printf(Locale.ROOT, "| train-sentiment (split, 3-fold CV x %d L2 values, refit, held-out metrics, registry) | %d | %.1f | %.0f |%n",
          settings.sentiment().regParams().size(), trained.trainingRows() + trained.heldOutRows(), trainSeconds,
          (trained.trainingRows() + trained.heldOutRows()) / trainSeconds);
      System.out.printf(Locale.ROOT, "| score posts (tag brands, analyse, predict, Delta merge) | %d | %.1f | %.0f |%n",
          written, scoreSeconds, written / scoreSeconds);
      System.out.printf(Locale.ROOT, "posts read %d, scored rows in post_sentiment %d; held-out accuracy %.4f%n",
          postCount, written, trained.metrics().accuracy());
      System.out.printf(Locale.ROOT, "French lexicon on %d non-neutral French demo texts: non-zero score %.1f%%,"
              + " sign agrees with the label %.1f%%%n", cov.getLong(0), 100.0 * cov.getLong(1) / cov.getLong(0),
          100.0 * cov.getLong(2) / cov.getLong(0));
    }
  }
}
