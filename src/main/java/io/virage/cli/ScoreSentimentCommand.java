package io.virage.cli;

import io.virage.jobs.Pipeline;
import io.virage.jobs.RunContext;
import io.virage.jobs.ValidateStage;
import io.virage.schema.InputContract.InputDataset;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code score-sentiment}: the sentiment stage of nightly on its own. */
@Command(name = "score-sentiment", mixinStandardHelpOptions = true,
    description = {"Score with the champion model the posts up to the run date it has not scored yet (post_sentiment),",
        "then rebuild user_brand_sentiment for the run date. Validates users, posts and brands first."})
public final class ScoreSentimentCommand extends StageCommand {
  @Override
  public Integer call() throws Exception {
    RunContext ctx = context("score-sentiment");
    List<InputDataset> datasets = ValidateStage.withLabelsIfPresent(ctx.spark(), input.path,
        List.of(InputDataset.USERS, InputDataset.POSTS, InputDataset.BRANDS));
    Pipeline.Done done = new Pipeline(ctx, "score-sentiment").run(datasets, List.of(Pipeline.Stage.SENTIMENT));
    out().printf("score-sentiment %s: %d posts scored now; post_sentiment and"
        + " user_brand_sentiment under %s%n", ctx.runDate(), done.rowsOut().get("sentiment"), ctx.lake().root());
    return 0;
  }
}
