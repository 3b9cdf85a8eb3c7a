package io.virage.cli;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;

import io.virage.config.InvalidSettingException;
import io.virage.config.Settings;
import io.virage.jobs.InfluenceStage;
import io.virage.jobs.JobRun;
import io.virage.jobs.Pipeline;
import io.virage.jobs.RunContext;
import io.virage.lake.Lakehouse;
import io.virage.ranking.CampaignPlan;
import io.virage.schema.InputContract.InputDataset;
import io.virage.schema.OutputTables;
import io.virage.schema.OutputTables.Campaign;
import io.virage.schema.OutputTables.Rankings;
import io.virage.schema.OutputTables.Roster;
import java.io.PrintWriter;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code plan-campaign}: which of a brand's ranked ambassadors to pay for a campaign under a budget,
 * for the most distinct audience ({@link CampaignPlan}); writes the plan to campaign_plans and prints it.
 */
@Command(name = "plan-campaign", mixinStandardHelpOptions = true,
    description = {"Pick the ambassadors of a brand that reach the most distinct audience for a budget: greedy by",
        "audience added per unit of cost (campaign.tier-costs by tier, campaign.employee-cost for employees), or the",
        "single best pick when it alone reaches more, among the brand's ranks 1..campaign.candidate-pool of the run",
        "date. Reads the interactions from --input (validated, as nightly does) for the audiences; writes the plan",
        "to campaign_plans (a rerun of the same plan replaces it) and prints it."})
public final class PlanCampaignCommand extends VirageCommand implements WarehouseWriter {
  @Mixin
  InputOption input;

  @Option(names = "--brand", required = true, paramLabel = "B", description = "brand_id to plan for.")
  String brand;

  @Option(names = "--budget", required = true, paramLabel = "AMOUNT",
      description = "The most the picks may cost together, in the currency of campaign.tier-costs.")
  double budget;

  @Option(names = "--run-date", paramLabel = "YYYY-MM-DD",
      description = "Plan from this run date's ambassador_rankings. Default: the brand's latest ranked run date.")
  LocalDate runDate;

  @Override
  public Integer call() throws Exception {
    if (!(budget > 0) || Double.isInfinite(budget)) {
      throw new InvalidSettingException("plan-campaign --budget: expected a positive amount, found " + budget);
    }
    long start = System.nanoTime();
    Settings settings = common.settings();
    SparkSession spark = common.spark("plan-campaign");
    Lakehouse lake = new Lakehouse(spark, common.warehouse);
    LocalDate date = rankedRunDate(lake);
    RunContext ctx = new RunContext(spark, settings, input.path, lake, date, Instant.now());
    CampaignPlan.Request request = new CampaignPlan.Request(date, brand, budget, settings.campaign());
    Pipeline pipeline = new Pipeline(ctx, "plan-campaign");
    List<Row> plan = pipeline.run(List.of(InputDataset.USERS, InputDataset.INTERACTIONS, InputDataset.BRANDS),
        "plan-campaign", in -> {
          // Bounded: at most campaign.candidate-pool rows, in pick order.
          List<Row> rows = CampaignPlan.plan(request, lake.read(OutputTables.AMBASSADOR_RANKINGS, date),
                  InfluenceStage.windowed(ctx, in), lake.read(OutputTables.INFLUENCE_SCORES, date),
                  settings.quality().likelyBotThreshold(), Timestamp.from(ctx.now()))
              .collectAsList();
          lake.replaceRunDate(OutputTables.CAMPAIGN_PLANS, spark.createDataFrame(rows,
              OutputTables.CAMPAIGN_PLANS.schema()), date, Campaign.PLAN_ID, List.of(request.id()));
          Map<String, Object> details = new LinkedHashMap<>();
          details.put("plan_id", request.id());
          details.put("brand_id", brand);
          details.put("budget", budget);
          details.put("picks", rows.size());
          if (!rows.isEmpty()) {
            Row last = rows.get(rows.size() - 1);
            details.put("method", last.getAs(Campaign.METHOD));
            details.put("cost", last.getAs(Campaign.CUMULATIVE_COST));
            details.put("reach", last.getAs(Roster.CUMULATIVE_REACH));
          }
          return new JobRun.Outcome<>(rows, rows.size(), rows.size(), details);
        });
    print(out(), request, plan);
    out().printf("plan-campaign %s succeeded in %.1f s (run %s); plan %s in campaign_plans under %s%n",
        date, (System.nanoTime() - start) / 1e9, pipeline.runId(), request.id(), lake.root());
    return 0;
  }

