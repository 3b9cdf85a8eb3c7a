package io.virage.jobs;

import io.virage.ingest.ValidatedInputs;
import io.virage.schema.InputContract.Dataset;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;

/**
 * {@code nightly}: validate, influence, sentiment, ranking, in order, for one run date. Each stage
 * replaces only the run date's rows of its table, so a rerun of the date gives the same tables.
 */
public final class NightlyJob {
  public static final List<String> STAGES = List.of("validate", "influence", "sentiment", "ranking");

  private NightlyJob() {}

  public static void run(RunContext ctx, JobRun run) throws Exception {
    List<Dataset> datasets = new ArrayList<>(Dataset.graphInputs());
    datasets.add(Dataset.SENTIMENT_LABELS);
    ValidatedInputs in = run.stage("validate", () -> ValidateStage.run(ctx, datasets));
    org.apache.spark.sql.Dataset<Row> windowed = null;
    try {
      windowed = run.stage("influence", () -> InfluenceStage.run(ctx, in));
      run.stage("sentiment", () -> SentimentStage.run(ctx, in));
      org.apache.spark.sql.Dataset<Row> w = windowed;
      run.stage("ranking", () -> RankingStage.run(ctx, in, w));
    } finally {
      if (windowed != null) {
        windowed.unpersist(false);
      }
      in.close();
    }
  }
}
