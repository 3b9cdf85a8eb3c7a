package io.virage.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.virage.graph.InteractionGraph;
import io.virage.ingest.ValidatedInputs;
import io.virage.schema.InputContract.InputDataset;
import io.virage.schema.InputContract.Posts;
import io.virage.schema.OutputTables;
import io.virage.schema.OutputTables.Sentiment;
import io.virage.sentiment.ModelRegistry;
import io.virage.sentiment.SentimentFeatures;
import io.virage.sentiment.SentimentModel;
import io.virage.sentiment.UserBrandSentiment;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * Stage {@code sentiment} (also command {@code score-sentiment}): the champion model scores the
 * posts up to the run date that it has not scored yet, merged into {@code post_sentiment} by
 * post_id (a new champion therefore rescores every post once); then {@code user_brand_sentiment}
 * is rebuilt for the run date from all scored posts up to it.
 *
 * <p>With no champion yet, the pipeline runs {@link #trainFirstModel} first, as its own
 * {@code train-sentiment} stage: a first model trained on the input's {@code sentiment_labels}
 * (when the input has them) becomes champion; otherwise that stage fails and says to run
 * {@code train-sentiment}.
 */
public final class SentimentStage {
  private SentimentStage() {}

  /** Whether the warehouse's registry has no champion yet: the sentiment stage needs a first model. */
  public static boolean needsFirstModel(RunContext ctx) {
    return new ModelRegistry(ctx.spark(), ctx.lake()).champion().isEmpty();
  }

  /**
   * Stage {@code train-sentiment} of a run whose registry is empty: trains version 1 on the input's
   * sentiment_labels (as the command does, without --promote; the first version becomes champion).
   */
  public static JobRun.Outcome<Void> trainFirstModel(RunContext ctx, ValidatedInputs in, ModelRegistry.Lineage lineage)
      throws java.io.IOException {
    if (!in.has(InputDataset.SENTIMENT_LABELS)) {
      throw new IllegalStateException("no champion sentiment model in " + ctx.lake().root()
          + " and no sentiment_labels in the input: run train-sentiment --labels PATH first");
    }
    String labels = new org.apache.hadoop.fs.Path(ctx.inputRoot(), InputDataset.SENTIMENT_LABELS.folder()).toString();
    SentimentTraining.Outcome t = SentimentTraining.train(ctx.spark(), new ModelRegistry(ctx.spark(), ctx.lake()),
        ctx.settings().sentiment(), labels, false, lineage);
    return new JobRun.Outcome<>(null, t.read(), t.trainingRows(), t.details());
  }

  /**
   * Reads the champion and the posts it already scored, scores the rest ({@link #unscored},
   * {@link #score}) into post_sentiment, then aggregates every scored post up to the run date into
   * user_brand_sentiment ({@link UserBrandSentiment#aggregate}). {@code taggedPosts}: posts up to the
   * run date with their brand_ids (see BrandMentions). post_sentiment is the stage's state (scoring
   * is incremental): the aggregation reads it back after the merge, so a rerun, which has nothing
   * new to score, aggregates the very rows of the first run, in the same order, to the same bits.
   */
  public static JobRun.Outcome<Void> run(RunContext ctx, ValidatedInputs in, Dataset<Row> taggedPosts)
      throws java.io.IOException {
    ModelRegistry registry = new ModelRegistry(ctx.spark(), ctx.lake());
    ModelRegistry.Entry entry = registry.champion().orElseThrow(() -> new IllegalStateException(
        "no champion sentiment model in " + ctx.lake().root() + ": run train-sentiment --labels PATH first"));
    SentimentModel.Trained model = registry.load(entry);
    Dataset<Row> scoredByChampion = ctx.lake().read(OutputTables.POST_SENTIMENT)
        .filter(col(Sentiment.MODEL_VERSION).equalTo(entry.version())).select(OutputTables.POST_ID);
    Map<String, Object> details = new LinkedHashMap<>();
    // Cached: counted, then scored.
    Dataset<Row> toScore = unscored(taggedPosts, scoredByChampion).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      long newPosts = toScore.count();
      if (newPosts > 0) {
        ctx.lake().merge(OutputTables.POST_SENTIMENT, score(model, entry, toScore, ctx.runDate()),
            List.of(OutputTables.POST_ID));
      }
      Dataset<Row> history = ctx.lake().read(OutputTables.POST_SENTIMENT)
          .filter(col(Sentiment.TS).lt(lit(new Timestamp(InteractionGraph.endOfDay(ctx.runDate()) * 1000))));
      ctx.lake().replaceRunDate(OutputTables.USER_BRAND_SENTIMENT,
          UserBrandSentiment.aggregate(history, ctx.settings().sentiment().priorPosts(), ctx.runDate()), ctx.runDate());
      details.put("model_version", entry.version());
      details.put("posts_scored_now", newPosts);
      details.putAll(languageFigures(history));
      details.put("user_brand_rows", ctx.lake().lastCommitOutputRows(OutputTables.USER_BRAND_SENTIMENT));
      return new JobRun.Outcome<>(null, in.counts(InputDataset.POSTS).loaded(), newPosts, details);
    } finally {
      toScore.unpersist(false);
    }
  }

  /** The tagged posts whose post_id is not among {@code scored} (post_sentiment's post_id column). Pure. */
  public static Dataset<Row> unscored(Dataset<Row> taggedPosts, Dataset<Row> scored) {
    return taggedPosts.join(scored, taggedPosts.col(Posts.POST_ID).equalTo(scored.col(OutputTables.POST_ID)),
        "left_anti");
  }

  /**
   * Posts up to the run date per language ({@code posts_by_language}), and those with no sentiment
   * because the model does not analyse their language ({@code unsupported_posts_by_language}). One
   * aggregation; the driver sees a row per language.
   */
  public static Map<String, Object> languageFigures(Dataset<Row> postSentiment) {
    Map<String, Long> all = new java.util.TreeMap<>();
    Map<String, Long> unsupported = new java.util.TreeMap<>();
    for (Row r : postSentiment.groupBy(col(Sentiment.LANG)).agg(org.apache.spark.sql.functions.count(lit(1)),
        org.apache.spark.sql.functions.count(col(Sentiment.LABEL))).collectAsList()) { // one row per language
      String lang = r.isNullAt(0) ? "unknown" : r.getString(0);
      all.put(lang, r.getLong(1));
      if (r.getLong(2) < r.getLong(1)) {
        unsupported.put(lang, r.getLong(1) - r.getLong(2));
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("posts_by_language", all);
    out.put("unsupported_posts_by_language", unsupported);
    return out;
  }

  /**
   * Rows of {@code post_sentiment} for {@code taggedPosts} (posts with brand_ids) scored by the
   * registered model {@code entry}. Pure: no action, no write.
   */
  public static Dataset<Row> score(SentimentModel.Trained model, ModelRegistry.Entry entry,
      Dataset<Row> taggedPosts, java.time.LocalDate runDate) {
    return SentimentModel.predict(model, taggedPosts, Posts.TEXT, Posts.LANG)
        .withColumn(Sentiment.LANG, col(SentimentFeatures.LANG))
        .withColumn(Sentiment.LEXICON_COMPOUND, col("lexicon_compound"))
        .withColumn(Sentiment.LABEL, col(SentimentModel.PREDICTED))
        .withColumn(Sentiment.P_NEGATIVE, probability(entry.classes(), "negative"))
        .withColumn(Sentiment.P_NEUTRAL, probability(entry.classes(), "neutral"))
        .withColumn(Sentiment.P_POSITIVE, probability(entry.classes(), "positive"))
        .withColumn(Sentiment.MODEL_VERSION, lit(entry.version()))
        .withColumn(Sentiment.SCORED_RUN_DATE, lit(Date.valueOf(runDate)));
  }

  private static org.apache.spark.sql.Column probability(List<String> classes, String name) {
    return classes.contains(name) ? col("p_" + name) : lit(null).cast("double");
  }
}
