package io.virage.cli;

import io.virage.jobs.Pipeline;
import io.virage.jobs.RunContext;
import io.virage.jobs.ValidateStage;
import io.virage.schema.InputContract.InputDataset;
import io.virage.schema.OutputTables;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code validate}: checks the input contract, quarantines bad rows, prints counts that reconcile. */
@Command(name = "validate", mixinStandardHelpOptions = true,
    description = {"Check the input against the contract; write bad rows to the quarantine table for the run date;",
        "print read = loaded + quarantined per dataset and reason. sentiment_labels is checked when present."})
public final class ValidateCommand extends StageCommand {
  @Override
  public Integer call() throws Exception {
    RunContext ctx = context("validate");
    List<InputDataset> datasets = ValidateStage.withIfPresent(ctx.spark(), input.path, InputDataset.graphInputs(),
        InputDataset.optionalInputs());
    Pipeline.Done done = new Pipeline(ctx, "validate").run(datasets, List.of());
    PrintWriter out = out();
    out.printf("%-18s %12s %12s %12s  %s%n", "dataset", "read", "loaded", "quarantined", "reasons");
    done.counts().forEach((d, c) -> out.printf("%-18s %12d %12d %12d  %s%n", d.folder(), c.read(), c.loaded(),
        c.quarantined(), c.reasons().isEmpty() ? "-" : c.reasons()));
    out.printf("quarantined rows are in %s (run_date = %s)%n", ctx.lake().path(OutputTables.QUARANTINE), ctx.runDate());
    return 0;
  }
}
