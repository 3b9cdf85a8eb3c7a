package io.virage.bench;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virage.SparkTestBase;
import io.virage.cli.VirageCli;
import io.virage.lake.Lakehouse;
import io.virage.schema.OutputTables;
import java.nio.file.Path;
import java.time.LocalDate;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ranking against the demo's planted truth and against what happened next: nightly on 20,000
 * demo users for run date T = history end - 14 days, then {@link RankingValidity}; and a second
 * nightly for T + 1 whose movers must agree with T's ranks. Thresholds sit below the figures
 * measured on this data (docs/benchmarks.md, "Is the ranking right?").
 */
class RankingValidityIT extends SparkTestBase {
  private static final LocalDate END = LocalDate.parse("2026-11-26");
  private static final LocalDate T = END.minusDays(14);

  @TempDir
  static Path tmp;

  private static Lakehouse lake;
  private static RankingValidity.Report report;

  @BeforeAll
  static void runNightly() {
    String input = tmp.resolve("input").toString();
    String warehouse = tmp.resolve("lake").toString();
    assertEquals(0, VirageCli.execute("generate-demo", "--users", "20000", "--end-date", END.toString(), "--out", input));
    for (LocalDate d : new LocalDate[] {T, T.plusDays(1)}) {
      // One L2 value and no search: the demo's templated labels are learnt exactly either way.
      assertEquals(0, VirageCli.execute("nightly", "--input", input, "--warehouse", warehouse, "--run-date", d.toString(),
          "--set", "sentiment.cv-folds=1", "--set", "sentiment.reg-params=[0.01]"), "nightly " + d);
    }
    lake = new Lakehouse(spark, warehouse);
    report = RankingValidity.measure(spark, input, lake, T, 14, 10);
  }

  @Test
  void genuineAdvocatesRankAboveBoughtEngagementAndDetractors() {
    report.plantedPrecision().forEach((brand, p) ->
        assertTrue(p >= 0.8, brand + ": precision@10 among planted accounts " + p));
    assertTrue(report.meanPlantedPrecision() >= 0.9, "mean " + report.meanPlantedPrecision());
    assertTrue(report.meanPrecision() >= 0.5, "planted advocates in the overall top 10: " + report.meanPrecision());
    assertEquals(0, report.badInTopK(), "no planted bot, buyer or detractor of the brand in any top 10");
  }

  @Test
  void conversionCreditLandsOnPlantedAdvocatesAndNotOnBots() {
    // Advocates are 5% of users and drive about 40% of the planted conversions; bots touched about 45%
    // (their fake likes and follows on buyers), which must earn them nothing.
    assertTrue(report.attributedConversions() > 500, "conversions attributed: " + report.attributedConversions());
    double advocates = report.creditByRole().get("advocate");
    double bots = report.creditByRole().get("bot");
    assertTrue(advocates >= 0.2, "advocates' share of the credit " + report.creditByRole());
    assertTrue(bots <= 0.02, "bots' share of the credit " + report.creditByRole());
  }

  @Test
  void compositeBeatsFollowersAndPageRankOnTheEngagementUsersDriveNext() {
    RankingValidity.Method composite = report.method(RankingValidity.COMPOSITE);
    for (String baseline : new String[] {RankingValidity.FOLLOWERS, RankingValidity.PAGERANK}) {
      RankingValidity.Method b = report.method(baseline);
      assertTrue(composite.ndcg() > b.ndcg(), "NDCG@10 " + composite + " vs " + b);
      assertTrue(composite.spearman() > b.spearman(), "Spearman " + composite + " vs " + b);
    }
    assertTrue(report.usersWithFutureEngagement() > 100, "enough signal: " + report.usersWithFutureEngagement());
  }

  @Test
  void moversAgreeWithThePreviousRunDate() {
    Dataset<Row> before = lake.read(OutputTables.AMBASSADOR_RANKINGS, T)
        .select(col("brand_id"), col("user_id"), col("rank").as("before"));
    Dataset<Row> after = lake.read(OutputTables.AMBASSADOR_RANKINGS, T.plusDays(1))
        .join(before, new String[] {"brand_id", "user_id"}, "left");
    assertTrue(after.count() > 0);
    assertEquals(0, after.filter("NOT (previous_rank <=> before)").count(), "previous_rank is T's rank");
    assertEquals(0, after.filter("rank_change IS DISTINCT FROM previous_rank - rank").count());
    assertEquals(0, after.filter("is_new <> (before IS NULL)").count());
    // A mover (ranking.movers defaults: 3 positions, a component change of 0.01) always names what moved.
    assertEquals(0, after.filter("is_mover IS DISTINCT FROM (CASE WHEN is_new THEN NULL"
        + " ELSE abs(rank_change) >= 3 AND moved_components IS NOT NULL END)").count());
    assertTrue(after.filter("is_mover").count() > 0, "some ambassadors move over a day of 20,000 users");
  }

  @Test
  void rosterReachesMoreDistinctPeopleThanTheTopK() {
    Dataset<Row> roster = lake.read(OutputTables.AMBASSADOR_ROSTER, T);
    assertEquals(5, roster.select("brand_id").distinct().count(), "a roster per brand");
    Row last = roster.groupBy().agg(org.apache.spark.sql.functions.sum("cumulative_reach").as("r"),
        org.apache.spark.sql.functions.sum("top_k_reach").as("t")).first();
    assertTrue(last.getLong(0) > last.getLong(1), "roster " + last.getLong(0) + " vs top-k " + last.getLong(1));
    assertEquals(0, roster.filter("marginal_reach <= 0").count(), "every pick adds someone");
    assertEquals(0, roster.groupBy("brand_id", "community").count().filter("count > 3").count(),
        "at most ranking.roster.max-per-community per community");
  }
}
