package io.virage.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
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
import io.virage.ranking.ScoreComponent;
import io.virage.schema.InputContract.InputDataset;
import io.virage.schema.OutputTables;
import io.virage.schema.OutputTables.Candidates;
import io.virage.schema.OutputTables.Roster;
import io.virage.trust.BrandTrust;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stage {@code ranking}: reads the run date's influence_scores, brand_influence, post_sentiment (up
 * to the run date), user_brand_sentiment and the previous run date's ambassador_rankings and
 * brand_trust back from the lakehouse ({@link #read}), computes ({@link #compute}) and writes
 * ambassador_conversions (the conversions attributed, when the input has them), ambassador_candidates,
 * ambassador_rankings, ambassador_roster and brand_trust for the run date.
 */
public final class RankingStage {
  private static final Logger LOG = LoggerFactory.getLogger(RankingStage.class);

  private RankingStage() {}

  /**
   * What the stage reads: the loaded inputs ({@code conversions} null when the input has none), the
   * windowed interactions, the upstream stages' tables for the run date and the previous run date's
   * rankings and trust.
   */
  public record Inputs(Dataset<Row> users, Dataset<Row> brands, Dataset<Row> interactions, Dataset<Row> posts,
      Dataset<Row> conversions, Dataset<Row> windowed, Dataset<Row> influence, Dataset<Row> brandInfluence,
      Dataset<Row> postSentiment, Dataset<Row> userBrandSentiment, Dataset<Row> previousRankings,
      Dataset<Row> previousTrust) {}

  /**
   * The stage's five tables for the run date, computed, not written, each as its table holds it
   * (lazy, or cached by the result when a later table or a figure reads it), and the figures for
   * the audit row. Close the result once the rows are written.
   */
  public record Result(Dataset<Row> conversions, Dataset<Row> candidates, Dataset<Row> rankings,
      Dataset<Row> roster, Dataset<Row> trust, Map<String, Object> details, Held held) implements AutoCloseable {
    @Override
    public void close() {
      held.close();
    }
  }

  /** Reads the inputs ({@link #read}), computes and writes the five tables for the run date. */
  public static JobRun.Outcome<Void> run(RunContext ctx, ValidatedInputs in, Dataset<Row> windowedInteractions) {
    LocalDate runDate = ctx.runDate();
    try (Result r = compute(read(ctx, in, windowedInteractions), ctx.settings(), runDate)) {
      Map<String, Object> details = new LinkedHashMap<>(r.details());
      ctx.lake().replaceRunDate(OutputTables.AMBASSADOR_CONVERSIONS, r.conversions(), runDate);
      ctx.lake().replaceRunDate(OutputTables.AMBASSADOR_CANDIDATES, r.candidates(), runDate);
      long candidates = ctx.lake().lastCommitOutputRows(OutputTables.AMBASSADOR_CANDIDATES);
      details.put("candidates", candidates);
      ctx.lake().replaceRunDate(OutputTables.AMBASSADOR_RANKINGS, r.rankings(), runDate);
      long ranked = ctx.lake().lastCommitOutputRows(OutputTables.AMBASSADOR_RANKINGS);
      details.put("ranked", ranked);
      ctx.lake().replaceRunDate(OutputTables.AMBASSADOR_ROSTER, r.roster(), runDate);
      ctx.lake().replaceRunDate(OutputTables.BRAND_TRUST, r.trust(), runDate);
      details.put("brand_trust", ctx.lake().lastCommitOutputRows(OutputTables.BRAND_TRUST));
      LOG.info("ranking {}: {} candidates, {} ranked, roster of {} picks reaching {} distinct accounts (top-k: {})",
          runDate, candidates, ranked, details.get("roster_picks"), details.get("roster_reach"), details.get("top_k_reach"));
      return new JobRun.Outcome<>(null, candidates, ranked, details);
    }
  }

  /** The stage's inputs: the validated inputs, the windowed interactions and the tables it reads back. */
  public static Inputs read(RunContext ctx, ValidatedInputs in, Dataset<Row> windowedInteractions) {
    LocalDate runDate = ctx.runDate();
    return new Inputs(in.loaded(InputDataset.USERS), in.loaded(InputDataset.BRANDS),
        in.loaded(InputDataset.INTERACTIONS), in.loaded(InputDataset.POSTS),
        in.has(InputDataset.CONVERSIONS) ? in.loaded(InputDataset.CONVERSIONS) : null, windowedInteractions,
        ctx.lake().read(OutputTables.INFLUENCE_SCORES, runDate), ctx.lake().read(OutputTables.BRAND_INFLUENCE, runDate),
        ctx.lake().read(OutputTables.POST_SENTIMENT).filter(col(OutputTables.Sentiment.TS)
            .lt(lit(new Timestamp(InteractionGraph.endOfDay(runDate) * 1000)))),
        ctx.lake().read(OutputTables.USER_BRAND_SENTIMENT, runDate),
        previousRunDate(ctx, OutputTables.AMBASSADOR_RANKINGS), previousRunDate(ctx, OutputTables.BRAND_TRUST));
  }

  /**
   * The stage's tables for the run date from its inputs: conversions attributed to the users who
   * drove them, eligibility and the weighted score with its parts, tiers, the reach-maximizing
   * roster and each brand's trust record. Runs the actions its figures need; writes nothing.
   */
  public static Result compute(Inputs in, Settings settings, LocalDate runDate) {
    double botThreshold = settings.quality().likelyBotThreshold();
    Map<String, Object> details = new LinkedHashMap<>();
    Held held = new Held();
    try {
      // A handful of rows, read by the attribution, the signals and brand trust (14 times in all at
      // 1M): each read would otherwise match every user's handle against the brands' again.
      Dataset<Row> accounts = held.materialize(BrandSeeds.accounts(in.users(), in.brands()));
      Dataset<Row> conversions;
      Dataset<Row> credits = null;
      Dataset<Row> convertingBrands = null;
      if (in.conversions() != null) {
        // Cached: written, summed here and read by the ranking (the credits).
        conversions = held.materialize(OutputTables.AMBASSADOR_CONVERSIONS.conform(ConversionAttribution.of(
            in.conversions(), in.interactions(), in.posts(), in.users(), accounts,
            in.influence(), botThreshold, settings.conversions(), runDate)));
        credits = conversions;
        Dataset<Row> counted = ConversionAttribution.counted(in.conversions(), settings.conversions(), runDate);
        convertingBrands = counted.select(col(OutputTables.BRAND_ID)).distinct();
        Row totals = counted.agg(count(lit(1)), countDistinct(col(OutputTables.BRAND_ID))).first();
        Row credited = credits.agg(sum(OutputTables.ConversionCredit.ATTRIBUTED_CONVERSIONS)).first();
        details.put("conversions_counted", totals.getLong(0));
        details.put("conversions_brands", totals.getLong(1));
        details.put("conversions_attributed",
            credited.isNullAt(0) ? 0.0 : Math.round(credited.getDouble(0) * 1000) / 1000.0);
      } else {
        // No dataset: conversions unknown; a rerun of a date that had one drops its rows.
        conversions = in.users().sparkSession().createDataFrame(List.of(),
            OutputTables.AMBASSADOR_CONVERSIONS.schema());
        details.put("conversions_counted", null);
      }
      RankingInputs inputs = new RankingInputs(in.users(), in.brands(), in.windowed(), in.influence(),
          in.brandInfluence(), in.postSentiment(), in.userBrandSentiment(), in.previousRankings(), credits,
          convertingBrands, accounts);
      Map<String, Double> weights = new LinkedHashMap<>();
      for (ScoreComponent c : ScoreComponent.values()) {
        weights.put(c.key(), settings.ranking().weight(c));
      }
      details.put("weights", weights); // normalised; the report draws each score's parts with them
      Dataset<Row> signals = held.persist(AmbassadorSignals.of(inputs, botThreshold,
          settings.ranking().activityWeeks(), runDate));
      AmbassadorRanking.Result ranked = AmbassadorRanking.rank(signals, inputs.previousRankings(), settings.ranking(),
          botThreshold, runDate);
      // Cached, each as its table holds it: written, and read by a figure or the next table.
      Dataset<Row> candidates = held.materialize(OutputTables.AMBASSADOR_CANDIDATES.conform(ranked.candidates()));
      candidates.filter(col(Candidates.REASON).isNotNull())
          .groupBy(Candidates.REASON).count().orderBy(Candidates.REASON).collectAsList() // at most 4 reasons
          .forEach(r -> details.put("excluded_" + r.getString(0), r.getLong(1)));
      Dataset<Row> rankings = held.materialize(OutputTables.AMBASSADOR_RANKINGS.conform(ranked.rankings()));
      Dataset<Row> roster = held.materialize(OutputTables.AMBASSADOR_ROSTER.conform(AmbassadorRoster.select(rankings,
          in.windowed(), in.influence(), botThreshold, settings.ranking().roster(), runDate)));
      // Per brand, the last pick's cumulative reach and the naive top-k's reach at the same k (both grow with k).
      Row reach = roster.groupBy(OutputTables.BRAND_ID).agg(max(Roster.CUMULATIVE_REACH).as("_roster"),
              max(Roster.TOP_K_REACH).as("_top_k"), count(lit(1)).as("_picks"))
          .agg(sum("_roster"), sum("_top_k"), sum("_picks"))
          .first();
      details.put("roster_picks", reach.isNullAt(2) ? 0L : reach.getLong(2));
      details.put("roster_reach", reach.isNullAt(0) ? 0L : reach.getLong(0));
      details.put("top_k_reach", reach.isNullAt(1) ? 0L : reach.getLong(1));
      Dataset<Row> trust = BrandTrust.of(accounts, in.brands(), in.windowed(),
          in.postSentiment(), in.userBrandSentiment(), in.previousTrust(), settings.trust(), runDate);
      return new Result(conversions, candidates, rankings, roster, trust, details, held);
    } catch (RuntimeException | Error e) {
      held.close();
      throw e;
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

  /** A per-run-date table's rows of the latest run date before this one (empty if none). */
  static Dataset<Row> previousRunDate(RunContext ctx, OutputTables.Table table) {
    Dataset<Row> all = ctx.lake().read(table);
    Row latest = all.filter(col(OutputTables.RUN_DATE).lt(java.sql.Date.valueOf(ctx.runDate())))
        .agg(max(OutputTables.RUN_DATE)).first();
    return latest.isNullAt(0) ? all.limit(0) : all.filter(col(OutputTables.RUN_DATE).equalTo(latest.getDate(0)));
  }
}
