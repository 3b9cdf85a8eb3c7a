package io.virage.cli;

import io.virage.config.Settings;
import io.virage.ingest.ValidatedInputs;
import io.virage.jobs.JobRun;
import io.virage.jobs.RunContext;
import io.virage.jobs.ValidateStage;
import io.virage.schema.InputContract.InputDataset;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code validate}: checks the input contract, quarantines bad rows, prints counts that reconcile. */
@Command(name = "validate", mixinStandardHelpOptions = true,
    description = {"Check the input against the contract; write bad rows to the quarantine table for the run date;",
        "print read = loaded + quarantined per dataset and reason. sentiment_labels is checked when present."})
public final class ValidateCommand implements Callable<Integer>, WarehouseWriter {
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
    SparkSession spark = common.spark("validate");
    RunContext ctx = run.context(spark, settings, input.path, common.warehouse);
    List<InputDataset> datasets = ValidateStage.withIfPresent(spark, input.path, InputDataset.graphInputs(),
        InputDataset.optionalInputs());
    JobRun jobRun = new JobRun(spark, ctx.lake(), "validate", ctx.runDate(), settings.hash());
    try (AutoCloseable sized = ctx.sizedForInput();
        ValidatedInputs in = jobRun.stage("validate", () -> ValidateStage.run(ctx, datasets))) {
      spec.commandLine().getOut().printf("%-18s %12s %12s %12s  %s%n", "dataset", "read", "loaded", "quarantined", "reasons");
      for (InputDataset d : datasets) {
        ValidatedInputs.Counts c = in.counts(d);
        spec.commandLine().getOut().printf("%-18s %12d %12d %12d  %s%n", d.folder(), c.read(), c.loaded(), c.quarantined(),
            c.reasons().isEmpty() ? "-" : c.reasons());
      }
      spec.commandLine().getOut().printf("quarantined rows are in %s (run_date = %s)%n",
          ctx.lake().path(io.virage.schema.OutputTables.QUARANTINE), ctx.runDate());
    }
    return 0;
  }
}
