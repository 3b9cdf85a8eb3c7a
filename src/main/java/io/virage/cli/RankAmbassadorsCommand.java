package io.virage.cli;

import io.virage.jobs.Pipeline;
import io.virage.jobs.RunContext;
import io.virage.jobs.ValidateStage;
import io.virage.schema.InputContract.InputDataset;
import java.util.List;
import picocli.CommandLine.Command;

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
public final class RankAmbassadorsCommand extends StageCommand {
  @Override
  public Integer call() throws Exception {
    long start = System.nanoTime();
    RunContext ctx = context("rank-ambassadors");
    List<InputDataset> datasets = ValidateStage.withIfPresent(ctx.spark(), ctx.inputRoot(), InputDataset.graphInputs(),
        List.of(InputDataset.CONVERSIONS));
    Pipeline.Done done = new Pipeline(ctx, "rank-ambassadors").run(datasets, List.of(Pipeline.Stage.RANKING));
    out().printf("rank-ambassadors %s succeeded in %.1f s (run %s); ambassador_conversions,"
        + " ambassador_candidates, ambassador_rankings, ambassador_roster and brand_trust under %s%n", ctx.runDate(),
        (System.nanoTime() - start) / 1e9, done.runId(), ctx.lake().root());
    return 0;
  }
}
