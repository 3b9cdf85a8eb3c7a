package io.virage.schema;

import static io.virage.schema.OutputTables.BRAND_ID;
import static io.virage.schema.OutputTables.RUN_DATE;
import static io.virage.schema.OutputTables.USER_ID;

import io.virage.ranking.ScoreComponent;
import io.virage.schema.OutputTables.Campaign;
import io.virage.schema.OutputTables.ConversionCredit;
import io.virage.schema.OutputTables.JobRuns;
import io.virage.schema.OutputTables.Quarantine;
import io.virage.schema.OutputTables.Rankings;
import io.virage.schema.OutputTables.Roster;
import io.virage.schema.OutputTables.Sentiment;
import io.virage.schema.OutputTables.Trust;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;

/**
 * SQL views over the output tables for the questions analysts ask first. {@code sql} registers
 * the ones a script names, {@code report} all of them, as temporary views once the tables they read
 * are registered; README.md and docs/tables.md document them from here.
 */
public final class AnalystViews {
  private AnalystViews() {}

  /**
   * A view: name, what a row is, its SQL over the output tables (Spark SQL), and the same in DuckDB's
   * dialect when it differs (null when the Spark SQL runs in DuckDB as it is).
   */
  public record View(String name, String grain, String sql, String duckDb) {
    View(String name, String grain, String sql) {
      this(name, grain, sql, null);
    }

    /** The view's SQL for DuckDB (io.virage.lake.DuckDbCatalog). */
    public String duckDbSql() {
      return duckDb == null ? sql : duckDb;
    }
  }

  public static final View LATEST_RANKING = new View("latest_ranking",
      "Every column of ambassador_rankings, for each brand's latest run date only: the current ranking.",
      "SELECT * FROM " + OutputTables.AMBASSADOR_RANKINGS.name() + " r WHERE r." + RUN_DATE
          + " = (SELECT max(m." + RUN_DATE + ") FROM " + OutputTables.AMBASSADOR_RANKINGS.name() + " m WHERE m."
          + BRAND_ID + " = r." + BRAND_ID + ")");

  public static final View TOP_MOVERS = new View("top_movers",
      "Ambassadors of the latest ranking who moved since the previous run date (is_mover: at least"
          + " ranking.movers.min-rank-change positions, with a component that changed visibly), or who are new:"
          + " movement (up, down, new) and positions_moved (abs(rank_change), null when new). Sort by positions_moved.",
      "SELECT " + RUN_DATE + ", " + BRAND_ID + ", " + USER_ID + ", " + Rankings.HANDLE + ", " + Rankings.RANK + ", "
          + Rankings.PREVIOUS_RANK + ", " + Rankings.RANK_CHANGE + ", abs(" + Rankings.RANK_CHANGE + ") AS positions_moved, "
          + "CASE WHEN " + Rankings.IS_NEW + " THEN 'new' WHEN " + Rankings.RANK_CHANGE + " > 0 THEN 'up' ELSE 'down' END"
          + " AS movement, " + Rankings.MOVED_COMPONENTS + ", " + Rankings.SCORE + ", " + Rankings.TIER
          + " FROM latest_ranking WHERE " + Rankings.IS_NEW + " OR " + Rankings.IS_MOVER);

  public static final View EMPLOYEE_LEADERBOARD = new View("employee_leaderboard",
      "The brand's employees in the latest ranking (internal advocacy leaderboard), one row per brand and employee.",
      "SELECT " + RUN_DATE + ", " + BRAND_ID + ", " + Rankings.EMPLOYEE_RANK + ", " + USER_ID + ", " + Rankings.HANDLE
          + ", " + Rankings.RANK + ", " + Rankings.SCORE + ", " + Rankings.TIER + ", " + Rankings.RANK_CHANGE + ", "
          + Rankings.POSTS_ABOUT_BRAND + ", " + Rankings.ADVOCACY_ENGAGEMENT + ", " + Rankings.BRAND_SENTIMENT + ", "
          + Rankings.EXPLANATION + " FROM latest_ranking WHERE " + Rankings.IS_EMPLOYEE);

