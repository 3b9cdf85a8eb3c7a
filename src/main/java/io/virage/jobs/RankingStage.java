package io.virage.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;

import io.virage.config.Settings;
import io.virage.graph.BrandSeeds;
import io.virage.graph.InteractionGraph;
import io.virage.ingest.ValidatedInputs;
import io.virage.ranking.AmbassadorRanking;
import io.virage.ranking.AmbassadorRoster;
import io.virage.ranking.AmbassadorSignals;
import io.virage.ranking.ConversionAttribution;
import io.virage.ranking.RankingInputs;
import io.virage.schema.InputContract.InputDataset;
import org.apache.spark.sql.Dataset;
import io.virage.schema.OutputTables;
import io.virage.schema.OutputTables.Candidates;
import io.virage.schema.OutputTables.Roster;
import io.virage.trust.BrandTrust;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stage {@code ranking}: attributes the conversions (when the input has them) to ambassador_conversions,
 * reads the run date's influence_scores, brand_influence, post_sentiment (up to
 * the run date), user_brand_sentiment and the previous run date's ambassador_rankings back from the
 * lakehouse, and writes ambassador_conversions, ambassador_candidates, ambassador_rankings, ambassador_roster and brand_trust
 * (with the previous run date's brand_trust) for the run date.
 */
public final class RankingStage {
  private static final Logger LOG = LoggerFactory.getLogger(RankingStage.class);

  private RankingStage() {}

  public static JobRun.Outcome<Void> run(RunContext ctx, ValidatedInputs in,
      Dataset<Row> windowedInteractions) {
    Settings settings = ctx.settings();
    double botThreshold = settings.quality().likelyBotThreshold();
    LocalDate runDate = ctx.runDate();
    Dataset<Row> influence = ctx.lake().read(OutputTables.INFLUENCE_SCORES, runDate);
    Map<String, Object> details = new LinkedHashMap<>();
    Dataset<Row> credits = null;
    Dataset<Row> convertingBrands = null;
    if (in.has(InputDataset.CONVERSIONS)) {
      Dataset<Row> conversions = in.loaded(InputDataset.CONVERSIONS);
      ctx.lake().replaceRunDate(OutputTables.AMBASSADOR_CONVERSIONS, ConversionAttribution.of(conversions,
          in.loaded(InputDataset.INTERACTIONS), in.loaded(InputDataset.POSTS), in.loaded(InputDataset.USERS),
          BrandSeeds.accounts(in.loaded(InputDataset.USERS), in.loaded(InputDataset.BRANDS)),
          influence, botThreshold, settings.conversions(), runDate),
          runDate);
      credits = ctx.lake().read(OutputTables.AMBASSADOR_CONVERSIONS, runDate);
      convertingBrands = ConversionAttribution.counted(conversions, settings.conversions(), runDate)
          .select(col(OutputTables.BRAND_ID)).distinct();
      Row totals = ConversionAttribution.counted(conversions, settings.conversions(), runDate)
          .agg(count(lit(1)), org.apache.spark.sql.functions.countDistinct(col(OutputTables.BRAND_ID))).first();
      Row credited = credits.agg(sum(OutputTables.ConversionCredit.ATTRIBUTED_CONVERSIONS)).first();
      details.put("conversions_counted", totals.getLong(0));
      details.put("conversions_brands", totals.getLong(1));
      details.put("conversions_attributed", credited.isNullAt(0) ? 0.0 : Math.round(credited.getDouble(0) * 1000) / 1000.0);
    } else {
      // No dataset: conversions unknown; a rerun of a date that had one drops its rows.
      ctx.lake().replaceRunDate(OutputTables.AMBASSADOR_CONVERSIONS,
          ctx.spark().createDataFrame(java.util.List.of(), OutputTables.AMBASSADOR_CONVERSIONS.schema()), runDate);
      details.put("conversions_counted", null);
    }
    RankingInputs inputs = new RankingInputs(in.loaded(InputDataset.USERS), in.loaded(InputDataset.BRANDS), windowedInteractions,
        influence, ctx.lake().read(OutputTables.BRAND_INFLUENCE, runDate),
        ctx.lake().read(OutputTables.POST_SENTIMENT).filter(col(OutputTables.Sentiment.TS)
            .lt(lit(new Timestamp(InteractionGraph.endOfDay(runDate) * 1000)))),
        ctx.lake().read(OutputTables.USER_BRAND_SENTIMENT, runDate), previousRankings(ctx), credits, convertingBrands);
    Map<String, Double> weights = new LinkedHashMap<>();
    for (io.virage.ranking.ScoreComponent c : io.virage.ranking.ScoreComponent.values()) {
      weights.put(c.key(), settings.ranking().weight(c));
    }
    details.put("weights", weights); // normalised; the report draws each score's parts with them
    Dataset<Row> signals = AmbassadorSignals
        .of(inputs, botThreshold, settings.ranking().activityWeeks(), runDate)
        .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      AmbassadorRanking.Result result = AmbassadorRanking.rank(signals, inputs.previousRankings(), settings.ranking(),
          botThreshold, runDate);
      ctx.lake().replaceRunDate(OutputTables.AMBASSADOR_CANDIDATES, result.candidates(), runDate);
      long candidates = ctx.lake().lastCommitOutputRows(OutputTables.AMBASSADOR_CANDIDATES);
      details.put("candidates", candidates);
      ctx.lake().read(OutputTables.AMBASSADOR_CANDIDATES, runDate).filter(col(Candidates.REASON).isNotNull())
          .groupBy(Candidates.REASON).count().orderBy(Candidates.REASON).collectAsList() // at most 4 reasons
          .forEach(r -> details.put("excluded_" + r.getString(0), r.getLong(1)));

      ctx.lake().replaceRunDate(OutputTables.AMBASSADOR_RANKINGS, result.rankings(), runDate);
      long ranked = ctx.lake().lastCommitOutputRows(OutputTables.AMBASSADOR_RANKINGS);
      details.put("ranked", ranked);

      Dataset<Row> rankings = ctx.lake().read(OutputTables.AMBASSADOR_RANKINGS, runDate);
      ctx.lake().replaceRunDate(OutputTables.AMBASSADOR_ROSTER, AmbassadorRoster.select(rankings, windowedInteractions,
          influence, botThreshold, settings.ranking().roster(), runDate), runDate);
      // Per brand, the last pick's cumulative reach and the naive top-k's reach at the same k (both grow with k).
      Row reach = ctx.lake().read(OutputTables.AMBASSADOR_ROSTER, runDate)
          .groupBy(OutputTables.BRAND_ID).agg(max(Roster.CUMULATIVE_REACH).as("_roster"),
              max(Roster.TOP_K_REACH).as("_top_k"), count(lit(1)).as("_picks"))
          .agg(sum("_roster"), sum("_top_k"), sum("_picks"))
          .first();
      details.put("roster_picks", reach.isNullAt(2) ? 0L : reach.getLong(2));
      details.put("roster_reach", reach.isNullAt(0) ? 0L : reach.getLong(0));
      details.put("top_k_reach", reach.isNullAt(1) ? 0L : reach.getLong(1));
      ctx.lake().replaceRunDate(OutputTables.BRAND_TRUST, BrandTrust.of(BrandSeeds.accounts(inputs.users(),
              inputs.brands()), inputs.brands(), windowedInteractions, inputs.postSentiment(), inputs.userBrandSentiment(),
          previousRunDate(ctx, OutputTables.BRAND_TRUST), settings.trust(), runDate), runDate);
      details.put("brand_trust", ctx.lake().lastCommitOutputRows(OutputTables.BRAND_TRUST));
      LOG.info("ranking {}: {} candidates, {} ranked, roster of {} picks reaching {} distinct accounts (top-k: {})",
          runDate, candidates, ranked, details.get("roster_picks"), details.get("roster_reach"), details.get("top_k_reach"));
      return new JobRun.Outcome<>(null, candidates, ranked, details);
    } finally {
      signals.unpersist(false);
    }
  }

  /** Fails with what to run first when the run date has no influence_scores or user_brand_sentiment rows. */
  public static void requireUpstream(RunContext ctx) {
    if (ctx.lake().read(OutputTables.INFLUENCE_SCORES, ctx.runDate()).isEmpty()) {
      throw new IllegalStateException("influence_scores has no rows for run date " + ctx.runDate()
          + ": run influence (or nightly) for that date first");
    }
    if (ctx.lake().read(OutputTables.USER_BRAND_SENTIMENT, ctx.runDate()).isEmpty()) {
      throw new IllegalStateException("user_brand_sentiment has no rows for run date " + ctx.runDate()
          + ": run score-sentiment (or nightly) for that date first");
    }
  }

  /** ambassador_rankings rows of the latest run date before this one (empty if none). */
  static Dataset<Row> previousRankings(RunContext ctx) {
    return previousRunDate(ctx, OutputTables.AMBASSADOR_RANKINGS);
  }

  /** A per-run-date table's rows of the latest run date before this one (empty if none). */
  static Dataset<Row> previousRunDate(RunContext ctx, OutputTables.Table table) {
    Dataset<Row> all = ctx.lake().read(table);
    Row latest = all.filter(col(OutputTables.RUN_DATE).lt(java.sql.Date.valueOf(ctx.runDate())))
        .agg(max(OutputTables.RUN_DATE)).first();
    return latest.isNullAt(0) ? all.limit(0) : all.filter(col(OutputTables.RUN_DATE).equalTo(latest.getDate(0)));
  }
}
