package io.virage.graph;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log10;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.unix_timestamp;
import static org.apache.spark.sql.functions.when;

import io.virage.config.Settings;
import io.virage.schema.InputContract.Interactions;
import io.virage.schema.InputContract.Users;
import io.virage.schema.OutputTables.Influence;
import java.time.LocalDate;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A bot/spam likelihood in [0, 1] per user, and the discount it puts on the user's edges.
 *
 * <p>Signals, each in [0, 1] (1 = bot-like); the activity signals need at least
 * {@code quality.min-activity} interactions by the user in the window, else they are 0:
 * <ul>
 *   <li>{@code follow_ratio}: following / followers: 0 up to 10x, 1 from 1000x (log scale);</li>
 *   <li>{@code young_account}: 1 - age / {@code quality.young-account-days}, 0 for older or unknown;</li>
 *   <li>{@code low_reciprocity}: share of the distinct users it acted on that never acted back;</li>
 *   <li>{@code burstiness}: share of its interactions on its single busiest day;</li>
 *   <li>{@code low_effort}: share of its interactions that are likes or follows;</li>
 *   <li>{@code bought_audience}: share of the engagement it received that comes from accounts whose
 *       likelihood from the signals above is at least {@code quality.likely-bot-threshold}.</li>
 * </ul>
 * The likelihood is the weighted mean of the signals ({@code quality.weights}). Edges from a user
 * are multiplied by {@code min(1, (1 - p) / (1 - threshold))}: untouched below the threshold, down
 * to 0 for p = 1. {@code influence.bot-discount = false} keeps every weight.
 *
 * <p>In: loaded users, the run's windowed interactions. Out of {@link #score}: user_id,
 * {@link Influence#BOT_LIKELIHOOD} (double), one row per user.
 */
public final class AccountQuality {
  private AccountQuality() {}

  /** As {@link #score(Dataset, Dataset, Settings.Quality)}, pairs, activity and first pass computed here. */
  public static Dataset<Row> score(Dataset<Row> users, Dataset<Row> windowed, LocalDate runDate,
      Settings.Quality q) {
    Dataset<Row> pairs = InteractionGraph.pairs(windowed);
    return score(firstPass(users, windowed, UserActivity.of(pairs), runDate, q), pairs, q);
  }

  /** On {@link #firstPass}' output: the likelihood from every signal but bought audience. */
  private static final String FIRST_PASS = "_p1";
  /** On {@link #firstPass}' output: interactions the user received in the window. */
  private static final String RECEIVED = "_received";

  /**
   * Every signal that needs no other account's likelihood, one row per user: user_id, the five
   * signals, interactions received and {@link #FIRST_PASS}. {@code activity}: {@link UserActivity#of}
   * the window's pairs. The stage caches it: {@link #score} reads it twice (the likely bots, and
   * the final likelihood), and it holds the one aggregation of the raw interactions per user and day.
   */
  public static Dataset<Row> firstPass(Dataset<Row> users, Dataset<Row> windowed, Dataset<Row> activity,
      LocalDate runDate, Settings.Quality q) {
    long end = InteractionGraph.endOfDay(runDate);
    Dataset<Row> busiest = windowed.groupBy(col(Interactions.SRC_USER_ID).as(Users.USER_ID),
            to_date(col(Interactions.TS)).as("_day")).agg(count(lit(1)).as("_n"))
        .groupBy(Users.USER_ID).agg(max("_n").as("_busiest"));

    Column activityCount = coalesce(col(UserActivity.ACTIVITY), lit(0L));
    Column active = activityCount.geq(q.minActivity());
    Column followRatio = clamp(log10(coalesce(col(Users.FOLLOWING_COUNT), lit(0L)).plus(1)
        .divide(coalesce(col(Users.FOLLOWERS_COUNT), lit(0L)).plus(1))).minus(1).divide(2));
    Column ageDays = lit(end).minus(unix_timestamp(col(Users.CREATED_AT))).divide(86400.0);
    Column young = coalesce(clamp(lit(1.0).minus(ageDays.divide(q.youngAccountDays()))), lit(0.0));
    Column lowReciprocity = when(active,
        lit(1.0).minus(col(UserActivity.RECIPROCATED).divide(col(UserActivity.TARGETS)))).otherwise(0.0);
    Column burstiness = when(active, col("_busiest").divide(activityCount)).otherwise(0.0);
    Column lowEffort = when(active, col(UserActivity.LOW_EFFORT).divide(activityCount)).otherwise(0.0);
    Dataset<Row> first = users.select(col(Users.USER_ID), col(Users.FOLLOWERS_COUNT), col(Users.FOLLOWING_COUNT),
            col(Users.CREATED_AT))
        .join(activity, Users.USER_ID, "left").join(busiest, Users.USER_ID, "left")
        .select(col(Users.USER_ID),
            followRatio.as("_s_ratio"), young.as("_s_young"), lowReciprocity.as("_s_recip"),
            burstiness.as("_s_burst"), lowEffort.as("_s_effort"),
            coalesce(col(Influence.IN_DEGREE), lit(0L)).as(RECEIVED));
    return first.withColumn(FIRST_PASS, weighted(q, col("_s_ratio"), col("_s_young"), col("_s_recip"),
        col("_s_burst"), col("_s_effort"), null));
  }

  /**
   * The likelihood: {@code first} ({@link #firstPass}) plus the bought-audience signal, which needs
   * the likely bots of the first pass and the window's {@link InteractionGraph#pairs}.
   */
  public static Dataset<Row> score(Dataset<Row> first, Dataset<Row> pairs, Settings.Quality q) {
    // Engagement received from accounts that already look like bots. The likely bots are few next
    // to the pairs (at most the users, which the dense index broadcasts too): shipped to every task,
    // once, and matched against each direction's sender, so the pairs are not shuffled to find them.
    Dataset<Row> likely = first.filter(col(FIRST_PASS).geq(q.likelyBotThreshold())).select(col(Users.USER_ID).as("_sender"));
    Column selfLoop = col(InteractionGraph.A).equalTo(col(InteractionGraph.B));
    Dataset<Row> bought = pairs
        .select(explode(array(
            struct(col(InteractionGraph.A).as("from"), col(InteractionGraph.B).as("to"), col(InteractionGraph.N_AB).as("n")),
            when(not(selfLoop), struct(col(InteractionGraph.B).as("from"), col(InteractionGraph.A).as("to"),
                col(InteractionGraph.N_BA).as("n"))))).as("_r"))
        .filter(col("_r").isNotNull().and(col("_r.n").gt(0)))
        .join(broadcast(likely), col("_r.from").equalTo(col("_sender")))
        .groupBy(col("_r.to").as(Users.USER_ID)).agg(sum("_r.n").as("_from_bots"));
    Column boughtShare = when(col(RECEIVED).gt(0),
        coalesce(col("_from_bots"), lit(0L)).divide(col(RECEIVED))).otherwise(0.0);
    Column likelihood = weighted(q, col("_s_ratio"), col("_s_young"), col("_s_recip"), col("_s_burst"),
        col("_s_effort"), boughtShare);
    return first.join(bought, Users.USER_ID, "left")
        .select(col(Users.USER_ID), likelihood.as(Influence.BOT_LIKELIHOOD));
  }

  /**
   * {@link InteractionGraph#pairs} with {@link InteractionGraph#DW_AB} and {@link InteractionGraph#DW_BA}:
   * each direction's weight discounted by its source's likelihood (the raw weights stay).
   */
  public static Dataset<Row> discountPairs(Dataset<Row> pairs, Dataset<Row> quality, double threshold) {
    return pairs
        .join(broadcast(likelyBots(quality, threshold, "_qa", "_pa")), col(InteractionGraph.A).equalTo(col("_qa")), "left")
        .join(broadcast(likelyBots(quality, threshold, "_qb", "_pb")), col(InteractionGraph.B).equalTo(col("_qb")), "left")
        .withColumn(InteractionGraph.DW_AB, col(InteractionGraph.W_AB).multiply(factor(col("_pa"), threshold)))
        .withColumn(InteractionGraph.DW_BA, col(InteractionGraph.W_BA).multiply(factor(col("_pb"), threshold)))
        .drop("_qa", "_pa", "_qb", "_pb");
  }

  /**
   * Below the threshold the discount factor is 1: only the likely bots change a weight. They are
   * few next to the edges (at most the users, which the dense index broadcasts too): shipped to
   * every task, so the edges are not shuffled for the discount.
   */
  private static Dataset<Row> likelyBots(Dataset<Row> quality, double threshold, String id, String likelihood) {
    return quality.filter(col(Influence.BOT_LIKELIHOOD).geq(threshold))
        .select(col(Users.USER_ID).as(id), col(Influence.BOT_LIKELIHOOD).as(likelihood));
  }

  /** min(1, (1 - p) / (1 - threshold)), at least 0; 1 when p is null (not a likely bot). */
  private static Column factor(Column p, double threshold) {
    Column likelihood = coalesce(p, lit(0.0));
    return least(lit(1.0), greatest(lit(0.0), lit(1.0).minus(likelihood).divide(1 - threshold)));
  }

  private static Column weighted(Settings.Quality q, Column ratio, Column young, Column recip, Column burst,
      Column effort, Column bought) {
    Column total = ratio.multiply(q.followRatioWeight()).plus(young.multiply(q.youngAccountWeight()))
        .plus(recip.multiply(q.lowReciprocityWeight())).plus(burst.multiply(q.burstinessWeight()))
        .plus(effort.multiply(q.lowEffortWeight()));
    double weights = q.followRatioWeight() + q.youngAccountWeight() + q.lowReciprocityWeight()
        + q.burstinessWeight() + q.lowEffortWeight();
    if (bought != null) {
      total = total.plus(bought.multiply(q.boughtAudienceWeight()));
      weights += q.boughtAudienceWeight();
    }
    return weights == 0 ? lit(0.0) : total.divide(weights);
  }

  private static Column clamp(Column c) {
    return least(lit(1.0), greatest(lit(0.0), c));
  }
}