  public static final View BRAND_SENTIMENT_TREND = new View("brand_sentiment_trend",
      "Posts about each brand per day and language, from post_sentiment: posts, scored_posts (those with a"
          + " sentiment: none in a language the model does not analyse), counts per label, mean score and"
          + " net_sentiment = (positive - negative) / scored_posts, in [-1, 1] (null with no scored post).",
      sentimentTrend("to_date(" + Sentiment.TS + ")", OutputTables.POST_SENTIMENT.name() + " LATERAL VIEW explode("
          + Sentiment.BRAND_IDS + ") b AS " + BRAND_ID),
      // DuckDB: unnest for explode, the UTC date of the instant for to_date (Virage's sessions run in UTC).
      sentimentTrend("CAST(timezone('UTC', " + Sentiment.TS + ") AS DATE)", "(SELECT *, unnest(" + Sentiment.BRAND_IDS
          + ") AS " + BRAND_ID + " FROM " + OutputTables.POST_SENTIMENT.name() + ")"));

  /** brand_sentiment_trend's SQL, with the dialect's day of a timestamp and its rows of (post, brand). */
  private static String sentimentTrend(String day, String postsByBrand) {
    return "SELECT " + BRAND_ID + ", " + day + " AS day, " + Sentiment.LANG + ", count(*) AS posts, "
        + "count(" + Sentiment.LABEL + ") AS scored_posts, "
        + "count_if(" + Sentiment.LABEL + " = 'positive') AS positive_posts, "
        + "count_if(" + Sentiment.LABEL + " = 'neutral') AS neutral_posts, "
        + "count_if(" + Sentiment.LABEL + " = 'negative') AS negative_posts, "
        + "avg(" + Sentiment.SCORE + ") AS mean_score, "
        + "(count_if(" + Sentiment.LABEL + " = 'positive') - count_if(" + Sentiment.LABEL + " = 'negative'))"
        + " / nullif(count(" + Sentiment.LABEL + "), 0) AS net_sentiment "
        + "FROM " + postsByBrand + " GROUP BY " + BRAND_ID + ", " + day + ", " + Sentiment.LANG;
  }

  public static final View AMBASSADOR_SCORE_HISTORY = new View("ambassador_score_history",
      "The score's components over time, long form: one row per run date, brand, ranked user and component"
          + " (brand-influence, influence, engagement, sentiment, recommendations, audience-quality, account-quality,"
          + " activity, conversions), with the component's value in [0, 1] (conversions: null when unknown).",
      "SELECT " + RUN_DATE + ", " + BRAND_ID + ", " + USER_ID + ", " + Rankings.HANDLE + ", " + Rankings.RANK + ", "
          + Rankings.SCORE + ", stack(" + ScoreComponent.values().length + ", "
          + java.util.Arrays.stream(ScoreComponent.values()).map(c -> "'" + c.key() + "', " + c.column())
              .collect(Collectors.joining(", "))
          + ") AS (component, value) FROM " + OutputTables.AMBASSADOR_RANKINGS.name(),
      // DuckDB: two lists unnested side by side for stack.
      "SELECT " + RUN_DATE + ", " + BRAND_ID + ", " + USER_ID + ", " + Rankings.HANDLE + ", " + Rankings.RANK + ", "
          + Rankings.SCORE + ", unnest([" + java.util.Arrays.stream(ScoreComponent.values()).map(c -> "'" + c.key() + "'")
              .collect(Collectors.joining(", ")) + "]) AS component, unnest(["
          + java.util.Arrays.stream(ScoreComponent.values()).map(ScoreComponent::column).collect(Collectors.joining(", "))
          + "]) AS value FROM " + OutputTables.AMBASSADOR_RANKINGS.name());

