package io.virage.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import io.virage.config.Settings;
import io.virage.jobs.SparkSessions;
import io.virage.sentiment.ClassificationMetrics;
import io.virage.sentiment.NgramBaseline;
import io.virage.sentiment.SentimentFeatures;
import io.virage.sentiment.SentimentModel;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.storage.StorageLevel;

/**
 * Sentiment quality on real labelled text nobody here wrote: the UCI Sentiment Labelled Sentences
 * (Kotzias et al., KDD 2015; amazon, imdb, yelp, 1,000 sentences each, 2 classes), as shipped in
 * the test fixtures of the npm package {@code sentiment} 5.0.2 ({@code npm pack sentiment@5.0.2},
 * {@code package/test/fixtures/<domain>.json}).
 *
 * <p>Three figures, each for the lexicon scorer alone, the plain n-gram baseline and the product's
 * model: leave-one-domain-out accuracy (train on two domains, test on the third) and stratified
 * k-fold cross-validated accuracy on all 3,000.
 *
 * <p>{@code java -cp target/virage.jar:target/virage-bench.jar io.virage.bench.SentimentQuality FIXTURES_DIR [FOLDS [KEY=VALUE ...]]}
 */
public final class SentimentQuality {
  public static final List<String> DOMAINS = List.of("amazon", "imdb", "yelp");

  /** One evaluation: accuracy of the three scorers on one test set. */
  public record Result(String testSet, long n, double lexicon, double baseline, double model) {}

  private SentimentQuality() {}

  /**
   * The UCI sentences as (domain, text, label, lang="en"); labels "negative"/"positive". The
   * fixtures end with an empty {@code {"text":"","class":null}} entry, which is left out.
   */
  public static Dataset<Row> load(SparkSession spark, File dir) {
    Dataset<Row> all = null;
    for (String domain : DOMAINS) {
      File f = new File(dir, domain + ".json");
      if (!f.isFile()) {
        throw new IllegalArgumentException("UCI fixture " + f + ": not found (npm pack sentiment@5.0.2)");
      }
      Dataset<Row> d = spark.read().option("multiLine", true).json(f.getPath())
          .filter(col("class").isNotNull())
          .select(lit(domain).as("domain"), col("text").as(SentimentModel.TEXT),
              when(col("class").equalTo(1), "positive").otherwise("negative").as(SentimentModel.LABEL),
              lit("en").as(SentimentModel.LANG));
      all = all == null ? d : all.unionByName(d);
    }
    return all.withColumn("_row", monotonically_increasing_id());
  }

  /** Train on the other domains, test on each one. */
  public static List<Result> leaveOneDomainOut(Dataset<Row> uci, Settings.Sentiment s) {
    List<Result> out = new ArrayList<>();
    for (String domain : DOMAINS) {
      out.add(evaluate(domain, uci.filter(col("domain").notEqual(domain)), uci.filter(col("domain").equalTo(domain)), s));
    }
    return out;
  }

  /** Stratified k-fold cross-validation on all rows; accuracies pooled over the folds. */
  public static Result crossValidated(Dataset<Row> uci, Settings.Sentiment s, int folds) {
    Dataset<Row> withFold = uci.withColumn("_fold", pmod(row_number().over(Window.partitionBy(SentimentModel.LABEL)
        .orderBy(xxhash64(col("_row"), lit(s.seed())), col("_row"))), lit(folds)))
        .persist(StorageLevel.MEMORY_AND_DISK());
    long n = 0;
    double lex = 0;
    double base = 0;
    double model = 0;
    for (int k = 0; k < folds; k++) {
      Result r = evaluate("fold " + k, withFold.filter(col("_fold").notEqual(k)), withFold.filter(col("_fold").equalTo(k)), s);
      n += r.n();
      lex += r.lexicon() * r.n();
      base += r.baseline() * r.n();
      model += r.model() * r.n();
    }
    withFold.unpersist(false);
    return new Result(folds + "-fold CV, all domains", n, lex / n, base / n, model / n);
  }

  private static Result evaluate(String name, Dataset<Row> train, Dataset<Row> test, Settings.Sentiment s) {
    long t0 = System.nanoTime();
    SentimentModel.Trained model = SentimentModel.fit(train, s);
    System.err.printf(Locale.ROOT, "%s: model fitted in %.1f s, %s%n", name, (System.nanoTime() - t0) / 1e9, model.params());
    Dataset<Row> predicted = SentimentModel.predict(model, test, SentimentModel.TEXT, SentimentModel.LANG)
        .withColumn("_lexicon_label", SentimentFeatures.lexiconLabel(col("lexicon_compound"), false))
        .persist(StorageLevel.MEMORY_AND_DISK());
    ClassificationMetrics m = ClassificationMetrics.of(predicted, SentimentModel.LABEL, SentimentModel.PREDICTED,
        SentimentModel.LANG);
    ClassificationMetrics lex = ClassificationMetrics.of(predicted, SentimentModel.LABEL, "_lexicon_label",
        SentimentModel.LANG);
    predicted.unpersist(false);
    NgramBaseline.Fitted baseline = NgramBaseline.fit(train, 0.01, s.numFeatures(), s.maxIterations());
    ClassificationMetrics b = ClassificationMetrics.of(NgramBaseline.predict(baseline, test), SentimentModel.LABEL,
        SentimentModel.PREDICTED, SentimentModel.LANG);
    Result r = new Result(name, m.n(), lex.accuracy(), b.accuracy(), m.accuracy());
    System.err.println(r);
    return r;
  }

  /** KEY=VALUE arguments after the first two are configuration overrides (as with --set). */
  private static java.util.Map<String, String> overrides(String[] args) {
    java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
    for (int i = 2; i < args.length; i++) {
      String[] kv = args[i].split("=", 2);
      m.put(kv[0], kv[1]);
    }
    return m;
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("usage: SentimentQuality FIXTURES_DIR [FOLDS [KEY=VALUE ...]]");
      System.exit(2);
    }
    int folds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    Settings.Sentiment s = Settings.load(java.util.Optional.empty(), overrides(args)).sentiment();
    try (SparkSession spark = SparkSessions.getOrCreate("virage-sentiment-quality", System.getProperty("java.io.tmpdir") + "/virage-bench-warehouse", java.util.Map.of("spark.sql.shuffle.partitions", "4"))) {
      Dataset<Row> uci = load(spark, new File(args[0])).persist(StorageLevel.MEMORY_AND_DISK());
      long t0 = System.nanoTime();
      List<Result> rows = new ArrayList<>(leaveOneDomainOut(uci, s));
      double mean = rows.stream().mapToDouble(Result::model).average().orElse(Double.NaN);
      rows.add(crossValidated(uci, s, folds));
      System.out.println("| test set | n | lexicon scorer | n-gram baseline | Virage model |");
      System.out.println("|---|---:|---:|---:|---:|");
      for (Result r : rows) {
        System.out.printf(Locale.ROOT, "| %s | %d | %.3f | %.3f | %.3f |%n", r.testSet(), r.n(), r.lexicon(),
            r.baseline(), r.model());
      }
      System.out.printf(Locale.ROOT, "leave-one-domain-out mean accuracy of the model: %.3f; %.1f s%n", mean,
          (System.nanoTime() - t0) / 1e9);
    }
  }
}
