package io.virage.graph;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log10;
import static org.apache.spark.sql.functions.max;
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
  private static final String ACTIVITY = "_activity";

  private AccountQuality() {}

  public static Dataset<Row> score(Dataset<Row> users, Dataset<Row> windowed, LocalDate runDate,
      Settings.Quality q) {
    long end = InteractionGraph.endOfDay(runDate);
    Dataset<Row> out = windowed.groupBy(col(Interactions.SRC_USER_ID).as(Users.USER_ID)).agg(
        count(lit(1)).as(ACTIVITY),
        count_distinct(col(Interactions.DST_USER_ID)).as("_targets"),
        sum(when(col(Interactions.TYPE).isin("like", "follow"), 1).otherwise(0)).as("_low_effort"));
    Dataset<Row> busiest = windowed.groupBy(col(Interactions.SRC_USER_ID).as(Users.USER_ID),
            to_date(col(Interactions.TS)).as("_day")).agg(count(lit(1)).as("_n"))
        .groupBy(Users.USER_ID).agg(max("_n").as("_busiest"));
    Dataset<Row> pairs = windowed.select(col(Interactions.SRC_USER_ID).as("_a"), col(Interactions.DST_USER_ID).as("_b"))
        .distinct();
    Dataset<Row> reciprocated = pairs.join(pairs.select(col("_a").as("_ra"), col("_b").as("_rb")),
            col("_a").equalTo(col("_rb")).and(col("_b").equalTo(col("_ra"))))
        .groupBy(col("_a").as(Users.USER_ID)).agg(count(lit(1)).as("_reciprocated"));

    Column active = coalesce(col(ACTIVITY), lit(0L)).geq(q.minActivity());
    Column followRatio = clamp(log10(coalesce(col(Users.FOLLOWING_COUNT), lit(0L)).plus(1)
        .divide(coalesce(col(Users.FOLLOWERS_COUNT), lit(0L)).plus(1))).minus(1).divide(2));
    Column ageDays = lit(end).minus(unix_timestamp(col(Users.CREATED_AT))).divide(86400.0);
    Column young = coalesce(clamp(lit(1.0).minus(ageDays.divide(q.youngAccountDays()))), lit(0.0));
    Column lowReciprocity = when(active,
        lit(1.0).minus(coalesce(col("_reciprocated"), lit(0L)).divide(col("_targets")))).otherwise(0.0);
    Column burstiness = when(active, col("_busiest").divide(col(ACTIVITY))).otherwise(0.0);
    Column lowEffort = when(active, col("_low_effort").divide(col(ACTIVITY))).otherwise(0.0);
    Dataset<Row> first = users.select(col(Users.USER_ID), col(Users.FOLLOWERS_COUNT), col(Users.FOLLOWING_COUNT),
            col(Users.CREATED_AT))
        .join(out, Users.USER_ID, "left").join(busiest, Users.USER_ID, "left").join(reciprocated, Users.USER_ID, "left")
        .select(col(Users.USER_ID),
            followRatio.as("_s_ratio"), young.as("_s_young"), lowReciprocity.as("_s_recip"),
            burstiness.as("_s_burst"), lowEffort.as("_s_effort"));
    Column firstPass = weighted(q, col("_s_ratio"), col("_s_young"), col("_s_recip"), col("_s_burst"),
        col("_s_effort"), null);
    Dataset<Row> withFirst = first.withColumn("_p1", firstPass);

    // Engagement received from accounts that already look like bots.
    Dataset<Row> boughtAudience = windowed
        .join(withFirst.select(col(Users.USER_ID).as("_src"), col("_p1")), col(Interactions.SRC_USER_ID).equalTo(col("_src")))
        .groupBy(col(Interactions.DST_USER_ID).as(Users.USER_ID))
        .agg(sum(when(col("_p1").geq(q.likelyBotThreshold()), 1).otherwise(0)).divide(count(lit(1))).as("_s_bought"));
    Column likelihood = weighted(q, col("_s_ratio"), col("_s_young"), col("_s_recip"), col("_s_burst"),
        col("_s_effort"), coalesce(col("_s_bought"), lit(0.0)));
    return withFirst.join(boughtAudience, Users.USER_ID, "left")
        .select(col(Users.USER_ID), likelihood.as(Influence.BOT_LIKELIHOOD));
  }

  /**
   * Edges with their weight discounted by the source's likelihood. In: edges (src, dst, weight,
   * ...) and {@link #score}'s output.
   */
  public static Dataset<Row> discount(Dataset<Row> edges, Dataset<Row> quality, double threshold) {
    Column p = coalesce(col(Influence.BOT_LIKELIHOOD), lit(0.0));
    Column factor = least(lit(1.0), greatest(lit(0.0), lit(1.0).minus(p).divide(1 - threshold)));
    return edges.join(quality.select(col(Users.USER_ID).as("_q"), col(Influence.BOT_LIKELIHOOD)),
            col(InteractionGraph.SRC).equalTo(col("_q")), "left")
        .withColumn(InteractionGraph.WEIGHT, col(InteractionGraph.WEIGHT).multiply(factor))
        .drop("_q", Influence.BOT_LIKELIHOOD)
        .filter(col(InteractionGraph.WEIGHT).gt(0));
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
