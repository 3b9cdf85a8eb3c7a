package io.virage.cli;

import io.virage.config.Settings;
import io.virage.ingest.ValidatedInputs;
import io.virage.jobs.InfluenceStage;
import io.virage.jobs.JobRun;
import io.virage.jobs.RankingStage;
import io.virage.jobs.RunContext;
import io.virage.jobs.ValidateStage;
import io.virage.schema.InputContract.InputDataset;
import org.apache.spark.sql.Dataset;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code rank-ambassadors}: the ranking stage of nightly on its own (after validation), over the
 * influence and sentiment tables already written for the run date. Use it to re-rank with other
 * weights or thresholds without recomputing PageRank or rescoring posts.
 */
@Command(name = "rank-ambassadors", mixinStandardHelpOptions = true,
    description = {"Validate the graph inputs, then rank every brand's ambassadors for the run date from the",
        "influence_scores, brand_influence, post_sentiment and user_brand_sentiment already written for it",
        "(run influence and score-sentiment, or nightly, first) into ambassador_candidates, ambassador_rankings,",
        "ambassador_roster and brand_trust."})
public final class RankAmbassadorsCommand implements Callable<Integer>, WarehouseWriter {
  @Mixin
  CommonOptions common;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Mixin
  RunOptions run;

  @Mixin
  InputOption input;

  @Override
  public Integer call() throws Exception {
    long start = System.nanoTime();
    Settings settings = common.settings();
    SparkSession spark = common.spark("rank-ambassadors");
    RunContext ctx = run.context(spark, settings, input.path, common.warehouse);
    RankingStage.requireUpstream(ctx);
    JobRun jobRun = new JobRun(spark, ctx.lake(), "rank-ambassadors", ctx.runDate(), settings.hash());
    java.util.List<InputDataset> datasets = ValidateStage.withIfPresent(spark, ctx.inputRoot(), InputDataset.graphInputs(),
        java.util.List.of(InputDataset.CONVERSIONS));
    try (AutoCloseable sized = ctx.sizedForInput();
        ValidatedInputs in = jobRun.stage("validate", () -> ValidateStage.run(ctx, datasets))) {
      Dataset<Row> windowed = InfluenceStage.windowed(ctx, in).persist(StorageLevel.MEMORY_AND_DISK());
      try {
        jobRun.stage("ranking", () -> RankingStage.run(ctx, in, windowed));
      } finally {
        windowed.unpersist(false);
      }
    }
    spec.commandLine().getOut().printf("rank-ambassadors %s succeeded in %.1f s (run %s); ambassador_conversions,"
        + " ambassador_candidates, ambassador_rankings, ambassador_roster and brand_trust under %s%n", ctx.runDate(), (System.nanoTime() - start) / 1e9,
        jobRun.runId(), ctx.lake().root());
    return 0;
  }
}
