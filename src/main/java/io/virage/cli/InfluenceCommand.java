package io.virage.cli;

import io.virage.jobs.Pipeline;
import io.virage.jobs.RunContext;
import io.virage.schema.InputContract.InputDataset;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code influence}: the influence stage of nightly on its own (after validation). */
@Command(name = "influence", mixinStandardHelpOptions = true,
    description = {"Validate the graph inputs, then compute account quality, global PageRank, every brand's",
        "personalized PageRank and core numbers for the run date into influence_scores and brand_influence."})
public final class InfluenceCommand extends StageCommand {
  @Override
  public Integer call() throws Exception {
    long start = System.nanoTime();
    RunContext ctx = context("influence");
    Pipeline.Done done = new Pipeline(ctx, "influence").run(InputDataset.graphInputs(), List.of(Pipeline.Stage.INFLUENCE));
    out().printf("influence %s succeeded in %.1f s (run %s); influence_scores and brand_influence"
        + " under %s%n", ctx.runDate(), (System.nanoTime() - start) / 1e9, done.runId(), ctx.lake().root());
    return 0;
  }
}
