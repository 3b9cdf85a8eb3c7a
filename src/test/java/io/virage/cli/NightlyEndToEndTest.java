package io.virage.cli;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.get_json_object;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virage.SparkTestBase;
import io.virage.schema.OutputTables;
import io.virage.testing.Cli;
import io.virage.testing.Cli.Result;
import io.virage.testing.DemoLakehouse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The product as a user runs it, on a copy of the suite's demo lakehouse ({@code nightly --demo}
 * for D1 then D2): every stage recorded; rerunning D2 gives the same rows; a third run date leaves
 * the first two untouched; {@code sql} answers; bad input and bad configuration exit non-zero with
 * a one-line reason.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NightlyEndToEndTest extends SparkTestBase {
  private static final String D1 = DemoLakehouse.D1;
  private static final String D2 = DemoLakehouse.D2;
  private static final String D3 = "2026-11-27";
  /** The tables nightly writes (every one but those of on-demand commands such as plan-campaign). */
  private static final List<OutputTables.Table> NIGHTLY = OutputTables.ALL.stream()
      .filter(t -> !OutputTables.ON_DEMAND.contains(t)).toList();
  private static final List<OutputTables.Table> PER_RUN = NIGHTLY.stream().filter(OutputTables.Table::perRunDate).toList();

  @TempDir
  static Path scratch;

  static Path warehouse;

  /** Every per-run-date table after the two nights, sorted. */
  private static Map<String, List<Row>> firstRun;

  private static Result cli(String... args) {
    return Cli.run(args);
  }

  private static Result nightly(String runDate) {
    return Cli.runFast("nightly", "--demo", "--warehouse", warehouse.toString(), "--run-date", runDate,
        "--set", "demo.users=" + DemoLakehouse.USERS);
  }

  private static Map<String, List<Row>> snapshot() {
    Map<String, List<Row>> out = new HashMap<>();
    for (OutputTables.Table t : PER_RUN) {
      Dataset<Row> df = table(t);
      out.put(t.name(), df.orderBy(df.columns()[0], java.util.Arrays.copyOfRange(df.columns(), 1, df.columns().length))
          .collectAsList());
    }
    return out;
  }

  /** The rows of run date D1, in their order. */
  private static List<Row> onD1(List<Row> rows) {
    return rows.stream().filter(r -> r.getAs("run_date").toString().equals(D1)).toList();
  }

  /**
   * A table of this test's warehouse, without quarantine's source_file: this warehouse is a copy
   * of the shared one, so the runs here read the demo input from another folder.
   */
  private static Dataset<Row> table(OutputTables.Table t) {
    return spark.read().format("delta").load(warehouse.resolve(t.name()).toString())
        .drop(OutputTables.Quarantine.SOURCE_FILE);
  }

  @BeforeAll
  static void twoNights() {
    warehouse = DemoLakehouse.copy(scratch.resolve("lake"));
    assertTrue(DemoLakehouse.firstNightOutput().startsWith("nightly " + D1 + " succeeded"),
        DemoLakehouse.firstNightOutput());
    firstRun = snapshot();
  }

  @Test
  @Order(1)
  void everyStageWroteRowsAndWasRecorded() {
    for (OutputTables.Table t : PER_RUN) {
      assertTrue(firstRun.get(t.name()).size() > 0, t.name() + " has rows");
    }
    List<Row> runs = table(OutputTables.JOB_RUNS).orderBy("started_at").select("stage", "status", "run_date")
        .collectAsList();
    // The first night found the registry empty: it trained the first model in a stage of its own.
    assertEquals(List.of("validate", "influence", "train-sentiment", "sentiment", "ranking",
            "validate", "influence", "sentiment", "ranking"),
        runs.stream().map(r -> r.getString(0)).toList(), "two nights of four stages, the first with its training");
    assertEquals(List.of(D1, D1, D1, D1, D1, D2, D2, D2, D2), runs.stream().map(r -> r.getDate(2).toString()).toList());
    assertTrue(runs.stream().allMatch(r -> r.getString(1).equals("succeeded")));
  }

  @Test
  @Order(1)
  void brandAccountsPostAboutTheirBrandButAreNeverRanked() {
    // The demo's users u0..u9 are the brands' own accounts (handles such as @aurora).
    org.apache.spark.sql.Column brandAccount = col("user_id").isin("u0", "u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8", "u9");
    assertTrue(table(OutputTables.POST_SENTIMENT).filter(col("author_id").isin("u0", "u2", "u4", "u6", "u8")
        .and(org.apache.spark.sql.functions.size(col("brand_ids")).gt(0))).count() > 0, "brand accounts are candidates");
    assertEquals(0, table(OutputTables.AMBASSADOR_RANKINGS).filter(brandAccount).count(), "but never ranked");
    assertTrue(table(OutputTables.BRAND_INFLUENCE).filter(brandAccount.and(col("seed_weight").gt(0))).count() > 0,
        "they seed their brand's PageRank");
  }

  @Test
  @Order(1)
  void conversionsAreCreditedToPlantedAdvocatesNotBotsAndCountInTheScore() {
    java.sql.Date d2 = java.sql.Date.valueOf(D2);
    Dataset<Row> credits = table(OutputTables.AMBASSADOR_CONVERSIONS).filter(col("run_date").equalTo(d2));
    // Independently of validation: the distinct conversion ids of the raw input in the 90-day window up to D2.
    long inWindow = spark.read().parquet(DemoLakehouse.input().resolve("conversions").toString())
        .filter(col("conversion_id").isNotNull().and(col("ts").gt(java.sql.Timestamp.valueOf("2026-08-29 00:00:00")))
            .and(col("ts").lt(java.sql.Timestamp.valueOf("2026-11-27 00:00:00"))))
        .select("conversion_id").distinct().count();
    double attributed = credits.agg(org.apache.spark.sql.functions.sum("attributed_conversions")).first().getDouble(0);
    assertTrue(attributed <= inWindow + 1e-6, attributed + " credited for " + inWindow + " conversions");
    assertTrue(attributed >= 0.5 * inWindow, "most conversions are attributed: " + attributed + " of " + inWindow);

    Map<String, Double> byRole = new HashMap<>();
    credits.join(spark.read().parquet(DemoLakehouse.input().resolve("_truth/users").toString()), "user_id")
        .groupBy("role").agg(org.apache.spark.sql.functions.sum("attributed_conversions")).collectAsList()
        .forEach(r -> byRole.put(r.getString(0), r.getDouble(1)));
    double advocates = byRole.getOrDefault("advocate", 0.0);
    assertTrue(advocates >= 0.2 * attributed, "planted advocates (5% of users) drive a large share: " + byRole);
    assertTrue(byRole.getOrDefault("bot", 0.0) <= 0.02 * attributed, "bots' fake engagement earns nothing: " + byRole);

    // The rankings carry each ranked user's credit (0 when none) and the component counts for every demo brand.
    Dataset<Row> ranked = table(OutputTables.AMBASSADOR_RANKINGS).filter(col("run_date").equalTo(d2));
    assertEquals(0, ranked.filter(col("attributed_conversions").isNull().or(col("conversions_component").isNull())).count());
    assertEquals(0, ranked.join(credits.select(col("brand_id"), col("user_id"), col("attributed_conversions").as("_c")),
            new String[] {"brand_id", "user_id"}, "left")
        .filter(org.apache.spark.sql.functions.abs(col("attributed_conversions")
            .minus(org.apache.spark.sql.functions.coalesce(col("_c"), org.apache.spark.sql.functions.lit(0.0)))).gt(1e-12))
        .count(), "attributed_conversions is ambassador_conversions' credit");
    assertTrue(ranked.filter(col("rank").leq(3).and(col("explanation").contains("attributed conversions"))).count() > 0,
        "the explanation names conversions where they lift the score");
  }

  @Test
  @Order(1)
  void theDemosResponsiveBrandIsTrustedMoreThanTheOneThatIgnoresComplaints() {
    // Planted (DemoVocabulary): aurora answers ~90 % of mentions and complaints, boreal no complaint.
    Map<String, Row> trust = new HashMap<>();
    table(OutputTables.BRAND_TRUST).filter(col("run_date").equalTo(java.sql.Date.valueOf(D2))).collectAsList()
        .forEach(r -> trust.put(r.getAs("brand_id"), r));
    Row aurora = trust.get("aurora");
    Row boreal = trust.get("boreal");
    assertEquals(5, trust.size(), "one row per brand: " + trust.keySet());
    assertTrue(aurora.<Long>getAs("complaints") > 0 && boreal.<Long>getAs("complaints") > 0, "both have complaints");
    assertTrue(aurora.<Double>getAs("complaints_answered_share") > 0.6, aurora.toString());
    assertTrue(boreal.<Double>getAs("complaints_answered_share") < 0.2, boreal.toString());
    assertTrue(aurora.<Double>getAs("trust_index") > boreal.<Double>getAs("trust_index"), aurora + " vs " + boreal);
  }

  @Test
  @Order(2)
  void countsReconcileAndQuarantineMatchesThem() {
    Row validate = table(OutputTables.JOB_RUNS).filter(col("stage").equalTo("validate")
        .and(col("run_date").equalTo(java.sql.Date.valueOf(D1)))).first();
    String details = validate.getAs("details");
    long quarantined = 0;
    for (String d : List.of("users", "interactions", "posts", "brands", "sentiment_labels")) {
      Row c = spark.sql("SELECT 1").select(
          get_json_object(org.apache.spark.sql.functions.lit(details), "$." + d + ".read").cast("long"),
          get_json_object(org.apache.spark.sql.functions.lit(details), "$." + d + ".loaded").cast("long"),
          get_json_object(org.apache.spark.sql.functions.lit(details), "$." + d + ".quarantined").cast("long")).first();
      assertEquals(c.getLong(0), c.getLong(1) + c.getLong(2), d + ": read = loaded + quarantined");
      assertEquals(c.getLong(2), table(OutputTables.QUARANTINE).filter(col("dataset").equalTo(d)
          .and(col("run_date").equalTo(java.sql.Date.valueOf(D1)))).count(), d + ": quarantine rows of " + D1);
      quarantined += c.getLong(2);
    }
    assertEquals(validate.<Long>getAs("rows_in") - validate.<Long>getAs("rows_out"), quarantined);
  }

  @Test
  @Order(2)
  void theFirstModelCountsTheLabelsLikeValidateAndJoinsToItsRun() throws java.io.IOException {
    Row validate = table(OutputTables.JOB_RUNS).filter(col("stage").equalTo("validate")
        .and(col("run_date").equalTo(java.sql.Date.valueOf(D1)))).first();
    Row sentiment = table(OutputTables.JOB_RUNS).filter(col("stage").equalTo("train-sentiment")
        .and(col("run_date").equalTo(java.sql.Date.valueOf(D1)))).first();
    com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
    com.fasterxml.jackson.databind.JsonNode quarantined = json.readTree(validate.<String>getAs("details"))
        .get("sentiment_labels").get("reasons");
    com.fasterxml.jackson.databind.JsonNode rejected = json.readTree(sentiment.<String>getAs("details"))
        .get("labelled_rejected");
    assertTrue(quarantined.size() > 0, "the demo plants bad labelled rows: " + quarantined);
    assertEquals(quarantined, rejected, "training rejects the rows validate quarantines, under the same reasons");

    Row v1 = table(OutputTables.SENTIMENT_MODELS).filter("version = 1").first();
    assertEquals(sentiment.<String>getAs("run_id"), v1.getAs("run_id"), "the model joins to the nightly that trained it");
    assertEquals(sentiment.<String>getAs("config_hash"), v1.getAs("config_hash"));
    assertEquals(List.of("promoted nightly", "trained nightly"), table(OutputTables.MODEL_EVENTS)
        .filter("version = 1").orderBy("event").collectAsList().stream()
        .map(r -> r.getAs("event") + " " + r.getAs("command")).toList());
  }

  @Test
  @Order(2)
  void brandsAndPublicNamesAreTheInputsCurrentState() {
    assertEquals(List.of("aurora Aurora Cosmetics", "boreal Boréal Outdoor", "cobalt Cobalt Mobile", "dune Dune Coffee",
        "elan Élan Motors"), table(OutputTables.BRANDS).orderBy("brand_id").collectAsList().stream()
        .map(r -> r.getAs("brand_id") + " " + r.getAs("name")).toList(), "the demo's five brands, as DemoVocabulary names them");
    assertEquals(List.of("user_id", "handle", "display_name", "as_of_run_date"),
        List.of(table(OutputTables.USERS_PUBLIC).columns()), "no other column of users");
    Dataset<Row> input = spark.read().parquet(warehouse.resolve(NightlyCommand.DEMO_INPUT).resolve("users").toString());
    Dataset<Row> named = table(OutputTables.USERS_PUBLIC);
    assertEquals(0, named.join(input.filter("opted_out"), "user_id").count(), "opted-out users are not named");
    // Every eligible candidate (the loaded users who posted about a brand and did not opt out) is named,
    // with the handle the ranking shows.
    Dataset<Row> ranked = table(OutputTables.AMBASSADOR_RANKINGS).filter(col("run_date").equalTo(java.sql.Date.valueOf(D2)))
        .select("user_id", "handle").distinct();
    assertTrue(ranked.count() > 0);
    assertEquals(0, ranked.join(named.select(col("user_id"), col("handle").as("_h")), new String[] {"user_id"}, "left")
        .filter("NOT (_h <=> handle)").count(), "ranked users are in users_public with the same handle");
    assertEquals(D2, named.select("as_of_run_date").distinct().first().get(0).toString(), "the latest run's state");
  }

  @Test
  @Order(3)
  void noPersonalDataInAnyTable() {
    for (OutputTables.Table t : NIGHTLY) {
      Dataset<Row> df = table(t);
      long leaks = df.select(to_json(struct(col("*"))).as("j"))
          .filter(col("j").contains("@example.com").or(col("j").contains("+33 6"))).count();
      assertEquals(0, leaks, t.name() + " must not hold email or phone");
    }
  }

  @Test
  @Order(4)
  void rerunningTheSameDateGivesTheSameRows() {
    Result r = nightly(D2);
    assertEquals(0, r.code(), r.err());
    Map<String, List<Row>> second = snapshot();
    for (OutputTables.Table t : PER_RUN) {
      assertEquals(firstRun.get(t.name()), second.get(t.name()), t.name() + " identical after a rerun");
    }
    assertEquals(3, table(OutputTables.JOB_RUNS).select("run_id").distinct().count(), "the audit keeps every run");
    // Sentiment is incremental: the first night trained v1 on the demo labels (the registry was
    // empty) and scored every post; the rerun found them all scored by the champion, trained nothing.
    List<Row> sentimentRuns = table(OutputTables.JOB_RUNS).filter(col("stage").equalTo("sentiment"))
        .orderBy("started_at").select("rows_out", "details").collectAsList();
    assertEquals(3, sentimentRuns.size());
    assertTrue(sentimentRuns.get(0).getLong(0) > 0, "first run scored posts");
    assertEquals(0L, sentimentRuns.get(2).getLong(0), "rerun scored nothing new");
    assertEquals(List.of(D1), table(OutputTables.JOB_RUNS).filter(col("stage").equalTo("train-sentiment"))
        .select("run_date").collectAsList().stream().map(row -> row.getDate(0).toString()).toList(),
        "trained on the first night only, never on the rerun");
    assertEquals(1, table(OutputTables.SENTIMENT_MODELS).count(), "one model");
    assertEquals(table(OutputTables.POST_SENTIMENT).count(), table(OutputTables.POST_SENTIMENT).select("post_id").distinct().count(),
        "one row per post");
  }

  @Test
  @Order(5)
  void anotherRunDateLeavesTheOthersUntouched() {
    Result r = nightly(D3);
    assertEquals(0, r.code(), r.err());
    for (OutputTables.Table t : PER_RUN) {
      Dataset<Row> df = table(t);
      List<Row> before = df.filter(col("run_date").leq(java.sql.Date.valueOf(D2)))
          .orderBy(df.columns()[0], java.util.Arrays.copyOfRange(df.columns(), 1, df.columns().length)).collectAsList();
      assertEquals(firstRun.get(t.name()), before, t.name() + ": " + D1 + " and " + D2 + " rows unchanged");
      assertTrue(df.filter(col("run_date").equalTo(java.sql.Date.valueOf(D3))).count() > 0, t.name() + ": " + D3 + " rows");
    }
  }

  @Test
  @Order(6)
  void sqlPrintsTablesCsvAndJsonAndTravelsInTime() {
    Result table = cli("sql", "--warehouse", warehouse.toString(),
        "SELECT brand_id, count(*) AS n FROM ambassador_rankings WHERE run_date = DATE'" + D1 + "' GROUP BY brand_id ORDER BY brand_id");
    assertEquals(0, table.code(), table.err());
    assertTrue(table.out().contains("| brand_id | n"), table.out());
    assertTrue(table.out().contains("| aurora "), table.out());
    assertTrue(table.out().trim().endsWith("5 rows"), table.out());

    Result csv = cli("sql", "--warehouse", warehouse.toString(), "--format", "csv",
        "SELECT 'a,b' AS x, 1 AS y; CREATE OR REPLACE TEMP VIEW h AS SELECT 1 AS one; SELECT one FROM h");
    assertEquals(0, csv.code(), csv.err());
    assertEquals(List.of("x,y", "\"a,b\",1", "one", "1"), csv.out().lines().toList(),
        "statements that return no rows print nothing");

    Result history = cli("sql", "--warehouse", warehouse.toString(), "DESCRIBE HISTORY ambassador_rankings");
    assertEquals(5, history.out().lines().filter(l -> l.matches("^\\| [0-9]+ .*")).count(),
        "create + four nightly writes (D1, D2, D2 again, D3): " + history.out());

    Result json = cli("sql", "--warehouse", warehouse.toString(), "--format", "json",
        "SELECT count(*) AS n FROM ambassador_rankings VERSION AS OF 0");
    assertEquals("{\"n\":0}", json.out().strip());
  }

  @Test
  @Order(7)
  void sqlWorksOnANewEmptyWarehouse(@TempDir Path empty) {
    Result r = cli("sql", "--warehouse", empty.resolve("new").toString(), "--format", "csv",
        "SELECT count(*) AS n FROM ambassador_rankings");
    assertEquals(0, r.code(), r.err());
    assertEquals(List.of("n", "0"), r.out().lines().toList());
  }

  @Test
  @Order(8)
  void badInputAndBadUsageExitNonZeroWithOneLine(@TempDir Path nothing) {
    Result badSql = cli("sql", "--warehouse", warehouse.toString(), "SELEC 1");
    assertEquals(VirageCli.FAILED, badSql.code());
    assertTrue(badSql.err().startsWith("virage sql: error: [PARSE_SYNTAX_ERROR]"), badSql.err());

    Result missing = cli("nightly", "--input", nothing.toString(), "--warehouse", warehouse.toString());
    assertEquals(VirageCli.BAD_INPUT, missing.code());
    assertEquals(1, missing.err().lines().count(), missing.err());
    assertTrue(missing.err().startsWith("virage nightly: error: dataset 'users': no folder at "), missing.err());

    Result badConfig = cli("nightly", "--demo", "--warehouse", warehouse.toString(), "--set", "influence.damping=2");
    assertEquals(VirageCli.USAGE, badConfig.code());
    assertEquals("virage nightly: error: config influence.damping: expected a number in (0, 1), found 2",
        badConfig.err().strip());

    assertEquals(VirageCli.USAGE, cli("nightly", "--warehouse", warehouse.toString()).code(), "--input or --demo needed");
    assertEquals(VirageCli.USAGE, cli("frobnicate").code());
    assertEquals(VirageCli.USAGE, cli().code());
    Result help = cli("nightly", "--help");
    assertEquals(0, help.code());
    assertTrue(help.out().contains("--run-date"), help.out());
  }

  @Test
  @Order(9)
  void validateCommandPrintsReconciledCounts() {
    Result r = cli("validate", "--input", warehouse.resolve(NightlyCommand.DEMO_INPUT).toString(),
        "--warehouse", warehouse.toString(), "--run-date", D1);
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().lines().anyMatch(l -> l.startsWith("interactions ")), r.out());
    assertEquals(onD1(firstRun.get("quarantine")).size(), table(OutputTables.QUARANTINE)
        .filter(col("run_date").equalTo(java.sql.Date.valueOf(D1))).count(), "validate replaced the same quarantine rows");
  }

  @Test
  @Order(10)
  void aNewChampionRescoresEveryPostOnceAndScoringIsIncremental() {
    String input = warehouse.resolve(NightlyCommand.DEMO_INPUT).toString();
    Result again = cli("score-sentiment", "--input", input, "--warehouse", warehouse.toString(), "--run-date", D1);
    assertEquals(0, again.code(), again.err());
    assertTrue(again.out().startsWith("score-sentiment " + D1 + ": 0 posts scored now"), again.out());
    assertEquals(onD1(firstRun.get("quarantine")).size(), table(OutputTables.QUARANTINE)
        .filter(col("run_date").equalTo(java.sql.Date.valueOf(D1))).count(),
        "validating users, posts and brands leaves the other datasets' quarantine rows of the date alone");

    Result trained = cli("train-sentiment", "--labels", warehouse.resolve(NightlyCommand.DEMO_INPUT).resolve("sentiment_labels")
        .toString(), "--warehouse", warehouse.toString(), "--promote", "--set", "sentiment.cv-folds=1");
    assertEquals(0, trained.code(), trained.err());
    assertTrue(trained.out().contains("champion: promoted by --promote"), trained.out());
    long upToD2 = table(OutputTables.POST_SENTIMENT).count();
    Result rescored = cli("score-sentiment", "--input", input, "--warehouse", warehouse.toString(), "--run-date", D2);
    assertEquals(0, rescored.code(), rescored.err());
    assertTrue(rescored.out().startsWith("score-sentiment " + D2 + ": " + upToD2 + " posts scored now"), rescored.out());
    assertEquals(upToD2, table(OutputTables.POST_SENTIMENT).filter(col("model_version").equalTo(2)).count());
  }

  @Test
  @Order(11)
  void influenceCommandIsTheNightlyStageAlone() {
    Result r = cli("influence", "--input", warehouse.resolve(NightlyCommand.DEMO_INPUT).toString(),
        "--warehouse", warehouse.toString(), "--run-date", D1);
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("influence " + D1 + " succeeded"), r.out());
    for (OutputTables.Table t : List.of(OutputTables.INFLUENCE_SCORES, OutputTables.BRAND_INFLUENCE)) {
      Dataset<Row> df = table(t);
      assertEquals(onD1(firstRun.get(t.name())), df.filter(col("run_date").equalTo(java.sql.Date.valueOf(D1)))
          .orderBy(df.columns()[0], java.util.Arrays.copyOfRange(df.columns(), 1, df.columns().length)).collectAsList(),
          t.name() + ": same rows as the nightly stage");
    }
  }

  @Test
  @Order(12)
  void rankAmbassadorsRerunsTheRankingStageWithOtherWeights() {
    java.util.List<String> args = new java.util.ArrayList<>(List.of("rank-ambassadors", "--input",
        warehouse.resolve(NightlyCommand.DEMO_INPUT).toString(), "--warehouse", warehouse.toString(), "--run-date", D1));
    for (io.virage.ranking.ScoreComponent c : io.virage.ranking.ScoreComponent.values()) {
      args.addAll(List.of("--set", "ranking.weights." + c.key() + "=" + (c == io.virage.ranking.ScoreComponent.INFLUENCE ? 1 : 0)));
    }
    Result r = cli(args.toArray(String[]::new));
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("rank-ambassadors " + D1 + " succeeded"), r.out());
    java.sql.Date d1 = java.sql.Date.valueOf(D1);
    Dataset<Row> ranked = table(OutputTables.AMBASSADOR_RANKINGS).filter(col("run_date").equalTo(d1));
    assertTrue(ranked.count() > 0);
    assertEquals(0, ranked.filter("abs(score - influence_component) > 1e-12").count(), "score = the one weighted component");
    assertEquals(0, ranked.filter("rank = 1").join(ranked.groupBy("brand_id").agg(
        org.apache.spark.sql.functions.max("influence_component").as("best")), "brand_id")
        .filter("influence_component < best").count(), "rank 1 has the brand's best influence component");
    assertEquals(table(OutputTables.USER_BRAND_SENTIMENT).filter(col("run_date").equalTo(d1)).count(),
        table(OutputTables.AMBASSADOR_CANDIDATES).filter(col("run_date").equalTo(d1)).count(),
        "every (user, brand) with posts is a candidate");

    Result missing = cli("rank-ambassadors", "--input", warehouse.resolve(NightlyCommand.DEMO_INPUT).toString(),
        "--warehouse", warehouse.toString(), "--run-date", "2026-01-01");
    assertEquals(1, missing.code(), missing.err());
    assertEquals("virage rank-ambassadors: error: influence_scores has no rows for run date 2026-01-01: run influence"
        + " (or nightly) for that date first", missing.err().strip());
  }
}
