package io.virage.cli;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virage.SparkTestBase;
import io.virage.schema.InputContract;
import io.virage.schema.OutputTables;
import io.virage.testing.Cli;
import io.virage.testing.Cli.Result;
import io.virage.testing.DemoLakehouse;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
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
 * {@code plan-campaign} as a user runs it, on a copy of the suite's demo lakehouse: the plan fits the
 * budget, each pick costs what the configuration says for its tier, the plan's reach is the distinct
 * audience of its picks counted here from the raw input, a rerun replaces the plan, another budget
 * adds one, the report lists the plans, erasure covers the table, and a wrong brand is a usage error naming the ranked brands.
 * (The choice itself is checked against an exhaustive search in {@code MaxCoverageTest}.)
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CampaignPlanTest extends SparkTestBase {
  private static final String BRAND = "aurora";
  private static final Map<String, Double> TIER_COSTS = Map.of("gold", 1000.0, "silver", 400.0, "bronze", 150.0);
  private static final double EMPLOYEE_COST = 50.0;

  @TempDir
  static Path scratch;

  static Path warehouse;
  static Result first;

  private static Result plan(String budget, String... more) {
    List<String> args = new java.util.ArrayList<>(List.of("plan-campaign", "--input", DemoLakehouse.input().toString(),
        "--warehouse", warehouse.toString(), "--brand", BRAND, "--budget", budget));
    args.addAll(List.of(more));
    return Cli.run(args.toArray(String[]::new));
  }

  private static String readString(Path p) {
    try {
      return java.nio.file.Files.readString(p);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static Dataset<Row> table(OutputTables.Table t) {
    return spark.read().format("delta").load(warehouse.resolve(t.name()).toString());
  }

  @BeforeAll
  static void planOnce() {
    warehouse = DemoLakehouse.copy(scratch.resolve("lake"));
    first = plan("2000");
    assertEquals(0, first.code(), first.err());
  }

  @Test
  @Order(1)
  void thePlanFitsTheBudgetCostsWhatTheTiersSayAndReachesItsPicksDistinctAudience() {
    List<Row> picks = table(OutputTables.CAMPAIGN_PLANS).orderBy("pick").collectAsList();
    assertTrue(picks.size() >= 2, "a 2,000 budget buys several ambassadors: " + picks);
    String runDate = DemoLakehouse.D2; // the brand's latest ranked run date, the default
    double spent = 0;
    for (int i = 0; i < picks.size(); i++) {
      Row p = picks.get(i);
      assertEquals(i + 1, p.<Integer>getAs("pick"));
      assertEquals(runDate, p.getAs("run_date").toString());
      Row ranked = table(OutputTables.AMBASSADOR_RANKINGS).filter(col("run_date").equalTo(java.sql.Date.valueOf(runDate))
          .and(col("brand_id").equalTo(BRAND)).and(col("user_id").equalTo(p.<String>getAs("user_id")))).first();
      assertEquals(ranked.<Integer>getAs("rank"), p.<Integer>getAs("rank"));
      double expected = ranked.<Boolean>getAs("is_employee") ? EMPLOYEE_COST : TIER_COSTS.get(ranked.<String>getAs("tier"));
      assertEquals(expected, p.<Double>getAs("cost"), 0.0, "cost of " + p);
      spent += expected;
      assertEquals(spent, p.<Double>getAs("cumulative_cost"), 1e-9);
    }
    assertTrue(spent <= 2000.0, "spent " + spent);

    // The reach, counted here from the raw input: distinct accounts that interacted with a pick in
    // the 365-day window up to the end of the run date, neither a self-loop nor of an unknown type,
    // both ends known users (the graph's), the engager not a likely bot (bot_likelihood >= 0.5).
    long end = LocalDate.parse(runDate).plusDays(1).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
    Dataset<Row> graphUsers = table(OutputTables.INFLUENCE_SCORES).filter(col("run_date").equalTo(java.sql.Date.valueOf(runDate)));
    Dataset<Row> bots = graphUsers.filter(col("bot_likelihood").geq(0.5)).select(col("user_id").as("bot"));
    Dataset<Row> known = graphUsers.select(col("user_id").as("known"));
    List<String> pickIds = picks.stream().map(r -> r.<String>getAs("user_id")).toList();
    Dataset<Row> engagers = spark.read().parquet(DemoLakehouse.input().resolve("interactions").toString())
        .filter(col("dst_user_id").isin(pickIds.toArray()).and(col("src_user_id").notEqual(col("dst_user_id")))
            .and(col("type").isin(InputContract.Interactions.TYPES.toArray()))
            .and(col("ts").lt(lit(new Timestamp(end * 1000))))
            .and(col("ts").geq(lit(new Timestamp((end - 365L * 86400) * 1000)))))
        .join(known, col("src_user_id").equalTo(col("known")), "left_semi")
        .join(bots, col("src_user_id").equalTo(col("bot")), "left_anti")
        .select("src_user_id").distinct();
    Row last = picks.get(picks.size() - 1);
    assertEquals(engagers.count(), last.<Long>getAs("cumulative_reach"), "the plan's distinct reach");
    long sum = picks.stream().mapToLong(r -> r.<Long>getAs("marginal_reach")).sum();
    assertEquals(last.<Long>getAs("cumulative_reach"), sum, "marginal reaches add up to the reach");
    assertTrue(first.out().contains("plan " + last.getAs("plan_id") + " for " + BRAND + " on " + runDate), first.out());
    assertTrue(first.out().contains(String.format("%,d distinct accounts", last.<Long>getAs("cumulative_reach"))), first.out());
  }

  @Test
  @Order(2)
  void aRerunReplacesThePlanAnotherBudgetAddsOneAndErasureCoversPlans() {
    long rows = table(OutputTables.CAMPAIGN_PLANS).count();
    Result again = plan("2000");
    assertEquals(0, again.code(), again.err());
    assertEquals(rows, table(OutputTables.CAMPAIGN_PLANS).count(), "the same plan, replaced, not duplicated");
    Result smaller = plan("600");
    assertEquals(0, smaller.code(), smaller.err());
    Result summary = Cli.run("sql", "--warehouse", warehouse.toString(), "--format", "csv",
        "SELECT budget, picks, cost <= budget AS fits FROM campaign_plan_summary ORDER BY budget");
    assertEquals(0, summary.code(), summary.err());
    List<String> lines = summary.out().lines().toList();
    assertEquals(3, lines.size(), summary.out());
    assertTrue(lines.get(1).startsWith("600.0,") && lines.get(1).endsWith(",true"), summary.out());
    assertTrue(lines.get(2).equals("2000.0," + rows + ",true"), summary.out());

    Path html = scratch.resolve("report.html");
    Result report = Cli.run("report", "--warehouse", warehouse.toString(), "--run-date", DemoLakehouse.D2,
        "--out", html.toString());
    assertEquals(0, report.code(), report.err());
    String page = readString(html);
    for (Row plan : table(OutputTables.CAMPAIGN_PLANS).select("plan_id").distinct().collectAsList()) {
      assertTrue(page.contains("<td>" + plan.getString(0) + "</td>"), "the report lists plan " + plan.getString(0));
    }

    String erased = table(OutputTables.CAMPAIGN_PLANS).orderBy("budget", "pick").first().getAs("user_id");
    Result forget = Cli.run("forget-user", "--warehouse", warehouse.toString(), "--user-id", erased);
    assertEquals(0, forget.code(), forget.err());
    assertTrue(forget.out().lines().anyMatch(l -> l.matches("campaign_plans\\s+[1-9].* rows deleted")), forget.out());
    assertEquals(0, table(OutputTables.CAMPAIGN_PLANS).filter(col("user_id").equalTo(erased)).count());
  }

  @Test
  @Order(3)
  void anUnknownBrandOrABadBudgetIsAUsageErrorThatSaysWhatWouldWork() {
    Result r = Cli.run("plan-campaign", "--input", DemoLakehouse.input().toString(), "--warehouse", warehouse.toString(),
        "--brand", "nosuch", "--budget", "1000");
    assertEquals(VirageCli.USAGE, r.code(), r.out());
    assertTrue(r.err().contains("--brand nosuch: the brand has no ambassador_rankings rows")
        && r.err().contains("aurora"), r.err());
    Result budget = plan("-5");
    assertEquals(VirageCli.USAGE, budget.code());
    assertTrue(budget.err().contains("--budget: expected a positive amount, found -5.0"), budget.err());
    Result day = plan("1000", "--run-date", "2020-01-01");
    assertEquals(VirageCli.USAGE, day.code());
    assertTrue(day.err().contains("no ambassador_rankings rows for that brand and date; brands ranked then: []"), day.err());
  }
}
