package io.virage.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.virage.ingest.ValidatedInputs;
import io.virage.ranking.AmbassadorRanking;
import io.virage.schema.InputContract.Dataset;
import io.virage.schema.OutputTables;
import java.util.Map;
import org.apache.spark.sql.Row;

/**
 * Stage {@code ranking}: reads the run date's influence_scores and post_sentiment back from the
 * lakehouse and writes {@code ambassador_rankings} for the run date.
 */
public final class RankingStage {
  private RankingStage() {}

  public static JobRun.Outcome<Void> run(RunContext ctx, ValidatedInputs in,
      org.apache.spark.sql.Dataset<Row> windowedInteractions) {
    org.apache.spark.sql.Dataset<Row> influence = ctx.lake().read(OutputTables.INFLUENCE_SCORES, ctx.runDate());
    org.apache.spark.sql.Dataset<Row> sentiment = ctx.lake().read(OutputTables.POST_SENTIMENT)
        .filter(col(OutputTables.Sentiment.TS).lt(lit(new java.sql.Timestamp(
            io.virage.graph.InteractionGraph.endOfDay(ctx.runDate()) * 1000))));
    org.apache.spark.sql.Dataset<Row> userBrand = ctx.lake().read(OutputTables.USER_BRAND_SENTIMENT, ctx.runDate());
    org.apache.spark.sql.Dataset<Row> ranked = AmbassadorRanking.rank(in.loaded(Dataset.USERS),
        in.loaded(Dataset.BRANDS), windowedInteractions, influence, sentiment, userBrand, ctx.settings().ranking(),
        ctx.runDate());
    ctx.lake().replaceRunDate(OutputTables.AMBASSADOR_RANKINGS, ranked, ctx.runDate());
    long written = ctx.lake().lastCommitOutputRows(OutputTables.AMBASSADOR_RANKINGS);
    return new JobRun.Outcome<>(null, in.counts(Dataset.USERS).loaded(), written, Map.of());
  }
}
