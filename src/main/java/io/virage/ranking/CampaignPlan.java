package io.virage.ranking;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import io.virage.config.Settings;
import io.virage.schema.OutputTables;
import io.virage.schema.OutputTables.Campaign;
import io.virage.schema.OutputTables.Rankings;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * {@code campaign_plans}: the ambassadors of one brand to pay for a campaign under a budget, chosen for
 * the most distinct audience ({@link MaxCoverage#budgeted}: greedy by audience added per unit of
 * cost, or the best single pick when it alone reaches more).
 *
 * <p>Candidates: the brand's ranks 1..{@code campaign.candidate-pool} of the run date. Cost of a
 * candidate: {@code campaign.employee-cost} for an employee, else {@code campaign.tier-costs} of
 * their tier. Audience: as the roster's ({@link AmbassadorRoster#audiences}), the distinct accounts,
 * not likely bots, that engaged with them in the history window. The pool is gathered into one row
 * and solved in one task. In: the run date's ambassador_rankings rows, the windowed interactions,
 * influence_scores. Out: rows in the shape of campaign_plans, in pick order; none when nobody fits.
 */
public final class CampaignPlan {
  private CampaignPlan() {}

  /** What a plan is made of; the same request gives the same {@link #id}. */
  public record Request(LocalDate runDate, String brandId, double budget, Settings.Campaign costs) {
    /** SHA-256 (hex, first 16 characters) of the run date, brand, budget, costs and candidate pool. */
    public String id() {
      String canonical = runDate + "|" + brandId + "|" + budget + "|" + costs.tierCosts() + "|" + costs.employeeCost()
          + "|" + costs.candidatePool();
      try {
        byte[] d = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(d).substring(0, 16);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  public static Dataset<Row> plan(Request request, Dataset<Row> rankings, Dataset<Row> windowedInteractions,
      Dataset<Row> influence, double likelyBotThreshold, Timestamp plannedAt) {
    Settings.Campaign s = request.costs();
    Dataset<Row> pool = rankings.filter(col(OutputTables.BRAND_ID).equalTo(lit(request.brandId()))
            .and(col(Rankings.RANK).leq(s.candidatePool())))
        .select(col(OutputTables.USER_ID), col(Rankings.HANDLE), col(Rankings.RANK), col(Rankings.TIER),
            col(Rankings.IS_EMPLOYEE),
            when(col(Rankings.IS_EMPLOYEE), lit(s.employeeCost()))
                .when(col(Rankings.TIER).equalTo("gold"), lit(s.cost("gold", false)))
                .when(col(Rankings.TIER).equalTo("silver"), lit(s.cost("silver", false)))
                .otherwise(lit(s.cost("bronze", false))).as(Campaign.COST));
    Dataset<Row> audiences = AmbassadorRoster.audiences(pool, windowedInteractions, influence, likelyBotThreshold);
    Dataset<Row> gathered = pool.join(audiences, OutputTables.USER_ID, "left")
        .groupBy(lit(1))
        .agg(collect_list(struct(col(Rankings.RANK), col(OutputTables.USER_ID), col(Rankings.HANDLE),
            col(Rankings.TIER), col(Rankings.IS_EMPLOYEE), col(Campaign.COST),
            col(AmbassadorRoster.AUDIENCE))).as("_pool"));
    String id = request.id();
    Date date = Date.valueOf(request.runDate());
    String brand = request.brandId();
    double budget = request.budget();
    return gathered.flatMap((FlatMapFunction<Row, Row>) row -> solve(row.getList(1), id, date, brand, budget, plannedAt)
        .iterator(), Encoders.row(OutputTables.CAMPAIGN_PLANS.schema()));
  }

  private static List<Row> solve(List<Row> candidates, String id, Date date, String brand, double budget,
      Timestamp plannedAt) {
    List<Row> pool = new ArrayList<>(candidates);
    pool.sort(Comparator.comparingInt(r -> r.getInt(0)));
    long[][] audiences = new long[pool.size()][];
    double[] costs = new double[pool.size()];
    for (int i = 0; i < pool.size(); i++) {
      audiences[i] = AmbassadorRoster.members(pool.get(i), 6);
      costs[i] = pool.get(i).getDouble(5);
    }
    MaxCoverage.BudgetedPlan plan = MaxCoverage.budgeted(audiences, costs, budget);
    long all = MaxCoverage.union(audiences);
    List<Row> out = new ArrayList<>();
    for (int p = 0; p < plan.picks().size(); p++) {
      MaxCoverage.BudgetedPick pick = plan.picks().get(p);
      Row user = pool.get(pick.index());
      out.add(RowFactory.create(date, id, brand, budget, plan.method(), p + 1, user.getString(1), user.getString(2),
          user.getInt(0), user.getString(3), user.getBoolean(4), pick.cost(), pick.cumulativeCost(),
          (long) audiences[pick.index()].length, pick.marginal(), pick.cumulative(),
          all == 0 ? 0.0 : (double) pick.cumulative() / all, plannedAt));
    }
    return out;
  }
}
