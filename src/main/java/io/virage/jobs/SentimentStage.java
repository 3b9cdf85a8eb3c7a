package io.virage.jobs;

import static org.apache.spark.sql.functions.lit;

import io.virage.ingest.ValidatedInputs;
import io.virage.schema.InputContract.Dataset;
import io.virage.schema.OutputTables;
import io.virage.schema.OutputTables.Sentiment;
import io.virage.sentiment.SentimentClassifier;
import java.sql.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Row;

/**
 * Stage {@code sentiment}: trains the classifier on the input's sentiment_labels and scores every
 * post up to the run date (already tagged with its brands) into {@code post_sentiment}.
 */
public final class SentimentStage {
  private SentimentStage() {}

  /** {@code taggedPosts}: posts up to the run date with their brand_ids (see BrandMentions). */
  public static JobRun.Outcome<Void> run(RunContext ctx, ValidatedInputs in, org.apache.spark.sql.Dataset<Row> taggedPosts) {
    if (!in.has(Dataset.SENTIMENT_LABELS)) {
      throw new IllegalStateException("the sentiment stage needs the sentiment_labels dataset");
    }
    org.apache.spark.sql.Dataset<Row> labels = in.loaded(Dataset.SENTIMENT_LABELS);
    SentimentClassifier.Trained model = SentimentClassifier.train(labels, ctx.settings().sentiment());
    org.apache.spark.sql.Dataset<Row> scored = SentimentClassifier.score(model, taggedPosts)
        .withColumn(Sentiment.MODEL_VERSION, lit(model.version()))
        .withColumn(OutputTables.RUN_DATE, lit(Date.valueOf(ctx.runDate())));
    ctx.lake().replaceRunDate(OutputTables.POST_SENTIMENT, scored, ctx.runDate());
    long written = ctx.lake().lastCommitOutputRows(OutputTables.POST_SENTIMENT);
    Map<String, Object> details = new LinkedHashMap<>(model.metrics());
    details.put("model_version", model.version());
    return new JobRun.Outcome<>(null, in.counts(Dataset.POSTS).loaded(), written, details);
  }
}
