package io.virage.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count_if;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;

import io.virage.schema.OutputTables.JobRuns;

import io.virage.graph.InteractionGraph;
import io.virage.ingest.ValidatedInputs;
import io.virage.schema.InputContract.Posts;
import io.virage.sentiment.BrandMentions;
import java.sql.Timestamp;
import org.apache.spark.storage.StorageLevel;
import io.virage.schema.InputContract.InputDataset;
import org.apache.spark.sql.Dataset;
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

  /**
   * Posts up to the end of the run date with the brands they are about (BrandMentions): the seeds
   * of brand PageRank, and what the sentiment stage scores. Not cached.
   */
  public static Dataset<Row> taggedPosts(RunContext ctx, ValidatedInputs in) {
    return BrandMentions.tag(in.loaded(InputDataset.POSTS)
            .filter(col(Posts.TS).lt(lit(new Timestamp(InteractionGraph.endOfDay(ctx.runDate()) * 1000)))),
        in.loaded(InputDataset.BRANDS));
  }

  /**
   * Run dates whose latest nightly or backfill run recorded every stage as succeeded: what
   * {@code backfill} skips. A run that failed or was killed leaves its date incomplete.
   */
  public static java.util.Set<java.time.LocalDate> completeDates(io.virage.lake.Lakehouse lake) {
    java.util.Set<java.time.LocalDate> out = new java.util.TreeSet<>();
    Dataset<Row> runs = lake.read(io.virage.schema.OutputTables.JOB_RUNS)
        .filter(col(JobRuns.COMMAND).isin("nightly", "backfill"));
    Dataset<Row> latest = runs.groupBy(io.virage.schema.OutputTables.RUN_DATE, JobRuns.RUN_ID)
        .agg(min(JobRuns.STARTED_AT).as("_start"),
            countDistinct(when(col(JobRuns.STATUS).equalTo("succeeded"), col(JobRuns.STAGE))).as("_ok"),
            count_if(col(JobRuns.STATUS).notEqual("succeeded")).as("_bad"))
        .withColumn("_n", row_number().over(org.apache.spark.sql.expressions.Window
            .partitionBy(io.virage.schema.OutputTables.RUN_DATE).orderBy(col("_start").desc())))
        .filter(col("_n").equalTo(1).and(col("_ok").equalTo(STAGES.size())).and(col("_bad").equalTo(0)));
    latest.select(io.virage.schema.OutputTables.RUN_DATE).collectAsList() // one row per run date
        .forEach(r -> out.add(r.getDate(0).toLocalDate()));
    return out;
  }

  public static void run(RunContext ctx, JobRun run) throws Exception {
    List<InputDataset> datasets = new ArrayList<>(InputDataset.graphInputs());
    datasets.add(InputDataset.SENTIMENT_LABELS);
    datasets = ValidateStage.withIfPresent(ctx.spark(), ctx.inputRoot(), datasets, List.of(InputDataset.CONVERSIONS));
    try (AutoCloseable sized = ctx.sizedForInput()) {
      runStages(ctx, run, datasets);
    }
  }

  private static void runStages(RunContext ctx, JobRun run, List<InputDataset> datasets) throws Exception {
    ValidatedInputs in = run.stage("validate", () -> ValidateStage.run(ctx, datasets));
    // Both read by two stages: cached as the influence stage first reads them.
    Dataset<Row> windowed = InfluenceStage.windowed(ctx, in).persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> taggedPosts = taggedPosts(ctx, in).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      run.stage("influence", () -> InfluenceStage.run(ctx, in, windowed, taggedPosts));
      run.stage("sentiment", () -> SentimentStage.run(ctx, in, taggedPosts, SentimentTraining.lineage(run)));
      run.stage("ranking", () -> RankingStage.run(ctx, in, windowed));
    } finally {
      windowed.unpersist(false);
      taggedPosts.unpersist(false);
      in.close();
    }
  }
}
