package io.virage.cli;

import io.virage.config.Settings;
import io.virage.ingest.ValidatedInputs;
import io.virage.jobs.JobRun;
import io.virage.jobs.NightlyJob;
import io.virage.jobs.RunContext;
import io.virage.jobs.SentimentStage;
import io.virage.jobs.SentimentTraining;
import io.virage.jobs.ValidateStage;
import io.virage.schema.InputContract.InputDataset;
import org.apache.spark.sql.Dataset;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code score-sentiment}: the sentiment stage of nightly on its own. */
@Command(name = "score-sentiment", mixinStandardHelpOptions = true,
    description = {"Score with the champion model the posts up to the run date it has not scored yet (post_sentiment),",
        "then rebuild user_brand_sentiment for the run date. Validates users, posts and brands first."})
public final class ScoreSentimentCommand implements Callable<Integer>, WarehouseWriter {
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
    Settings settings = common.settings();
    SparkSession spark = common.spark("score-sentiment");
    RunContext ctx = run.context(spark, settings, input.path, common.warehouse);
    List<InputDataset> datasets = ValidateStage.withLabelsIfPresent(spark, input.path, List.of(InputDataset.USERS, InputDataset.POSTS, InputDataset.BRANDS));
    JobRun jobRun = new JobRun(spark, ctx.lake(), "score-sentiment", ctx.runDate(), settings.hash());
    try (AutoCloseable sized = ctx.sizedForInput();
        ValidatedInputs in = jobRun.stage("validate", () -> ValidateStage.run(ctx, datasets))) {
      Dataset<Row> tagged = NightlyJob.taggedPosts(ctx, in);
      long scored = jobRun.stage("sentiment", () -> {
        JobRun.Outcome<Void> o = SentimentStage.run(ctx, in, tagged, SentimentTraining.lineage(jobRun));
        return new JobRun.Outcome<>(o.rowsOut(), o.rowsIn(), o.rowsOut(), o.details());
      });
      spec.commandLine().getOut().printf("score-sentiment %s: %d posts scored now; post_sentiment and"
          + " user_brand_sentiment under %s%n", ctx.runDate(), scored, ctx.lake().root());
    }
    return 0;
  }
}