  public static final View ROSTER_COVERAGE = new View("roster_coverage",
      "Per run date and brand, the reach-maximizing roster against the naive top-k at the same size: picks,"
          + " roster_reach, top_k_reach and reach_gain = roster_reach / top_k_reach.",
      "SELECT " + RUN_DATE + ", " + BRAND_ID + ", count(*) AS picks, max(" + Roster.CUMULATIVE_REACH + ") AS roster_reach, "
          + "max(" + Roster.TOP_K_REACH + ") AS top_k_reach, max(" + Roster.COVERAGE + ") AS coverage, "
          + "max(" + Roster.CUMULATIVE_REACH + ") / nullif(max(" + Roster.TOP_K_REACH + "), 0) AS reach_gain FROM "
          + OutputTables.AMBASSADOR_ROSTER.name() + " GROUP BY " + RUN_DATE + ", " + BRAND_ID);

  public static final View BRAND_TRUST_TREND = new View("brand_trust_trend",
      "The brand trust index over run dates: one row per run date and brand with trust_index, its change since the"
          + " brand's previous run date (trust_index_change), answered shares, median hours to answer, sentiment and"
          + " advocates against detractors.",
      "SELECT " + RUN_DATE + ", " + BRAND_ID + ", " + Trust.TRUST_INDEX + ", " + Trust.TRUST_INDEX + " - lag("
          + Trust.TRUST_INDEX + ") OVER (PARTITION BY " + BRAND_ID + " ORDER BY " + RUN_DATE + ") AS trust_index_change, "
          + Trust.ANSWERED_SHARE + ", " + Trust.COMPLAINTS_ANSWERED_SHARE + ", " + Trust.MEDIAN_ANSWER_HOURS + ", "
          + Trust.SENTIMENT_7D + ", " + Trust.SENTIMENT_30D + ", " + Trust.ADVOCATES + ", " + Trust.DETRACTORS
          + " FROM " + OutputTables.BRAND_TRUST.name());

  public static final View CONVERSION_LEADERS = new View("conversion_leaders",
      "Users credited with conversions, per run date and brand, best first: ambassador_conversions with"
          + " conversion_rank (1 = most attributed conversions) and the user's rank and tier in ambassador_rankings"
          + " (null when not ranked).",
      "SELECT c." + RUN_DATE + ", c." + BRAND_ID + ", row_number() OVER (PARTITION BY c." + RUN_DATE + ", c." + BRAND_ID
          + " ORDER BY c." + ConversionCredit.ATTRIBUTED_CONVERSIONS + " DESC, c." + OutputTables.USER_ID
          + ") AS conversion_rank, c." + OutputTables.USER_ID + ", c." + Rankings.HANDLE + ", c."
          + ConversionCredit.ATTRIBUTED_CONVERSIONS + ", c." + ConversionCredit.ATTRIBUTED_VALUE + ", c."
          + ConversionCredit.CONVERSIONS + ", c." + ConversionCredit.REFERRALS + ", c." + ConversionCredit.TOUCHES + ", c."
          + ConversionCredit.METHOD + ", r." + Rankings.RANK + ", r." + Rankings.TIER + " FROM "
          + OutputTables.AMBASSADOR_CONVERSIONS.name() + " c LEFT JOIN " + OutputTables.AMBASSADOR_RANKINGS.name()
          + " r ON c." + RUN_DATE + " = r." + RUN_DATE + " AND c." + BRAND_ID + " = r." + BRAND_ID + " AND c."
          + OutputTables.USER_ID + " = r." + OutputTables.USER_ID);