  /** The run date asked for, or the brand's latest in ambassador_rankings; a clear error when it has none. */
  private LocalDate rankedRunDate(Lakehouse lake) {
    Dataset<Row> rankings = lake.read(OutputTables.AMBASSADOR_RANKINGS);
    Dataset<Row> ofBrand = rankings.filter(col(OutputTables.BRAND_ID).equalTo(lit(brand)));
    if (runDate != null) {
      if (ofBrand.filter(col(OutputTables.RUN_DATE).equalTo(lit(java.sql.Date.valueOf(runDate)))).isEmpty()) {
        throw new InvalidSettingException("plan-campaign --brand " + brand + " --run-date " + runDate
            + ": no ambassador_rankings rows for that brand and date; brands ranked then: " + brandsOn(rankings
            .filter(col(OutputTables.RUN_DATE).equalTo(lit(java.sql.Date.valueOf(runDate))))));
      }
      return runDate;
    }
    Row latest = ofBrand.agg(max(OutputTables.RUN_DATE)).first();
    if (latest.isNullAt(0)) {
      throw new InvalidSettingException("plan-campaign --brand " + brand + ": the brand has no ambassador_rankings rows"
          + " (run nightly first); brands ranked: " + brandsOn(rankings));
    }
    return latest.getDate(0).toLocalDate();
  }

  /** The distinct brands of some rankings rows (a handful), sorted. */
  private static List<String> brandsOn(Dataset<Row> rankings) {
    return rankings.select(OutputTables.BRAND_ID).distinct().orderBy(OutputTables.BRAND_ID).limit(100)
        .collectAsList().stream().map(r -> r.getString(0)).toList();
  }

  static void print(PrintWriter out, CampaignPlan.Request request, List<Row> plan) {
    if (plan.isEmpty()) {
      out.printf("plan %s for %s on %s, budget %,.2f: nobody fits the budget (or nobody has an audience):"
              + " no picks; costs are campaign.tier-costs %s, campaign.employee-cost %,.2f%n", request.id(),
          request.brandId(), request.runDate(), request.budget(), request.costs().tierCosts(),
          request.costs().employeeCost());
      return;
    }
    Row last = plan.get(plan.size() - 1);
    out.printf("plan %s for %s on %s, budget %,.2f (%s): %d picks costing %,.2f, reaching %,d distinct accounts"
            + " (%.1f%% of the candidate pool's audience)%n", request.id(), request.brandId(), request.runDate(),
        request.budget(), last.<String>getAs(Campaign.METHOD), plan.size(),
        last.<Double>getAs(Campaign.CUMULATIVE_COST), last.<Long>getAs(Roster.CUMULATIVE_REACH),
        100 * last.<Double>getAs(Roster.COVERAGE));
    out.printf("%4s  %-14s %-18s %5s  %-6s %-8s %10s %10s %8s %8s%n", "pick", "user_id", "handle", "rank", "tier",
        "employee", "cost", "spent", "adds", "reach");
    for (Row r : plan) {
      out.printf("%4d  %-14s %-18s %5d  %-6s %-8s %,10.2f %,10.2f %,8d %,8d%n", r.<Integer>getAs(Roster.PICK),
          r.<String>getAs(OutputTables.USER_ID), r.<String>getAs(Rankings.HANDLE), r.<Integer>getAs(Rankings.RANK),
          r.<String>getAs(Rankings.TIER), r.<Boolean>getAs(Rankings.IS_EMPLOYEE) ? "yes" : "no",
          r.<Double>getAs(Campaign.COST), r.<Double>getAs(Campaign.CUMULATIVE_COST),
          r.<Long>getAs(Roster.MARGINAL_REACH), r.<Long>getAs(Roster.CUMULATIVE_REACH));
    }
  }
}
