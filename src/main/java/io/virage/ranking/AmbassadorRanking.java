package io.virage.ranking;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_join;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.get;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log1p;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.percent_rank;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.pow;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import io.virage.config.Settings;
import io.virage.schema.OutputTables;
import io.virage.schema.OutputTables.BrandInfluence;
import io.virage.schema.OutputTables.Candidates;
import io.virage.schema.OutputTables.Influence;
import io.virage.schema.OutputTables.Rankings;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Eligibility, the explainable score, ranks, tiers, the employee leaderboard and movers, from the
 * candidates' raw signals ({@link AmbassadorSignals}).
 * <pre>
 *   reason   = own_account | opted_out | likely_bot | negative_sentiment | null (first that applies)
 *   per brand, over its eligible candidates:
 *     pct(x) = percent_rank (ties share the lower value): where the user stands, for PageRanks
 *     log(x) = ln(1 + x) / ln(1 + max x), 0 when max x = 0: counts, keeping how far ahead the best are
 *     brand_influence = pct(brand_pagerank)     influence       = pct(pagerank)
 *     engagement      = log(advocacy_engagement) recommendations = log(recommendations_received)
 *     sentiment       = max(brand_sentiment, 0)  audience_quality, account_quality = 1 - bot_likelihood
 *     activity        = 0.5 * 2^(-days_since_last_post / half-life) + 0.5 * active_weeks / weeks
 *     conversions     = log(attributed_conversions); null when the brand's conversions are unknown
 *   score = sum of weight * component (weights sum to 1), so score is in [0, 1]; for a brand whose
 *           conversions are unknown, conversions weighs 0 and the others are normalised over themselves
 *   rank  = row_number by score desc, user_id asc;  tier by (rank - 1) / ranked users
 *   employee_rank = row_number among the brand's ranked employees by rank
 *   previous_rank, rank_change = previous_rank - rank, is_new, moved_components vs the previous run:
 *           the (at most two) largest component changes of at least movers.min-component-change;
 *   is_mover = |rank_change| >= movers.min-rank-change and some component changed that much
 * </pre>
 * Out: {@link Result#candidates()} in the shape of ambassador_candidates and
 * {@link Result#rankings()} in the shape of ambassador_rankings (column order of the tables).
 */
public final class AmbassadorRanking {
  /** Both outputs of one run date. */
  public record Result(Dataset<Row> candidates, Dataset<Row> rankings) {}

  /** The per-brand figures joined to each eligible row (dropped by the tables' column selection). */
  private static final String TOP_ENGAGEMENT = "_top_engagement";
  private static final String TOP_RECOMMENDATIONS = "_top_recommendations";
  private static final String TOP_CONVERSIONS = "_top_conversions";
  private static final String RANKED = "_ranked";

  private AmbassadorRanking() {}

  public static Result rank(Dataset<Row> signals, Dataset<Row> previousRankings, Settings.Ranking s,
      double likelyBotThreshold, LocalDate runDate) {
    Column runDateCol = lit(Date.valueOf(runDate));
    Column reason = when(col(AmbassadorSignals.OWN_ACCOUNT), "own_account")
        .when(col(AmbassadorSignals.OPTED_OUT), "opted_out")
        .when(col(Influence.BOT_LIKELIHOOD).geq(likelyBotThreshold), "likely_bot")
        .when(col(Rankings.BRAND_SENTIMENT).lt(s.minBrandSentiment()), "negative_sentiment");
    Dataset<Row> withReason = signals.withColumn(Candidates.REASON, reason);
    Dataset<Row> candidates = withReason.select(runDateCol.as(OutputTables.RUN_DATE), col(OutputTables.BRAND_ID),
        col(OutputTables.USER_ID), col(Candidates.REASON).isNull().as(Candidates.ELIGIBLE), col(Candidates.REASON),
        col(Rankings.IS_EMPLOYEE), col(Rankings.POSTS_ABOUT_BRAND), col(Rankings.BRAND_SENTIMENT),
        col(Influence.BOT_LIKELIHOOD));

    WindowSpec byBrand = Window.partitionBy(OutputTables.BRAND_ID);
    Dataset<Row> eligible = withReason.filter(col(Candidates.REASON).isNull());
    // The brand-wide figures (the log scales' tops, the ranked count) in one aggregate of a few rows,
    // joined back: as windows over the whole brand, each held every row of the brand and read it twice.
    Dataset<Row> perBrand = eligible.groupBy(OutputTables.BRAND_ID).agg(
        max(log1p(col(Rankings.ADVOCACY_ENGAGEMENT))).as(TOP_ENGAGEMENT),
        max(log1p(col(Rankings.RECOMMENDATIONS_RECEIVED))).as(TOP_RECOMMENDATIONS),
        max(log1p(col(Rankings.ATTRIBUTED_CONVERSIONS))).as(TOP_CONVERSIONS),
        count(lit(1)).as(RANKED));
    Dataset<Row> scored = eligible.join(broadcast(perBrand), OutputTables.BRAND_ID)
        .withColumn(Rankings.BRAND_INFLUENCE_COMPONENT,
            percent_rank().over(byBrand.orderBy(BrandInfluence.BRAND_PAGERANK)))
        .withColumn(Rankings.INFLUENCE_COMPONENT, percent_rank().over(byBrand.orderBy(Influence.PAGERANK)))
        .withColumn(Rankings.ENGAGEMENT_COMPONENT, logScaled(col(Rankings.ADVOCACY_ENGAGEMENT), col(TOP_ENGAGEMENT)))
        .withColumn(Rankings.SENTIMENT_COMPONENT, least(greatest(col(Rankings.BRAND_SENTIMENT), lit(0.0)), lit(1.0)))
        .withColumn(Rankings.RECOMMENDATION_COMPONENT,
            logScaled(col(Rankings.RECOMMENDATIONS_RECEIVED), col(TOP_RECOMMENDATIONS)))
        .withColumn(Rankings.AUDIENCE_QUALITY_COMPONENT, col(Rankings.AUDIENCE_QUALITY))
        .withColumn(Rankings.ACCOUNT_QUALITY_COMPONENT, lit(1.0).minus(col(Influence.BOT_LIKELIHOOD)))
        .withColumn(Rankings.ACTIVITY_COMPONENT,
            pow(lit(2.0), col(Rankings.DAYS_SINCE_LAST_POST).divide(-s.recencyHalfLifeDays())).multiply(0.5)
                .plus(col(Rankings.ACTIVE_WEEKS).divide((double) s.activityWeeks()).multiply(0.5)))
        .withColumn(Rankings.CONVERSIONS_COMPONENT, when(col(Rankings.ATTRIBUTED_CONVERSIONS).isNotNull(),
            logScaled(col(Rankings.ATTRIBUTED_CONVERSIONS), col(TOP_CONVERSIONS))));
    Column known = col(Rankings.ATTRIBUTED_CONVERSIONS).isNotNull();
    Dataset<Row> ranked = scored.withColumn(Rankings.SCORE, when(known, score(s, true)).otherwise(score(s, false)))
        .withColumn(Rankings.RANK,
            row_number().over(byBrand.orderBy(col(Rankings.SCORE).desc(), col(OutputTables.USER_ID))));
    Column share = col(Rankings.RANK).minus(1).divide(col(RANKED));
    ranked = ranked
        .withColumn(Rankings.TIER, when(share.lt(s.goldShare()), "gold").when(share.lt(s.silverShare()), "silver")
            .otherwise("bronze"))
        .withColumn(Rankings.EMPLOYEE_RANK, when(col(Rankings.IS_EMPLOYEE),
            row_number().over(Window.partitionBy(col(OutputTables.BRAND_ID), col(Rankings.IS_EMPLOYEE))
                .orderBy(Rankings.RANK))));
    ranked = withExplanation(ranked, known, s);

    Dataset<Row> withMoves = movers(ranked, previousRankings, s.movers()).withColumn(OutputTables.RUN_DATE, runDateCol);
    return new Result(candidates, withMoves.select(OutputTables.AMBASSADOR_RANKINGS.columnNames().stream()
        .map(org.apache.spark.sql.functions::col).toArray(Column[]::new)));
  }

  /**
   * The weighted sum of the components, with the brand's conversions known or not (then conversions
   * is left out, its null never reaching the sum, and the others weigh what they did before it).
   */
  static Column score(Settings.Ranking s, boolean conversionsKnown) {
    Column score = lit(0.0);
    for (ScoreComponent c : ScoreComponent.values()) {
      if (conversionsKnown || c != ScoreComponent.CONVERSIONS) {
        score = score.plus(col(c.column()).multiply(s.weight(c, conversionsKnown)));
      }
    }
    return score;
  }

  /** ln(1 + x) / top, top being ln(1 + the brand's largest x); 0 when every x is 0. */
  static Column logScaled(Column x, Column top) {
    return when(top.gt(0), log1p(x).divide(top)).otherwise(lit(0.0));
  }

  /**
   * previous_rank, rank_change, is_new, moved_components and is_mover against the previous run's rows.
   * Only a component that changed by at least {@code m.minComponentChange()} is named: a change that
   * prints as +0.00 is noise, not a reason.
   */
  static Dataset<Row> movers(Dataset<Row> ranked, Dataset<Row> previousRankings, Settings.Movers m) {
    List<Column> previous = new ArrayList<>(List.of(col(OutputTables.BRAND_ID), col(OutputTables.USER_ID),
        col(Rankings.RANK).as(Rankings.PREVIOUS_RANK)));
    List<Column> deltas = new ArrayList<>();
    Column visibleCount = lit(0);
    for (ScoreComponent c : ScoreComponent.values()) {
      previous.add(col(c.column()).as("_prev_" + c.column()));
      Column delta = col(c.column()).minus(col("_prev_" + c.column()));
      deltas.add(struct(abs(delta).as("size"), lit(c.shortName()).as("name"), delta.as("delta")));
      visibleCount = visibleCount.plus(when(abs(delta).geq(m.minComponentChange()), 1).otherwise(0));
    }
    // Sorted by size, largest first, the visible changes (size at least the minimum; a null size,
    // no previous value, is not one) come first: the first two are picked by position, without a
    // lambda over the array (evaluated row by row outside generated code), the sorted array held in
    // a column of its own so that each pick does not sort again.
    Dataset<Row> joined = ranked.join(previousRankings.select(previous.toArray(Column[]::new)),
        new String[] {OutputTables.BRAND_ID, OutputTables.USER_ID}, "left")
        .withColumn("_deltas", sort_array(array(deltas.toArray(Column[]::new)), false))
        .withColumn("_visible", visibleCount);
    List<Column> named = new ArrayList<>();
    for (int i = 0; i < Math.min(2, deltas.size()); i++) {
      Column d = get(col("_deltas"), lit(i));
      named.add(when(col("_visible").gt(i), format_string("%s %+.2f", d.getField("name"), d.getField("delta"))));
    }
    Column isNew = col(Rankings.PREVIOUS_RANK).isNull();
    Column anyVisible = col("_visible").gt(0);
    return joined
        .withColumn(Rankings.RANK_CHANGE, col(Rankings.PREVIOUS_RANK).minus(col(Rankings.RANK)).cast("int"))
        .withColumn(Rankings.IS_NEW, isNew)
        .withColumn(Rankings.MOVED_COMPONENTS, when(isNew.or(anyVisible.unary_$bang()), lit(null).cast("string"))
            .otherwise(array_join(array(named.toArray(Column[]::new)), ", ")))
        .withColumn(Rankings.IS_MOVER, when(isNew, lit(null).cast("boolean"))
            .otherwise(abs(col(Rankings.RANK_CHANGE)).geq(m.minRankChange()).and(anyVisible)))
        .drop("_deltas", "_visible");
  }

  /**
   * "lifted by A; B; C | held back by D": the three largest contributions (weight x value) and, among
   * the other components, the one with the lowest value; only components with a positive weight count.
   * Adds {@link Rankings#EXPLANATION} to {@code ranked}, whose column {@code known} says whether the
   * brand's conversions are known.
   */
  static Dataset<Row> withExplanation(Dataset<Row> ranked, Column known, Settings.Ranking s) {
    // Each text is built once per row, in a column of its own: the parts by contribution, best first
    // (the texts differ, so ties never reach the third field). The text then picks them by position
    // (their number is known here): a lambda over the array (transform, array_min) is evaluated row
    // by row outside generated code, and cost most of the 50 us per row this column took at 270k
    // ranked rows; picking from the sort's expression itself instead of a column repeats the sort per
    // pick, beyond what one generated method may hold.
    String sorted = "_explained_parts";
    return ranked.withColumn(sorted, when(known, sortedParts(s, true)).otherwise(sortedParts(s, false)))
        .withColumn(Rankings.EXPLANATION, when(known, explanation(col(sorted), parts(s, true)))
            .otherwise(explanation(col(sorted), parts(s, false))))
        .drop(sorted);
  }

  /** The components with a positive weight. */
  private static List<ScoreComponent> parts(Settings.Ranking s, boolean conversionsKnown) {
    return java.util.Arrays.stream(ScoreComponent.values()).filter(c -> s.weight(c, conversionsKnown) > 0).toList();
  }

  /** (contribution, text, value) of each part, by contribution, largest first. */
  private static Column sortedParts(Settings.Ranking s, boolean conversionsKnown) {
    List<Column> parts = new ArrayList<>();
    for (ScoreComponent c : parts(s, conversionsKnown)) {
      parts.add(struct(col(c.column()).multiply(s.weight(c, conversionsKnown)).as("v"), describe(c, s).as("text"),
          col(c.column()).as("value")));
    }
    return sort_array(array(parts.toArray(Column[]::new)), false);
  }

  private static Column explanation(Column sorted, List<ScoreComponent> parts) {
    List<Column> top = new ArrayList<>();
    for (int i = 0; i < Math.min(3, parts.size()); i++) {
      top.add(get(sorted, lit(i)).getField("text"));
    }
    Column lifted = concat(lit("lifted by "), array_join(array(top.toArray(Column[]::new)), "; "));
    if (parts.size() <= 3) {
      return lifted; // none held back with three weights or fewer
    }
    // The weakest of the others by value (a component cannot both lift and hold back).
    List<Column> others = new ArrayList<>();
    for (int i = 3; i < parts.size(); i++) {
      Column x = get(sorted, lit(i));
      others.add(struct(x.getField("value").as("v"), x.getField("text").as("text")));
    }
    Column weakest = (others.size() == 1 ? others.get(0) : least(others.toArray(Column[]::new))).getField("text");
    return concat(lifted, coalesce(concat(lit(" | held back by "), weakest), lit("")));
  }

  private static Column describe(ScoreComponent c, Settings.Ranking s) {
    return switch (c) {
      case BRAND_INFLUENCE -> concat(lit("brand reach "), percentile(col(c.column())));
      case INFLUENCE -> concat(lit("global influence "), percentile(col(c.column())));
      case ENGAGEMENT -> concat(format_string("advocacy engagement %d (of %d on ", col(Rankings.ADVOCACY_ENGAGEMENT),
          col(Rankings.ENGAGEMENT_RECEIVED)), counted(col(Rankings.POSTS_ABOUT_BRAND), "post"), lit(")"));
      case SENTIMENT -> concat(format_string("sentiment %+.2f (", col(Rankings.BRAND_SENTIMENT)),
          counted(col(Rankings.POSTS_ABOUT_BRAND), "post"), lit(")"));
      case RECOMMENDATIONS -> counted(col(Rankings.RECOMMENDATIONS_RECEIVED), "recommendation");
      case AUDIENCE_QUALITY -> format_string("audience quality %.2f", col(c.column()));
      case ACCOUNT_QUALITY -> format_string("account quality %.2f", col(c.column()));
      case ACTIVITY -> format_string("last brand post %d days ago, active %d of " + s.activityWeeks() + " weeks",
          col(Rankings.DAYS_SINCE_LAST_POST), col(Rankings.ACTIVE_WEEKS));
      case CONVERSIONS -> format_string("%.1f attributed conversions", col(Rankings.ATTRIBUTED_CONVERSIONS));
    };
  }

  /** "1 post", "12 posts". */
  private static Column counted(Column n, String noun) {
    return concat(n.cast("string"), when(n.equalTo(1), lit(" " + noun)).otherwise(lit(" " + noun + "s")));
  }

  /** 0.97 -> "97th pct", 0.01 -> "1st pct", 0.12 -> "12th pct". */
  static Column percentile(Column fraction) {
    Column n = round(fraction.multiply(100)).cast("int");
    Column suffix = when(pmod(n, lit(100)).between(11, 13), "th").when(pmod(n, lit(10)).equalTo(1), "st")
        .when(pmod(n, lit(10)).equalTo(2), "nd").when(pmod(n, lit(10)).equalTo(3), "rd").otherwise("th");
    return concat(n.cast("string"), suffix, lit(" pct"));
  }
}
