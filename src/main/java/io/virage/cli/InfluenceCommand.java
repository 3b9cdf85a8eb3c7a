package io.virage.cli;

import io.virage.config.Settings;
import io.virage.ingest.ValidatedInputs;
import io.virage.jobs.InfluenceStage;
import io.virage.jobs.JobRun;
import io.virage.jobs.NightlyJob;
import io.virage.jobs.RunContext;
import io.virage.jobs.ValidateStage;
import io.virage.schema.InputContract.InputDataset;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code influence}: the influence stage of nightly on its own (after validation). */
@Command(name = "influence", mixinStandardHelpOptions = true,
    description = {"Validate the graph inputs, then compute account quality, global PageRank, every brand's",
        "personalized PageRank and core numbers for the run date into influence_scores and brand_influence."})
public final class InfluenceCommand implements Callable<Integer>, WarehouseWriter {
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
    SparkSession spark = common.spark("influence");
    RunContext ctx = run.context(spark, settings, input.path, common.warehouse);
    JobRun jobRun = new JobRun(spark, ctx.lake(), "influence", ctx.runDate(), settings.hash());
    try (AutoCloseable sized = ctx.sizedForInput();
        ValidatedInputs in = jobRun.stage("validate", () -> ValidateStage.run(ctx, InputDataset.graphInputs()))) {
      // Read once each by the stage: not cached.
      jobRun.stage("influence", () -> InfluenceStage.run(ctx, in, InfluenceStage.windowed(ctx, in),
          NightlyJob.taggedPosts(ctx, in)));
    }
    spec.commandLine().getOut().printf("influence %s succeeded in %.1f s (run %s); influence_scores and brand_influence"
        + " under %s%n", ctx.runDate(), (System.nanoTime() - start) / 1e9, jobRun.runId(), ctx.lake().root());
    return 0;
  }
}
