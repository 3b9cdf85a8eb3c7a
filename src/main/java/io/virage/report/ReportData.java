package io.virage.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_if;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.virage.ranking.ScoreComponent;
import io.virage.schema.AnalystViews;
import io.virage.schema.InputContract.Brands;
import io.virage.schema.InputContract.Users;
import io.virage.schema.OutputTables;
import io.virage.schema.OutputTables.Candidates;
import io.virage.schema.OutputTables.JobRuns;
import io.virage.schema.OutputTables.Rankings;
import io.virage.schema.OutputTables.Roster;
import io.virage.schema.OutputTables.Sentiment;
import io.virage.schema.OutputTables.Trust;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;

/**
 * What the report shows for one run date, read from the registered tables and views. Everything
 * collected to the driver is bounded: a few rows per brand and stage, and one point per brand,
 * language and day of the trend window.
 */
record ReportData(LocalDate runDate, String warehouse, String codeVersion, String runId,
    List<Stage> stages, Map<ScoreComponent, Double> weights, String weightsSource,
    List<DatasetCounts> datasets, List<Quality> quality, List<Brand> brands, List<LocalDate> trendDays,
    List<Plan> plans, List<Converter> converters, Map<String, long[]> languages) {

  record Stage(String stage, String command, String status, double seconds, long rowsIn, long rowsOut, String error) {}

  record DatasetCounts(String dataset, long read, long loaded, long quarantined) {}

  record Quality(String dataset, String reason, String column, long rows) {}

  /** {@code displayName}: users_public.display_name, null when unknown. */
  record Ambassador(int rank, String userId, String handle, double score, String tier, boolean employee,
      Integer rankChange, boolean isNew, String movedComponents, Map<ScoreComponent, Double> components,
      String explanation, String displayName) {}

  record Pick(int pick, String handle, int rank, String community, long marginalReach, long cumulativeReach,
      long topKReach) {}

  /** One campaign plan of the run date (campaign_plan_summary). */
  record Plan(String brandId, String planId, double budget, String method, long picks, double cost, long reach) {}

  /** One of a brand's users credited with the most conversions on the run date (conversion_leaders). */
  record Converter(String brandId, int conversionRank, String handle, double attributed, Double value, long referrals,
      Integer rank) {}

  /** Users shown per brand in the conversions section. */
  static final int CONVERTERS_PER_BRAND = 5;

  /** At most this many campaign plans are shown (the latest planned first). */
  static final int MAX_PLANS = 50;

  /** One language's daily post counts over the trend window. */
  record Trend(String lang, long[] posts, long[] positive, long[] negative) {
    /**
     * Net sentiment, (positive - negative) / posts, over the {@code days} days ending on each day;
     * NaN where those days hold no post.
     */
    double[] rollingNetSentiment(int days) {
      double[] out = new double[posts.length];
      for (int i = 0; i < posts.length; i++) {
        long n = 0;
        long net = 0;
        for (int j = Math.max(0, i - days + 1); j <= i; j++) {
          n += posts[j];
          net += positive[j] - negative[j];
        }
        out[i] = n == 0 ? Double.NaN : net / (double) n;
      }
      return out;
    }
  }

  /** {@code name}: brands.name, or the id when the brands table does not name it. */
  record Brand(String brandId, String name, long candidates, long eligible, long ranked, Map<String, Long> tiers, long employees,
      long newEntries, List<Ambassador> top, List<Ambassador> risers, List<Ambassador> fallers, List<Pick> roster,
      List<Trend> trend, List<TrustPoint> trust, Map<LocalDate, Map<String, Double>> scoreHistory,
      List<ExamplePost> examples, Map<String, Long> exclusions, List<SentimentVolume> sentiment) {
    /** brand_trust of the run date itself, or null when the run wrote none. */
    TrustPoint trustToday(LocalDate runDate) {
      return trust.isEmpty() || !trust.get(trust.size() - 1).runDate().equals(runDate) ? null : trust.get(trust.size() - 1);
    }
  }

  /**
   * One brand_trust row: the index and its parts (null when without data), and the raw figures the
   * report prints beside them.
   */
  record TrustPoint(LocalDate runDate, Double index, Map<String, Double> parts, long addressed, long answered,
      Double medianAnswerHours, long complaints, long complaintsAnswered, Double sentiment7d, Double sentiment30d,
      long advocates, long detractors) {}

  /** One post quoted in a brand's drill-down: a top ambassador's latest post about the brand. */
  record ExamplePost(String handle, int rank, java.sql.Timestamp ts, String lang, String label, Double score,
      Integer modelVersion, String text) {}

  /**
   * Posts about a brand in the trend window for one language and model version: how many, how many
   * the model scored (none for a language it does not analyse), positive, negative, mean score.
   */
  record SentimentVolume(String lang, Integer modelVersion, long posts, long scored, long positive, long negative,
      Double meanScore) {}

  /** The drill-down shows the score history of this many of the brand's top ambassadors, and their posts. */
  static final int DRILL_DOWN_AMBASSADORS = 5;

  /** The report draws each brand's trust over at most this many run dates up to the report's. */
  static final int TRUST_RUN_DATES = 30;

  private static final ObjectMapper JSON = new ObjectMapper();
  static final List<String> TIERS = List.of("gold", "silver", "bronze");

  /**
   * Reads the report of {@code runDate}; tables and views must be registered in {@code spark}.
   * {@code fallbackWeights} are used when the run did not record its weights.
   */
  static ReportData load(SparkSession spark, String warehouse, LocalDate runDate, int topN, int trendDays,
      Map<ScoreComponent, Double> fallbackWeights) {
    Column onDate = col(OutputTables.RUN_DATE).equalTo(lit(Date.valueOf(runDate)));
    List<Row> stageRows = spark.table(AnalystViews.STAGE_TIMINGS.name()).filter(onDate)
        .orderBy(JobRuns.STARTED_AT).collectAsList(); // one row per stage
    if (stageRows.isEmpty()) {
      throw new IllegalStateException("no run recorded for run date " + runDate + " in " + warehouse
          + " (job_runs); run nightly --run-date " + runDate + " first");
    }
    List<Stage> stages = new ArrayList<>();
    for (Row r : stageRows) {
      stages.add(new Stage(r.getAs(JobRuns.STAGE), r.getAs(JobRuns.COMMAND), r.getAs(JobRuns.STATUS),
          r.<Double>getAs(JobRuns.SECONDS), nz(r.getAs(JobRuns.ROWS_IN)), nz(r.getAs(JobRuns.ROWS_OUT)),
          r.getAs(JobRuns.ERROR)));
    }
    Row lastRun = spark.table(OutputTables.JOB_RUNS.name()).filter(onDate).orderBy(col(JobRuns.STARTED_AT).desc())
        .select(JobRuns.RUN_ID, JobRuns.CODE_VERSION).first();

    // The weights and per-dataset counts the run recorded in job_runs.details.
    Map<String, String> details = new LinkedHashMap<>();
    spark.table(OutputTables.JOB_RUNS.name()).filter(onDate.and(col(JobRuns.STATUS).equalTo("succeeded")))
        .orderBy(JobRuns.STARTED_AT).select(JobRuns.STAGE, JobRuns.DETAILS).collectAsList() // one row per stage and attempt
        .forEach(r -> details.put(r.getString(0), r.getString(1)));
    Map<ScoreComponent, Double> weights = new EnumMap<>(ScoreComponent.class);
    JsonNode ranking = parse(details.get("ranking"));
    String weightsSource = "recorded by the ranking stage";
    if (ranking.has("weights")) {
      for (ScoreComponent c : ScoreComponent.values()) {
        weights.put(c, ranking.path("weights").path(c.key()).asDouble(0));
      }
    } else {
      weights.putAll(fallbackWeights);
      weightsSource = "from the current configuration (this run did not record its weights)";
    }
    List<DatasetCounts> datasets = new ArrayList<>();
    JsonNode validate = parse(details.get("validate"));
    validate.fieldNames().forEachRemaining(name -> {
      JsonNode d = validate.get(name);
      if (d.isObject() && d.has("read")) {
        datasets.add(new DatasetCounts(name, d.path("read").asLong(), d.path("loaded").asLong(),
            d.path("quarantined").asLong()));
      }
    });

    List<Quality> quality = new ArrayList<>();
    spark.table(AnalystViews.DATA_QUALITY.name()).filter(onDate).orderBy(col("quarantined_rows").desc(),
        col(OutputTables.Quarantine.DATASET), col(OutputTables.Quarantine.REASON)).collectAsList() // datasets x reasons x columns
        .forEach(r -> quality.add(new Quality(r.getAs(OutputTables.Quarantine.DATASET), r.getAs(OutputTables.Quarantine.REASON),
            r.getAs(OutputTables.Quarantine.COLUMN), r.<Long>getAs("quarantined_rows"))));

    // Public names (current state): display names beside handles, brand names in headings.
    Dataset<Row> names = spark.table(OutputTables.USERS_PUBLIC.name())
        .select(col(OutputTables.USER_ID), col(Users.DISPLAY_NAME));
    Dataset<Row> rankings = spark.table(OutputTables.AMBASSADOR_RANKINGS.name()).filter(onDate);
    // Only the rows shown get their display name (the counts below need none).
    Dataset<Row> shown = rankings.join(names, OutputTables.USER_ID, "left");
    Map<String, String> brandNames = new TreeMap<>();
    spark.table(OutputTables.BRANDS.name()).select(OutputTables.BRAND_ID, Brands.NAME).collectAsList() // one per brand
        .forEach(r -> brandNames.put(r.getString(0), r.getString(1)));
    Map<String, long[]> candidates = new TreeMap<>();
    spark.table(OutputTables.AMBASSADOR_CANDIDATES.name()).filter(onDate).groupBy(OutputTables.BRAND_ID)
        .agg(count(lit(1)), count_if(col(Candidates.ELIGIBLE))).collectAsList() // one row per brand
        .forEach(r -> candidates.put(r.getString(0), new long[] {r.getLong(1), r.getLong(2)}));
    Map<String, Map<String, Long>> tiers = new TreeMap<>();
    Map<String, long[]> counts = new TreeMap<>();
    rankings.groupBy(OutputTables.BRAND_ID, Rankings.TIER).count().collectAsList() // brands x 3 tiers
        .forEach(r -> tiers.computeIfAbsent(r.getString(0), k -> new LinkedHashMap<>()).put(r.getString(1), r.getLong(2)));
    rankings.groupBy(OutputTables.BRAND_ID).agg(count(lit(1)), count_if(col(Rankings.IS_EMPLOYEE)),
        count_if(col(Rankings.IS_NEW))).collectAsList() // one row per brand
        .forEach(r -> counts.put(r.getString(0), new long[] {r.getLong(1), r.getLong(2), r.getLong(3)}));

    Map<String, List<Ambassador>> top = group(shown.filter(col(Rankings.RANK).leq(topN)).orderBy(Rankings.RANK));
    Dataset<Row> moved = shown.filter(col(Rankings.IS_MOVER));
    Map<String, List<Ambassador>> risers = group(firstPerBrand(moved.filter(col(Rankings.RANK_CHANGE).gt(0)),
        col(Rankings.RANK_CHANGE).desc(), 5));
    Map<String, List<Ambassador>> fallers = group(firstPerBrand(moved.filter(col(Rankings.RANK_CHANGE).lt(0)),
        col(Rankings.RANK_CHANGE).asc(), 5));

    Map<String, List<Pick>> roster = new TreeMap<>();
    spark.table(OutputTables.AMBASSADOR_ROSTER.name()).filter(onDate).orderBy(OutputTables.BRAND_ID, Roster.PICK)
        .collectAsList() // ranking.roster.size rows per brand
        .forEach(r -> roster.computeIfAbsent(r.getAs(OutputTables.BRAND_ID), k -> new ArrayList<>()).add(new Pick(
            r.<Integer>getAs(Roster.PICK), r.getAs(Rankings.HANDLE), r.<Integer>getAs(Rankings.RANK),
            r.getAs(Roster.COMMUNITY), nz(r.getAs(Roster.MARGINAL_REACH)), nz(r.getAs(Roster.CUMULATIVE_REACH)),
            nz(r.getAs(Roster.TOP_K_REACH)))));

    List<LocalDate> days = new ArrayList<>();
    for (int i = trendDays - 1; i >= 0; i--) {
      days.add(runDate.minusDays(i));
    }
    Map<String, Map<String, Trend>> trends = new TreeMap<>();
    spark.table(AnalystViews.BRAND_SENTIMENT_TREND.name())
        .filter(col("day").between(lit(Date.valueOf(days.get(0))), lit(Date.valueOf(runDate))))
        .filter(col("scored_posts").gt(0))
        .collectAsList() // brands x languages x trendDays
        .forEach(r -> {
          Trend t = trends.computeIfAbsent(r.getAs(OutputTables.BRAND_ID), k -> new TreeMap<>())
              .computeIfAbsent(r.getAs(OutputTables.Sentiment.LANG),
                  lang -> new Trend(lang, new long[days.size()], new long[days.size()], new long[days.size()]));
          int i = days.indexOf(r.<Date>getAs("day").toLocalDate());
          t.posts()[i] = r.<Long>getAs("scored_posts"); // net sentiment is over the posts that have one
          t.positive()[i] = r.<Long>getAs("positive_posts");
          t.negative()[i] = r.<Long>getAs("negative_posts");
        });

    Map<String, List<TrustPoint>> trust = new TreeMap<>();
    Dataset<Row> trustRows = spark.table(OutputTables.BRAND_TRUST.name())
        .filter(col(OutputTables.RUN_DATE).leq(lit(Date.valueOf(runDate))));
    firstPerBrand(trustRows, col(OutputTables.RUN_DATE).desc(), TRUST_RUN_DATES)
        .orderBy(OutputTables.BRAND_ID, OutputTables.RUN_DATE).collectAsList() // brands x TRUST_RUN_DATES
        .forEach(r -> {
          Map<String, Double> parts = new LinkedHashMap<>();
          for (int i = 0; i < Trust.COMPONENTS.size(); i++) {
            parts.put(io.virage.config.Settings.TRUST_PARTS.get(i), r.<Double>getAs(Trust.COMPONENTS.get(i)));
          }
          trust.computeIfAbsent(r.getAs(OutputTables.BRAND_ID), k -> new ArrayList<>()).add(new TrustPoint(
              r.<Date>getAs(OutputTables.RUN_DATE).toLocalDate(), r.getAs(Trust.TRUST_INDEX), parts,
              nz(r.getAs(Trust.ADDRESSED)), nz(r.getAs(Trust.ANSWERED)), r.getAs(Trust.MEDIAN_ANSWER_HOURS),
              nz(r.getAs(Trust.COMPLAINTS)), nz(r.getAs(Trust.COMPLAINTS_ANSWERED)), r.getAs(Trust.SENTIMENT_7D),
              r.getAs(Trust.SENTIMENT_30D), nz(r.getAs(Trust.ADVOCATES)), nz(r.getAs(Trust.DETRACTORS))));
        });

    // Drill-down: the top ambassadors' scores over the brand's last run dates, their latest post, why
    // the other candidates are not ranked, and the sentiment about the brand with its volume.
    Dataset<Row> topNow = rankings.filter(col(Rankings.RANK).leq(DRILL_DOWN_AMBASSADORS))
        .select(col(OutputTables.BRAND_ID), col(OutputTables.USER_ID), col(Rankings.RANK).as("_rank_now"));
    Map<String, Map<LocalDate, Map<String, Double>>> history = new TreeMap<>();
    Dataset<Row> past = spark.table(OutputTables.AMBASSADOR_RANKINGS.name())
        .filter(col(OutputTables.RUN_DATE).leq(lit(Date.valueOf(runDate))));
    // The brand's last run dates, from its (brand, run date) pairs: the window sorts those few, not every row.
    Dataset<Row> recentDates = past.select(OutputTables.BRAND_ID, OutputTables.RUN_DATE).distinct()
        .withColumn("_dates_back", org.apache.spark.sql.functions.dense_rank().over(
            Window.partitionBy(OutputTables.BRAND_ID).orderBy(col(OutputTables.RUN_DATE).desc())))
        .filter(col("_dates_back").leq(TRUST_RUN_DATES));
    past.join(org.apache.spark.sql.functions.broadcast(topNow), PAIR)
        .join(recentDates, scala.jdk.javaapi.CollectionConverters.asScala(
            List.of(OutputTables.BRAND_ID, OutputTables.RUN_DATE)).toList())
        .select(OutputTables.BRAND_ID, OutputTables.RUN_DATE, Rankings.HANDLE, Rankings.SCORE, "_rank_now")
        .orderBy(OutputTables.BRAND_ID, OutputTables.RUN_DATE, "_rank_now")
        .collectAsList() // brands x DRILL_DOWN_AMBASSADORS x TRUST_RUN_DATES
        .forEach(r -> history.computeIfAbsent(r.getString(0), k -> new TreeMap<>())
            .computeIfAbsent(r.<Date>getAs(OutputTables.RUN_DATE).toLocalDate(), k -> new LinkedHashMap<>())
            .put(r.getString(2), r.getDouble(3)));
    Map<String, List<ExamplePost>> examples = new TreeMap<>();
    Dataset<Row> postsUpToRunDate = spark.table(OutputTables.POST_SENTIMENT.name())
        .filter(col(Sentiment.TS).lt(lit(Date.valueOf(runDate.plusDays(1)))));
    Dataset<Row> aboutBrand = postsUpToRunDate.select(col(Sentiment.AUTHOR_ID).as(OutputTables.USER_ID),
        org.apache.spark.sql.functions.explode(col(Sentiment.BRAND_IDS)).as(OutputTables.BRAND_ID), col(Sentiment.TS),
        col(Sentiment.LANG), col(Sentiment.LABEL), col(Sentiment.SCORE), col(Sentiment.MODEL_VERSION), col(Sentiment.TEXT));
    Dataset<Row> byTop = aboutBrand.join(topNow, PAIR);
    firstPerPair(byTop).join(rankings.select(OutputTables.BRAND_ID, OutputTables.USER_ID, Rankings.HANDLE),
            PAIR)
        .orderBy(OutputTables.BRAND_ID, "_rank_now").collectAsList() // brands x DRILL_DOWN_AMBASSADORS
        .forEach(r -> examples.computeIfAbsent(r.getAs(OutputTables.BRAND_ID), k -> new ArrayList<>()).add(
            new ExamplePost(r.getAs(Rankings.HANDLE), r.<Integer>getAs("_rank_now"), r.getAs(Sentiment.TS),
                r.getAs(Sentiment.LANG), r.getAs(Sentiment.LABEL), r.getAs(Sentiment.SCORE),
                r.getAs(Sentiment.MODEL_VERSION), r.getAs(Sentiment.TEXT))));
    Map<String, Map<String, Long>> exclusions = new TreeMap<>();
    spark.table(OutputTables.AMBASSADOR_CANDIDATES.name()).filter(onDate.and(col(Candidates.ELIGIBLE).unary_$bang()))
        .groupBy(OutputTables.BRAND_ID, Candidates.REASON).count().orderBy(OutputTables.BRAND_ID, Candidates.REASON)
        .collectAsList() // brands x reasons
        .forEach(r -> exclusions.computeIfAbsent(r.getString(0), k -> new LinkedHashMap<>())
            .put(r.isNullAt(1) ? "unknown" : r.getString(1), r.getLong(2)));
    Map<String, List<SentimentVolume>> volumes = new TreeMap<>();
    aboutBrand.filter(col(Sentiment.TS).geq(lit(Date.valueOf(days.get(0)))))
        .groupBy(OutputTables.BRAND_ID, Sentiment.LANG, Sentiment.MODEL_VERSION)
        .agg(count(lit(1)), count(col(Sentiment.LABEL)), count_if(col(Sentiment.LABEL).equalTo("positive")),
            count_if(col(Sentiment.LABEL).equalTo("negative")), org.apache.spark.sql.functions.avg(col(Sentiment.SCORE)))
        .orderBy(OutputTables.BRAND_ID, Sentiment.LANG, Sentiment.MODEL_VERSION)
        .collectAsList() // brands x languages x model versions
        .forEach(r -> volumes.computeIfAbsent(r.getString(0), k -> new ArrayList<>()).add(new SentimentVolume(
            r.isNullAt(1) ? "unknown" : r.getString(1), r.isNullAt(2) ? null : r.getInt(2), r.getLong(3), r.getLong(4),
            r.getLong(5), r.getLong(6), r.isNullAt(7) ? null : r.getDouble(7))));

    java.util.SortedSet<String> brandIds = new java.util.TreeSet<>(candidates.keySet());
    brandIds.addAll(counts.keySet());
    List<Brand> brands = new ArrayList<>();
    for (String b : brandIds) {
      long[] c = candidates.getOrDefault(b, new long[2]);
      long[] n = counts.getOrDefault(b, new long[3]);
      String name = brandNames.get(b);
      brands.add(new Brand(b, name == null || name.isBlank() ? b : name, c[0], c[1], n[0], tiers.getOrDefault(b, Map.of()), n[1], n[2],
          top.getOrDefault(b, List.of()), risers.getOrDefault(b, List.of()), fallers.getOrDefault(b, List.of()),
          roster.getOrDefault(b, List.of()), new ArrayList<>(trends.getOrDefault(b, Map.of()).values()),
          trust.getOrDefault(b, List.of()), history.getOrDefault(b, Map.of()), examples.getOrDefault(b, List.of()),
          exclusions.getOrDefault(b, Map.of()), volumes.getOrDefault(b, List.of())));
    }
    List<Plan> plans = new ArrayList<>();
    spark.table(AnalystViews.CAMPAIGN_PLAN_SUMMARY.name()).filter(onDate)
        .orderBy(col(OutputTables.Campaign.PLANNED_AT).desc()).limit(MAX_PLANS).collectAsList()
        .forEach(r -> plans.add(new Plan(r.getAs(OutputTables.BRAND_ID), r.getAs(OutputTables.Campaign.PLAN_ID),
            r.<Double>getAs(OutputTables.Campaign.BUDGET), r.getAs(OutputTables.Campaign.METHOD), r.<Long>getAs("picks"),
            r.<Double>getAs("cost"), r.<Long>getAs("reach"))));
    plans.sort(java.util.Comparator.comparing(Plan::brandId).thenComparingDouble(Plan::budget));
    List<Converter> converters = new ArrayList<>();
    spark.table(AnalystViews.CONVERSION_LEADERS.name()).filter(onDate)
        .filter(col("conversion_rank").leq(CONVERTERS_PER_BRAND)) // bounded: 5 rows per brand
        .orderBy(OutputTables.BRAND_ID, "conversion_rank").collectAsList()
        .forEach(r -> converters.add(new Converter(r.getAs(OutputTables.BRAND_ID), r.<Integer>getAs("conversion_rank"),
            r.getAs(OutputTables.Rankings.HANDLE), r.<Double>getAs(OutputTables.ConversionCredit.ATTRIBUTED_CONVERSIONS),
            r.getAs(OutputTables.ConversionCredit.ATTRIBUTED_VALUE), r.<Long>getAs(OutputTables.ConversionCredit.REFERRALS),
            r.getAs(OutputTables.Rankings.RANK))));
    // Posts up to the run date per language, and of those not scored (a language the model does not
    // analyse), as the sentiment stage recorded them.
    Map<String, long[]> languages = new TreeMap<>();
    JsonNode sentimentDetails = parse(details.get("sentiment"));
    sentimentDetails.path("posts_by_language").fields().forEachRemaining(e -> languages.put(e.getKey(),
        new long[] {e.getValue().asLong(), sentimentDetails.path("unsupported_posts_by_language").path(e.getKey()).asLong(0)}));
    return new ReportData(runDate, warehouse, lastRun.getString(1), lastRun.getString(0), stages, weights,
        weightsSource, datasets, quality, brands, days, plans, converters, languages);
  }

  private static Dataset<Row> firstPerBrand(Dataset<Row> rows, Column order, int n) {
    return rows.withColumn("_n", row_number().over(Window.partitionBy(OutputTables.BRAND_ID).orderBy(order)))
        .filter(col("_n").leq(n)).orderBy(col(OutputTables.BRAND_ID), col("_n"));
  }

  /** Collects ranking rows (already bounded per brand by the caller) grouped by brand, in order. */
  private static final scala.collection.immutable.Seq<String> PAIR = scala.jdk.javaapi.CollectionConverters
      .asScala(List.of(OutputTables.BRAND_ID, OutputTables.USER_ID)).toList();

  /** Each (brand, user)'s latest row of {@code posts}. */
  private static Dataset<Row> firstPerPair(Dataset<Row> posts) {
    return posts.withColumn("_n", row_number().over(Window.partitionBy(OutputTables.BRAND_ID, OutputTables.USER_ID)
        .orderBy(col(Sentiment.TS).desc()))).filter(col("_n").equalTo(1)).drop("_n");
  }

  /** {@code rows} per brand; its callers pass at most the top N (or a few movers) per brand. */
  private static Map<String, List<Ambassador>> group(Dataset<Row> rows) {
    Map<String, List<Ambassador>> out = new TreeMap<>();
    for (Row r : rows.collectAsList()) { // bounded: a few rows per brand
      Map<ScoreComponent, Double> components = new EnumMap<>(ScoreComponent.class);
      for (ScoreComponent c : ScoreComponent.values()) {
        Double v = r.getAs(c.column());
        // conversions stays null when the brand's conversions are unknown (it then weighs 0).
        components.put(c, v == null && c != ScoreComponent.CONVERSIONS ? Double.valueOf(0.0) : v);
      }
      out.computeIfAbsent(r.getAs(OutputTables.BRAND_ID), k -> new ArrayList<>()).add(new Ambassador(
          r.<Integer>getAs(Rankings.RANK), r.getAs(OutputTables.USER_ID), r.getAs(Rankings.HANDLE),
          r.<Double>getAs(Rankings.SCORE), r.getAs(Rankings.TIER), Boolean.TRUE.equals(r.getAs(Rankings.IS_EMPLOYEE)),
          r.getAs(Rankings.RANK_CHANGE), Boolean.TRUE.equals(r.getAs(Rankings.IS_NEW)),
          r.getAs(Rankings.MOVED_COMPONENTS), components, r.getAs(Rankings.EXPLANATION),
          r.getAs(Users.DISPLAY_NAME)));
    }
    return out;
  }

  private static JsonNode parse(String json) {
    try {
      return json == null ? JSON.createObjectNode() : JSON.readTree(json);
    } catch (java.io.IOException e) {
      return JSON.createObjectNode();
    }
  }

  private static long nz(Long v) {
    return v == null ? 0 : v;
  }
}