  public static final View CAMPAIGN_PLAN_SUMMARY = new View("campaign_plan_summary",
      "One row per campaign plan: run date, plan_id, brand, budget, method, picks, cost (spent), reach"
          + " (distinct audience of the picks), reach_per_cost, coverage of the candidate pool's audience.",
      "SELECT " + RUN_DATE + ", " + Campaign.PLAN_ID + ", " + BRAND_ID + ", " + Campaign.BUDGET + ", "
          + Campaign.METHOD + ", count(*) AS picks, max(" + Campaign.CUMULATIVE_COST + ") AS cost, max("
          + Roster.CUMULATIVE_REACH + ") AS reach, max(" + Roster.CUMULATIVE_REACH + ") / nullif(max("
          + Campaign.CUMULATIVE_COST + "), 0) AS reach_per_cost, max(" + Roster.COVERAGE + ") AS coverage, max("
          + Campaign.PLANNED_AT + ") AS planned_at FROM " + OutputTables.CAMPAIGN_PLANS.name() + " GROUP BY " + RUN_DATE
          + ", " + Campaign.PLAN_ID + ", " + BRAND_ID + ", " + Campaign.BUDGET + ", " + Campaign.METHOD);

  public static final View DATA_QUALITY = new View("data_quality",
      "Quarantined input rows per run date, dataset, reason and column.",
      "SELECT " + RUN_DATE + ", " + Quarantine.DATASET + ", " + Quarantine.REASON + ", " + Quarantine.COLUMN
          + ", count(*) AS quarantined_rows FROM " + OutputTables.QUARANTINE.name() + " GROUP BY " + RUN_DATE + ", "
          + Quarantine.DATASET + ", " + Quarantine.REASON + ", " + Quarantine.COLUMN);

  public static final View STAGE_TIMINGS = new View("stage_timings",
      "The latest attempt of each stage for each run date (from job_runs): status, seconds, rows in and out.",
      "SELECT " + RUN_DATE + ", " + JobRuns.STAGE + ", " + JobRuns.RUN_ID + ", " + JobRuns.COMMAND + ", "
          + JobRuns.STATUS + ", " + JobRuns.STARTED_AT + ", " + JobRuns.SECONDS + ", " + JobRuns.ROWS_IN + ", "
          + JobRuns.ROWS_OUT + ", " + JobRuns.ERROR + " FROM (SELECT *, row_number() OVER (PARTITION BY " + RUN_DATE
          + ", " + JobRuns.STAGE + " ORDER BY " + JobRuns.STARTED_AT + " DESC) AS attempt FROM "
          + OutputTables.JOB_RUNS.name() + ") WHERE attempt = 1");

  /** In dependency order (top_movers and employee_leaderboard read latest_ranking). */
  public static final List<View> ALL = List.of(LATEST_RANKING, TOP_MOVERS, EMPLOYEE_LEADERBOARD,
      BRAND_SENTIMENT_TREND, AMBASSADOR_SCORE_HISTORY, ROSTER_COVERAGE, BRAND_TRUST_TREND, CONVERSION_LEADERS, CAMPAIGN_PLAN_SUMMARY, DATA_QUALITY,
      STAGE_TIMINGS);

  /** Registers every view as a temporary view; the output tables must be registered first. */
  public static void register(SparkSession spark) {
    register(spark, ALL);
  }

  /** Registers {@code views} (in this order) as temporary views; the tables they read must be registered first. */
  public static void register(SparkSession spark, List<View> views) {
    for (View v : views) {
      spark.sql("CREATE OR REPLACE TEMPORARY VIEW `" + v.name() + "` AS " + v.sql());
    }
  }

  /**
   * The views whose name appears as a word in {@code sql}, and the views those read, in
   * {@link #ALL}'s order (a view is listed after any view it reads).
   */
  public static List<View> namedIn(String sql) {
    List<View> named = List.of();
    String text = sql;
    while (true) {
      String seen = text;
      List<View> now = ALL.stream().filter(v -> OutputTables.mentions(seen, v.name())).toList();
      if (now.size() == named.size()) {
        return now;
      }
      named = now;
      text = sql + "\n" + now.stream().map(View::sql).collect(Collectors.joining("\n"));
    }
  }

  /** The SQL of {@code views}, joined: what decides which tables they need registered. */
  public static String sqlOf(List<View> views) {
    return views.stream().map(View::sql).collect(Collectors.joining("\n"));
  }
}
